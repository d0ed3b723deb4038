using System.Reflection;
using System.Text.RegularExpressions;
using Prometheus;
using Vbrick.Exporter.Metrics;
using Vbrick.Exporter.Tests.Support;

namespace Vbrick.Exporter.Tests.Architecture;

/// <summary>
/// The map ARCHITECTURE.md draws, held: feature folders of <c>src/Exporter</c> depend on each
/// other without a cycle (direct or through others), and only the publishers in <c>Metrics/</c> touch an instrument.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Source = Path.Combine(RepositoryFiles.Root, "src", "Exporter");

    private static readonly string[] Folders = [.. Directory.GetDirectories(Source).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj"))!];

    [Fact]
    public void FeatureFolders_DependOnEachOtherWithoutACycle()
    {
        var imports = Folders.ToDictionary(f => f, Imports, StringComparer.Ordinal);
        Assert.True(imports.Values.Sum(i => i.Count) >= 10, "the import scan found almost nothing");

        foreach (var folder in Folders)
        {
            var path = PathBack(folder, imports);
            Assert.True(path is null, $"{folder} reaches itself: {string.Join(" -> ", path ?? [])}");
        }

        // The data path's direction: the Rev client and the budgets report through interfaces.
        Assert.DoesNotContain("Metrics", imports["Rev"]);
        Assert.DoesNotContain("Metrics", imports["Budget"]);
        Assert.DoesNotContain("Polling", imports["Metrics"]);
    }

    [Fact]
    public void TheModelsInstruments_AreTouchedOnlyByItsPublishers()
    {
        var instruments = typeof(ExporterMetrics).GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(p => IsInstrument(p.PropertyType))
            .Select(p => p.Name)
            .ToList();
        Assert.True(instruments.Count >= 40, $"{instruments.Count} instruments found");
        var use = new Regex($@"\.({string.Join('|', instruments)})\s*\.\s*(WithLabels|Inc|IncTo|Set|Observe|RemoveLabelled|Value|GetAllLabelValues)\b");

        var touching = Directory.GetFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !IsGenerated(f) && use.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Source, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        // The per-event series' owners, the planner's published figures and the status page's reader.
        string[] publishers = ["Metrics/ExporterMetrics.cs", "Metrics/PostEventPublisher.cs", "Metrics/PublishedEvent.cs", "Metrics/StatusSnapshot.cs", "Metrics/WebcastPublisher.cs"];
        Assert.Contains("Metrics/PublishedEvent.cs", touching);
        Assert.Empty(touching.Except(publishers));
    }

    /// <summary>The process-wide areas keep their instruments in private fields: callers record through the areas' methods and read through typed accessors.</summary>
    [Fact]
    public void AreaInstruments_ArePrivateFields_SetOnlyInTheConstructor()
    {
        Type[] areas = [typeof(BudgetMetrics), typeof(RevCallMetrics), typeof(ServiceMetrics), typeof(ProcessMetrics)];
        const BindingFlags Members = BindingFlags.Instance | BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public;

        foreach (var area in areas)
        {
            var fields = area.GetFields(Members).Where(f => IsInstrument(f.FieldType)).ToList();
            Assert.True(fields.Count >= 4, $"{area.Name}: {fields.Count} instruments found");
            Assert.All(fields, f => Assert.True(f.IsPrivate && f.IsInitOnly, $"{area.Name}.{f.Name} is not private readonly"));
            Assert.Empty(area.GetProperties(Members).Where(p => IsInstrument(p.PropertyType)).Select(p => $"{area.Name}.{p.Name}"));
            Assert.Empty(area.GetMethods(Members).Where(m => IsInstrument(m.ReturnType)).Select(m => $"{area.Name}.{m.Name}"));
        }
    }

    private static bool IsInstrument(Type type) => typeof(Collector).IsAssignableFrom(type) || type == typeof(ExporterHistogram);

    [Fact]
    public void InstrumentProperties_AreNotPublic()
    {
        var visible = typeof(ExporterMetrics).GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => typeof(Collector).IsAssignableFrom(p.PropertyType) || p.PropertyType == typeof(ExporterHistogram))
            .Select(p => p.Name);

        Assert.Empty(visible);
    }

    [Fact]
    public void Instruments_AreCreatedOnceInTheConstructor_NeverSetLater_NorPromisedNonNull()
    {
        var instruments = typeof(ExporterMetrics).GetProperties(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(p => typeof(Collector).IsAssignableFrom(p.PropertyType) || p.PropertyType == typeof(ExporterHistogram))
            .ToList();
        Assert.True(instruments.Count >= 40, $"{instruments.Count} instruments found");

        Assert.Empty(instruments.Where(p => p.CanWrite).Select(p => p.Name));
        var promised = Directory.GetFiles(Path.Combine(Source, "Metrics"), "*.cs")
            .Where(f => File.ReadAllText(f).Contains("null!", StringComparison.Ordinal))
            .Select(Path.GetFileName);
        Assert.Empty(promised);
    }

    [Fact]
    public void SwitchesOverTheExportersOwnEnums_NameEveryValue_WithNoDefaultArm()
    {
        // A default arm swallows a value added later (a new reason read as "abandoned", say); with
        // no default arm the compiler refuses a switch that misses one (CS8509; CS8524 is off).
        var enums = typeof(ExporterMetrics).Assembly.GetTypes().Where(t => t.IsEnum).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Assert.True(enums.Count >= 15, $"{enums.Count} enums found");
        var armOfAnEnum = new Regex($@"(?m)^\s*({string.Join('|', enums)})\.\w+\s*(=>|when\b|or\b)");
        var defaultArm = new Regex(@"(?m)^\s*_\s*=>");

        var switches = 0;
        var offenders = new List<string>();
        foreach (var file in Directory.GetFiles(Source, "*.cs", SearchOption.AllDirectories).Where(f => !IsGenerated(f)))
        {
            foreach (var body in SwitchExpressionBodies(File.ReadAllText(file)))
            {
                if (armOfAnEnum.IsMatch(body))
                {
                    switches++;
                    if (defaultArm.IsMatch(body))
                    {
                        offenders.Add($"{Path.GetRelativePath(Source, file)}: {body.Trim().Split('\n')[0]}");
                    }
                }
            }
        }

        Assert.True(switches >= 20, $"only {switches} switches over the exporter's enums found: the scan is broken");
        Assert.Empty(offenders);
    }

    /// <summary>
    /// A folder's internal types are its own business: no other folder constructs one (a
    /// <c>new T(</c>, <c>new T {</c> or <c>new T&lt;</c>). Other folders get them from the folder's
    /// registration (<c>Add...</c>) or its public types; the composition root, <c>Hosting/</c>, only
    /// registers them.
    /// </summary>
    [Fact]
    public void AFoldersInternalTypes_AreConstructedOnlyInsideIt()
    {
        var internals = typeof(ExporterMetrics).Assembly.GetTypes()
            .Where(t => !t.IsPublic && !t.IsNested && t.Namespace is { } ns && ns.StartsWith("Vbrick.Exporter.", StringComparison.Ordinal)
                && !t.Name.Contains('<', StringComparison.Ordinal) && !t.IsEnum && !t.IsInterface && !t.IsAbstract
                && t.GetCustomAttributes(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false).Length == 0)
            .Select(t => (Folder: t.Namespace!["Vbrick.Exporter.".Length..].Split('.')[0], Name: t.Name.Split('`')[0]))
            .Distinct()
            .ToList();
        Assert.True(internals.Count >= 30, $"{internals.Count} internal types found");

        var offenders = new List<string>();
        var atHome = 0;
        foreach (var folder in Folders)
        {
            Regex Construction(IEnumerable<(string Folder, string Name)> types) =>
                new($@"\bnew\s+(?:Vbrick\.Exporter\.\w+\.)?({string.Join('|', types.Select(t => t.Name))})\s*[({{<]");
            var foreign = Construction(internals.Where(t => t.Folder != folder));
            var own = Construction(internals.Where(t => t.Folder == folder));
            foreach (var file in Directory.GetFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories).Where(f => !IsGenerated(f)))
            {
                var text = CommentLine().Replace(File.ReadAllText(file), string.Empty);
                offenders.AddRange(foreign.Matches(text).Select(m => $"{Path.GetRelativePath(Source, file)}: {m.Value}"));
                atHome += internals.Any(t => t.Folder == folder) ? own.Count(text) : 0;
            }
        }

        // The scan sees constructions where they belong, so an empty list means none elsewhere.
        Assert.True(atHome >= 20, $"only {atHome} constructions of internal types found in their own folders: the scan is broken");
        Assert.Empty(offenders);
    }

    /// <summary>The text between the braces of each <c>x switch { ... }</c> expression.</summary>
    private static IEnumerable<string> SwitchExpressionBodies(string text)
    {
        foreach (Match match in Regex.Matches(text, @"\bswitch\s*\{"))
        {
            var depth = 0;
            for (var i = match.Index + match.Length - 1; i < text.Length; i++)
            {
                depth += text[i] switch
                {
                    '{' => 1,
                    '}' => -1,
                    _ => 0,
                };
                if (depth == 0)
                {
                    yield return text[(match.Index + match.Length)..i];
                    break;
                }
            }
        }
    }

    private static bool IsGenerated(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    /// <summary>The folders a folder's code names: a using, a qualified name, or a folder-qualified type.</summary>
    private static HashSet<string> Imports(string folder)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(Source, folder), "*.cs", SearchOption.AllDirectories).Where(f => !IsGenerated(f)))
        {
            var text = CommentLine().Replace(File.ReadAllText(file), string.Empty);
            foreach (var other in Folders.Where(o => o != folder))
            {
                if (Regex.IsMatch(text, $@"\bVbrick\.Exporter\.{other}\b") || Regex.IsMatch(text, $@"(?<![\w.]){other}\.[A-Z]\w*"))
                {
                    found.Add(other);
                }
            }
        }

        return found;
    }

    /// <summary>A chain of imports from <paramref name="start"/> back to itself, or null.</summary>
    private static List<string>? PathBack(string start, Dictionary<string, HashSet<string>> imports)
    {
        var queue = new Queue<List<string>>([[start]]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (queue.Count > 0)
        {
            var path = queue.Dequeue();
            foreach (var next in imports[path[^1]])
            {
                if (next == start)
                {
                    return [.. path, next];
                }

                if (seen.Add(next))
                {
                    queue.Enqueue([.. path, next]);
                }
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*//.*$", RegexOptions.Multiline)]
    private static partial Regex CommentLine();
}
