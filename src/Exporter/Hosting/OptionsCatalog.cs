using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Xml.Linq;

namespace Vbrick.Exporter.Hosting;

/// <summary>
/// Every configuration key, read from the options classes themselves (names, types, defaults, and
/// the summary of each property's XML documentation), so <c>--help</c> and <c>--check-config</c>
/// can never drift from what is bound.
/// </summary>
public static class OptionsCatalog
{
    /// <summary>The bound sections, in the order the README documents them.</summary>
    public static readonly IReadOnlyList<(string Section, Type Type)> Sections =
    [
        (Rev.RevOptions.SectionName, typeof(Rev.RevOptions)),
        (Polling.EventsOptions.SectionName, typeof(Polling.EventsOptions)),
        (Polling.PollingOptions.SectionName, typeof(Polling.PollingOptions)),
        (PostEvent.PostEventOptions.SectionName, typeof(PostEvent.PostEventOptions)),
        (Web.WebOptions.SectionName, typeof(Web.WebOptions)),
        (Metrics.MetricsOptions.SectionName, typeof(Metrics.MetricsOptions)),
        (Telemetry.OtlpOptions.SectionName, typeof(Telemetry.OtlpOptions)),
        (Sharding.ShardingOptions.SectionName, typeof(Sharding.ShardingOptions)),
        (Demo.DemoOptions.SectionName, typeof(Demo.DemoOptions)),
    ];

    /// <summary>Key parts whose values are never printed.</summary>
    private static readonly string[] SecretParts = ["Secret", "ApiKey", "Password", "BasicAuthUsers", "Headers"];

    public sealed record Key(string Name, Type Type, string Default, string Description);

    public static bool IsSecret(string key) => SecretParts.Any(p => key.Contains(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every settable key of every section, with its default.</summary>
    public static IReadOnlyList<Key> Keys()
    {
        var docs = LoadDocumentation();
        var keys = new List<Key>();
        foreach (var (section, type) in Sections)
        {
            Walk(section, type, Activator.CreateInstance(type), docs, keys);
        }

        return keys;
    }

    /// <summary>The effective value of every key of <paramref name="bound"/> (an options instance), secrets redacted.</summary>
    public static IEnumerable<(string Key, string Value)> Values(string section, object bound)
    {
        foreach (var property in Settable(bound.GetType()))
        {
            var key = section + ":" + property.Name;
            var value = property.GetValue(bound);
            if (IsNested(property.PropertyType) && value is not null)
            {
                foreach (var nested in Values(key, value))
                {
                    yield return nested;
                }

                continue;
            }

            yield return (key, IsSecret(key) ? Redacted(value) : Show(value));
        }
    }

    private static void Walk(string prefix, Type type, object? defaults, Dictionary<string, string> docs, List<Key> keys)
    {
        foreach (var property in Settable(type))
        {
            var key = prefix + ":" + property.Name;
            var value = defaults is null ? null : property.GetValue(defaults);
            if (IsNested(property.PropertyType))
            {
                Walk(key, property.PropertyType, value, docs, keys);
                continue;
            }

            var name = IsDictionary(property.PropertyType) ? key + ":<name>" : IsList(property.PropertyType) ? key + ":<index>" : key;
            docs.TryGetValue($"P:{property.DeclaringType!.FullName}.{property.Name}", out var description);
            keys.Add(new Key(name, property.PropertyType, IsSecret(key) || value is null ? string.Empty : Show(value), description ?? string.Empty));
        }
    }

    private static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic && p.GetIndexParameters().Length == 0);

    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !IsDictionary(type) && !IsList(type) && type.Namespace?.StartsWith("Vbrick.Exporter", StringComparison.Ordinal) == true;

    private static bool IsDictionary(Type type) => typeof(IDictionary).IsAssignableFrom(type);

    private static bool IsList(Type type) => type != typeof(string) && typeof(IList).IsAssignableFrom(type);

    private static string Redacted(object? value) => value switch
    {
        null => "(unset)",
        string s when s.Length == 0 => "(unset)",
        IDictionary { Count: 0 } => "(none)",
        IDictionary d => "(" + string.Join(", ", d.Keys.Cast<object>().Select(k => k + "=<redacted>")) + ")",
        _ => "<redacted>",
    };

    private static string Show(object? value) => value switch
    {
        null => "(unset)",
        // An address may carry user info, a token in its path or query: scheme, host and port only.
        Uri uri => Configuration.SafeAddress.Describe(uri),
        string s when Uri.TryCreate(s, UriKind.Absolute, out var address) && address.Scheme is "http" or "https" => Configuration.SafeAddress.Describe(address),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s.Length == 0 ? "(unset)" : s,
        IDictionary d => d.Count == 0 ? "(none)" : string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}={d[k]}")),
        IEnumerable items => items.Cast<object>().Any() ? string.Join(", ", items.Cast<object>()) : "(none)",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>Property summaries from the XML documentation file shipped beside the assembly (absent: no descriptions).</summary>
    private static Dictionary<string, string> LoadDocumentation()
    {
        var docs = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.ChangeExtension(typeof(OptionsCatalog).Assembly.Location, ".xml");
        if (!File.Exists(path))
        {
            return docs;
        }

        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            var summary = member.Element("summary");
            if (name is not null && summary is not null)
            {
                var text = string.Concat(summary.Nodes().Select(n => n switch
                {
                    XElement e => e.Attribute("cref")?.Value.Split('.').Last() ?? e.Value,
                    XText t => t.Value,
                    _ => string.Empty,
                }));
                docs[name] = string.Join(' ', text.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return docs;
    }
}
