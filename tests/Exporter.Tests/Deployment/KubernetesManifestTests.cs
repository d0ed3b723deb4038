using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Vbrick.Exporter.Tests.Support;
using Vbrick.Exporter.Web;
using YamlDotNet.RepresentationModel;

namespace Vbrick.Exporter.Tests.Deployment;

/// <summary>
/// Reads every manifest in <c>deploy/kubernetes</c> with a YAML parser and checks what must agree
/// across them: ports, probe paths open without credentials, the numeric user, the labels each
/// selector picks, the job label the rules expect, one replica count for pods and shards, and the
/// generated PrometheusRule and dashboards ConfigMap against their sources.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(RepositoryFiles.Root, "deploy", "kubernetes");

    private static readonly Lazy<List<YamlMappingNode>> Manifests = new(() =>
        [.. Directory.GetFiles(Folder, "*.yaml").Where(f => Path.GetFileName(f) != "kustomization.yaml").SelectMany(Documents)]);

    private static YamlMappingNode StatefulSet => Kind("StatefulSet");

    private static YamlMappingNode Container => Assert.Single(Seq(StatefulSet, "spec.template.spec.containers"));

    [Fact]
    public void Kustomization_ListsEveryManifest()
    {
        var kustomization = Assert.Single(Documents(Path.Combine(Folder, "kustomization.yaml")));

        var listed = Items(kustomization, "resources").Select(Text).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName)
            .Where(f => f != "kustomization.yaml" && !f!.EndsWith(".example.yaml", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(present, listed);
    }

    [Fact]
    public void Kustomization_NeverAppliesASecret_SoTheUsersOwnIsNotOverwritten()
    {
        var kustomization = Assert.Single(Documents(Path.Combine(Folder, "kustomization.yaml")));

        foreach (var resource in Items(kustomization, "resources").Select(Text))
        {
            Assert.DoesNotContain(Documents(Path.Combine(Folder, resource)), d => Scalar(d, "kind") == "Secret");
        }

        Assert.Null(Node(kustomization, "secretGenerator"));
        Assert.Contains("kubectl create secret generic vbrick-exporter-rev", RepositoryFiles.Read("deploy/kubernetes/kustomization.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void KubePrometheusStackReleaseLabel_IsSetOnce_AndReachesTheServiceMonitorAndTheRule()
    {
        var kustomization = Assert.Single(Documents(Path.Combine(Folder, "kustomization.yaml")));

        var patch = Assert.Single(Seq(kustomization, "patches"));
        Assert.Equal("monitoring.coreos.com", Scalar(patch, "target.group"));
        Assert.Null(Node(patch, "target.kind"));
        var patchBody = new YamlStream();
        patchBody.Load(new StringReader(Scalar(patch, "patch")!));
        var operation = Assert.IsType<YamlMappingNode>(Assert.Single(Assert.IsType<YamlSequenceNode>(Assert.Single(patchBody.Documents).RootNode).Children));
        Assert.Equal("add", Scalar(operation, "op"));
        Assert.Equal("/metadata/labels/release", Scalar(operation, "path"));
        Assert.False(string.IsNullOrWhiteSpace(Scalar(operation, "value")));

        // The patch's group is exactly the Operator's kinds, and each already has a labels map to add to.
        var operatorKinds = Manifests.Value.Where(m => Scalar(m, "apiVersion")!.StartsWith("monitoring.coreos.com/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["PrometheusRule", "ServiceMonitor"], operatorKinds.Select(m => Scalar(m, "kind")).Order(StringComparer.Ordinal));
        Assert.All(operatorKinds, m => Map(m, "metadata.labels"));
    }

    [Fact]
    public void Requests_AreWhatTheSizingGuideRecommends()
    {
        var sizing = RepositoryFiles.Read("docs/operations.md");
        var recommended = Regex.Match(sizing, @"Start with (?<memory>\d+) MiB and (?<cpu>0\.\d+) CPU");
        Assert.True(recommended.Success, "docs/operations.md states no starting size");

        Assert.Equal($"{recommended.Groups["memory"].Value}Mi", Scalar(Container, "resources.requests.memory"));
        var cpu = double.Parse(recommended.Groups["cpu"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"{cpu * 1000:0}m", Scalar(Container, "resources.requests.cpu"));
    }

    [Fact]
    public void PodRunsAsTheImagesNumericNonRootUser_ReadOnly()
    {
        var security = Map(StatefulSet, "spec.template.spec.securityContext");

        Assert.Equal("true", Scalar(security, "runAsNonRoot"));

        // The aspnet image's APP_UID, which the Dockerfile's USER names.
        Assert.Equal("1654", Scalar(security, "runAsUser"));
        Assert.Contains("USER $APP_UID", RepositoryFiles.Read("Dockerfile"), StringComparison.Ordinal);
        Assert.Equal("true", Scalar(Container, "securityContext.readOnlyRootFilesystem"));
    }

    [Fact]
    public void Ports_AgreeFromContainerThroughServiceToServiceMonitor()
    {
        var containerPort = Assert.Single(Seq(Container, "ports"));
        var servicePort = Assert.Single(Seq(Kind("Service"), "spec.ports"));
        var endpoint = Assert.Single(Seq(Kind("ServiceMonitor"), "spec.endpoints"));

        Assert.Equal("9874", Scalar(containerPort, "containerPort"));
        Assert.Equal(Scalar(containerPort, "name"), Scalar(servicePort, "targetPort"));
        Assert.Equal(Scalar(servicePort, "name"), Scalar(endpoint, "port"));
        Assert.Equal("/metrics", Scalar(endpoint, "path"));
        Assert.Equal("None", Scalar(Kind("Service"), "spec.clusterIP"));
    }

    [Fact]
    public void Probes_UseTheHealthEndpoints_OnTheMetricsPort_OpenWithoutCredentials()
    {
        var web = new WebOptions();
        foreach (var (name, key) in new[] { ("OpenProbes", "Web__OpenProbes") })
        {
            if (Env(Container).TryGetValue(key, out var value))
            {
                web.OpenProbes = bool.Parse(value);
            }

            Assert.True(web.OpenProbes, $"{name} must stay on: probes send no credentials");
        }

        foreach (var (probe, path) in new[] { ("readinessProbe", "/readyz"), ("livenessProbe", "/healthz") })
        {
            Assert.Equal(path, Scalar(Container, $"{probe}.httpGet.path"));
            Assert.Equal(Scalar(Assert.Single(Seq(Container, "ports")), "name"), Scalar(Container, $"{probe}.httpGet.port"));
            Assert.True(web.IsOpen(path), $"{path} would need credentials the kubelet does not send");
        }
    }

    [Fact]
    public void Selectors_PickTheLabelsTheirTargetsCarry()
    {
        var podLabels = Labels(Map(StatefulSet, "spec.template.metadata.labels"));
        var service = Kind("Service");

        Assert.Subset(podLabels, Labels(Map(StatefulSet, "spec.selector.matchLabels")));
        Assert.Subset(podLabels, Labels(Map(service, "spec.selector")));
        Assert.Subset(Labels(Map(service, "metadata.labels")), Labels(Map(Kind("ServiceMonitor"), "spec.selector.matchLabels")));
        Assert.Equal(Scalar(service, "metadata.name"), Scalar(StatefulSet, "spec.serviceName"));
    }

    [Fact]
    public void ServiceMonitor_SetsTheJobTheRulesSelect()
    {
        var rules = RepositoryFiles.Read("alerts/vbrick-webcast.rules.yml");
        var expected = Assert.Single(JobSelector().Matches(rules).Select(m => m.Groups["job"].Value).Distinct());

        var relabel = Assert.Single(Seq(Assert.Single(Seq(Kind("ServiceMonitor"), "spec.endpoints")), "relabelings"), r => Scalar(r, "targetLabel") == "job");
        Assert.Equal(expected, Scalar(relabel, "replacement"));
    }

    [Fact]
    public void ReplicaCount_IsSetOnce_AndReachesBothPodsAndShards()
    {
        var kustomization = Assert.Single(Documents(Path.Combine(Folder, "kustomization.yaml")));
        var replicas = Assert.Single(Seq(kustomization, "replicas"));
        Assert.Equal(Scalar(StatefulSet, "metadata.name"), Scalar(replicas, "name"));

        var replacement = Assert.Single(Seq(kustomization, "replacements"));
        Assert.Equal("spec.replicas", Scalar(replacement, "source.fieldPath"));
        var target = Text(Assert.Single(Items(Assert.Single(Seq(replacement, "targets")), "fieldPaths")));
        Assert.Equal("spec.template.spec.containers.[name=exporter].env.[name=Sharding__Replicas].value", target);
        Assert.Equal("exporter", Scalar(Container, "name"));
        Assert.True(Env(Container).ContainsKey("Sharding__Replicas"));

        // Where kubectl is installed, build the overlay and see the count in both places.
        if (RequiredTool.TryFind("kubectl") is { } kubectl)
        {
            var rendered = Run(kubectl, "kustomize " + Folder);
            var built = new YamlStream();
            built.Load(new StringReader(rendered));
            var statefulSet = built.Documents.Select(d => (YamlMappingNode)d.RootNode).Single(d => Scalar(d, "kind") == "StatefulSet");
            var container = Assert.Single(Seq(statefulSet, "spec.template.spec.containers"));
            Assert.Equal(Scalar(replicas, "count"), Scalar(statefulSet, "spec.replicas"));
            Assert.Equal(Scalar(replicas, "count"), Env(container)["Sharding__Replicas"]);
        }
    }

    [Fact]
    public void RevSecret_IsMountedWhereRevSecretFilePoints()
    {
        var secretName = Scalar(Kind("Secret"), "metadata.name");
        var volume = Assert.Single(Seq(StatefulSet, "spec.template.spec.volumes"), v => Scalar(v, "secret.secretName") == secretName);
        var mount = Assert.Single(Seq(Container, "volumeMounts"), m => Scalar(m, "name") == Scalar(volume, "name"));

        var file = Env(Container)["Rev__SecretFile"];
        Assert.StartsWith(Scalar(mount, "mountPath") + "/", file, StringComparison.Ordinal);
        Assert.True(Map(Kind("Secret"), "stringData").Children.ContainsKey(new YamlScalarNode(Path.GetFileName(file))));
    }

    [Fact]
    public void PrometheusRule_CarriesExactlyTheAlertsFilesGroups()
    {
        var source = new YamlStream();
        source.Load(new StringReader(RepositoryFiles.Read("alerts/vbrick-webcast.rules.yml")));

        Assert.Equal(Json(((YamlMappingNode)source.Documents[0].RootNode).Children[new YamlScalarNode("groups")]), Json(Map(Kind("PrometheusRule"), "spec").Children[new YamlScalarNode("groups")]));
    }

    [Fact]
    public void DashboardsConfigMap_CarriesEveryDashboardForGrafanasSidecar()
    {
        var configMap = Assert.Single(Manifests.Value, m => Scalar(m, "kind") == "ConfigMap" && Scalar(m, "metadata.name") == "vbrick-exporter-dashboards");
        Assert.Equal("1", Scalar(configMap, "metadata.labels.grafana_dashboard"));

        var data = Map(configMap, "data").Children.ToDictionary(kv => Text(kv.Key), kv => Text(kv.Value), StringComparer.Ordinal);
        var files = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "dashboards"), "*.json").Where(f => !Path.GetFileName(f).StartsWith("package", StringComparison.Ordinal)).ToList();
        Assert.Equal(files.Select(Path.GetFileName).Order(StringComparer.Ordinal), data.Keys.Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllText(file).TrimEnd(), data[Path.GetFileName(file)].TrimEnd());
        }
    }

    private static IEnumerable<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return stream.Documents.Select(d => Assert.IsType<YamlMappingNode>(d.RootNode));
    }

    private static YamlMappingNode Kind(string kind) => Assert.Single(Manifests.Value, m => Scalar(m, "kind") == kind);

    private static YamlNode? Node(YamlNode node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(part), out node!))
            {
                return null;
            }
        }

        return node;
    }

    private static string? Scalar(YamlNode node, string path) => (Node(node, path) as YamlScalarNode)?.Value;

    private static YamlMappingNode Map(YamlNode node, string path) => Assert.IsType<YamlMappingNode>(Node(node, path));

    private static List<YamlMappingNode> Seq(YamlNode node, string path) => [.. Assert.IsType<YamlSequenceNode>(Node(node, path)).Children.Cast<YamlMappingNode>()];

    private static List<YamlNode> Items(YamlNode node, string path) => [.. Assert.IsType<YamlSequenceNode>(Node(node, path)).Children];

    private static string Text(YamlNode node) => Assert.IsType<YamlScalarNode>(node).Value ?? string.Empty;

    private static HashSet<string> Labels(YamlMappingNode labels) => [.. labels.Children.Select(kv => Text(kv.Key) + "=" + Text(kv.Value))];

    private static Dictionary<string, string> Env(YamlMappingNode container) =>
        Seq(container, "env").Where(e => Scalar(e, "value") is not null).ToDictionary(e => Scalar(e, "name")!, e => Scalar(e, "value")!, StringComparer.Ordinal);

    /// <summary>A YAML tree as canonical JSON, so two documents compare by content, not by layout.</summary>
    private static string Json(YamlNode node) => JsonSerializer.Serialize(ToPlain(node));

    private static object? ToPlain(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode sequence => sequence.Children.Select(ToPlain).ToList(),
        YamlMappingNode map => map.Children.OrderBy(kv => Text(kv.Key), StringComparer.Ordinal).ToDictionary(kv => Text(kv.Key), kv => ToPlain(kv.Value)),
        _ => null,
    };

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        return output;
    }

    [GeneratedRegex("job=\"(?<job>[^\"]+)\"")]
    private static partial Regex JobSelector();
}
