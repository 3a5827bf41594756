using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lake.Cli;
using Lake.Telemetry;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Lake.Hosting.Tests.Deploy;

/// <summary>
/// The deployment files parse and agree with each other and with the code: no Docker engine or
/// cluster is needed to find a misspelt service, a dashboard metric Lake does not have, or an
/// autoscaler pointing at nothing.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string[] LakeServices = ["lake-serve", "lake-worker", "lake-ingest-worker", "lake-feed-watcher"];

    private static string Deploy => Path.Combine(Path.GetDirectoryName(SourceFolder.Resolve(null))!, "deploy");

    [Test]
    public void Compose_Services_BrokerCoordinatorWorkersAndMonitoring()
    {
        var services = Map(Compose(), "services");
        Assert.Multiple(() =>
        {
            Assert.That(services.Keys, Is.SupersetOf(new[] { "rabbitmq", "prometheus", "grafana" }.Concat(LakeServices)));
            Assert.That(Map(services, "rabbitmq")["image"], Is.EqualTo("rabbitmq:3.10-management"));
            Assert.That(Convert.ToInt32(Map(Map(services, "lake-worker"), "deploy")["replicas"], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(1));
            Assert.That((List<object>)Map(services, "lake-feed-watcher")["command"], Does.Contain("--watch"));
        });
    }

    [Test]
    public void Compose_LakeServices_ShareStorageKeysBrokerAndScrapePort()
    {
        var services = Map(Compose(), "services");
        Assert.Multiple(() =>
        {
            foreach (var name in LakeServices)
            {
                var service = Map(services, name);
                var environment = Map(service, "environment");
                Assert.That(environment["Messaging__Transport"], Is.EqualTo("RabbitMq"), name);
                Assert.That(environment["Telemetry__PrometheusPort"], Is.EqualTo("9464"), name);
                Assert.That((List<object>)service["volumes"], Has.Some.StartsWith("lake-data:").And.Some.StartsWith("lake-keys:"), name);
            }
        });
    }

    [Test]
    public void Compose_MountedFiles_ExistInDeploy()
    {
        var mounted = Map(Compose(), "services").Values.Cast<Dictionary<object, object>>()
            .Where(s => s.ContainsKey("volumes"))
            .SelectMany(s => ((List<object>)s["volumes"]).Cast<string>())
            .Where(v => v.StartsWith("./", StringComparison.Ordinal))
            .Select(v => v.Split(':')[0])
            .ToList();
        Assert.That(mounted, Is.Not.Empty);
        Assert.That(mounted.Where(path => !File.Exists(Path.Combine(Deploy, path)) && !Directory.Exists(Path.Combine(Deploy, path))), Is.Empty);
    }

    [Test]
    public void Prometheus_ScrapesEveryLakeServiceOnItsPort()
    {
        var config = Yaml(File.ReadAllText(Path.Combine(Deploy, "prometheus", "prometheus.yml")));
        var lake = ((List<object>)config["scrape_configs"]).Cast<Dictionary<object, object>>().Single(j => (string)j["job_name"] == "lake");
        var discovery = ((List<object>)lake["dns_sd_configs"]).Cast<Dictionary<object, object>>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(((List<object>)discovery["names"]).Cast<string>(), Is.EquivalentTo(LakeServices));
            Assert.That(discovery["port"], Is.EqualTo("9464"));
        });
    }

    [Test]
    public void RabbitMq_Definitions_QuorumDeliveryLimitPolicyOnTheLakeVirtualHost()
    {
        using var definitions = JsonDocument.Parse(File.ReadAllText(Path.Combine(Deploy, "rabbitmq", "definitions.json")));
        var uri = (string)Map(Map(Map(Compose(), "services"), "lake-serve"), "environment")["Messaging__RabbitMqUri"];
        var virtualHost = uri[(uri.LastIndexOf('/') + 1)..];
        var policy = definitions.RootElement.GetProperty("policies").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(definitions.RootElement.GetProperty("vhosts").EnumerateArray().Select(v => v.GetProperty("name").GetString()), Does.Contain(virtualHost));
            Assert.That(policy.GetProperty("vhost").GetString(), Is.EqualTo(virtualHost));
            Assert.That(policy.GetProperty("definition").GetProperty("delivery-limit").GetInt32(), Is.InRange(2, 20));
            Assert.That(Regex.IsMatch("ingest-feed", policy.GetProperty("pattern").GetString()!), Is.True, "the policy covers Lake's queues");
        });
    }

    [Test]
    public void Dashboard_Panels_UseTheProvisionedDatasourceAndLakesInstruments()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Deploy, "grafana", "dashboards", "lake.json")));
        var datasource = ((List<object>)Yaml(File.ReadAllText(Path.Combine(Deploy, "grafana", "provisioning", "datasources", "prometheus.yml")))["datasources"])
            .Cast<Dictionary<object, object>>().Single()["uid"];
        var targets = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .ToList();
        var instruments = typeof(InstrumentNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => ((string)f.GetValue(null)!).Replace('.', '_')).ToList();
        var metrics = targets.SelectMany(t => LakeMetricName().Matches(t.GetProperty("expr").GetString()!).Select(m => m.Value)).Distinct().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(targets.Select(t => t.GetProperty("datasource").GetProperty("uid").GetString()), Is.All.EqualTo(datasource));
            Assert.That(metrics.Where(m => !instruments.Any(i => m.StartsWith(i + "_", StringComparison.Ordinal) || m == i)), Is.Empty, "metrics that are no instrument of LakeMetrics");
            Assert.That(instruments.Where(i => !metrics.Any(m => m.StartsWith(i, StringComparison.Ordinal))), Is.Empty, "instruments the dashboard does not show");
        });
    }

    [Test]
    public void Kubernetes_Manifests_ParseAndReferToEachOther()
    {
        var folder = Path.Combine(Deploy, "kubernetes");
        var files = ((List<object>)Yaml(File.ReadAllText(Path.Combine(folder, "kustomization.yaml")))["resources"]).Cast<string>().ToList();
        var documents = files.SelectMany(f => YamlDocuments(File.ReadAllText(Path.Combine(folder, f)))).ToList();
        string Kind(Dictionary<object, object> d) => (string)d["kind"];
        string Name(Dictionary<object, object> d) => (string)Map(d, "metadata")["name"];
        var deployments = documents.Where(d => Kind(d) == "Deployment").ToList();
        var claims = documents.Where(d => Kind(d) == "PersistentVolumeClaim").Select(Name).ToList();
        var claimed = deployments.SelectMany(d => (List<object>)Map(Map(Map(d, "spec"), "template"), "spec")["volumes"])
            .Cast<Dictionary<object, object>>().Where(v => v.ContainsKey("persistentVolumeClaim"))
            .Select(v => (string)Map(v, "persistentVolumeClaim")["claimName"]).Distinct().ToList();
        var scaled = documents.Where(d => Kind(d) == "HorizontalPodAutoscaler").Select(d => (string)Map(Map(d, "spec"), "scaleTargetRef")["name"]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(documents.Select(Kind).Distinct(), Is.SupersetOf(new[] { "Namespace", "ConfigMap", "PersistentVolumeClaim", "Deployment", "Service", "HorizontalPodAutoscaler" }));
            Assert.That(deployments.Select(Name), Is.SupersetOf(LakeServices));
            Assert.That(claimed, Is.SubsetOf(claims));
            Assert.That(scaled, Is.SubsetOf(deployments.Select(Name)).And.Contains("lake-worker"));
            Assert.That(documents.Select(d => Map(d, "metadata").GetValueOrDefault("namespace") as string ?? Name(d)), Is.All.EqualTo("lake"));
        });
    }

    [Test]
    public void Kubernetes_Deployments_ProbeHealthzAndReadyzOnADeclaredPort()
    {
        Assert.Multiple(() =>
        {
            foreach (var deployment in KubernetesDocuments().Where(d => (string)d["kind"] == "Deployment"))
            {
                var name = (string)Map(deployment, "metadata")["name"];
                var container = Container(deployment);
                var ports = ((List<object>)container["ports"]).Cast<Dictionary<object, object>>().Select(p => (string)p["name"]).ToList();
                foreach (var (probe, path) in new[] { ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz") })
                {
                    var get = Map(Map(container, probe), "httpGet");
                    Assert.That(get["path"], Is.EqualTo(path), $"{name} {probe}");
                    Assert.That(ports, Does.Contain(get["port"]), $"{name} {probe} port");
                }
            }
        });
    }

    [Test]
    public void Kubernetes_Coordinator_ServiceExposesTheApiPortItListensOn()
    {
        var documents = KubernetesDocuments();
        var deployment = documents.Single(d => (string)d["kind"] == "Deployment" && (string)Map(d, "metadata")["name"] == "lake-serve");
        var service = documents.Single(d => (string)d["kind"] == "Service" && (string)Map(d, "metadata")["name"] == "lake-serve");
        var url = Environment(Container(deployment))["Coordinator__Url"];
        var api = ((List<object>)Map(service, "spec")["ports"]).Cast<Dictionary<object, object>>().Single(p => (string)p["name"] == "api");
        Assert.Multiple(() =>
        {
            Assert.That(new Uri(url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(api["port"]));
            Assert.That(new Uri(url).Host, Is.EqualTo("0.0.0.0"), "every interface of the pod, or the Service reaches nothing");
        });
    }

    [Test]
    public void Deployments_EachRole_ConnectsAsItsOwnBrokerUserWithAPasswordFile()
    {
        var roles = File.ReadAllLines(Path.Combine(Deploy, "rabbitmq", "roles"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ')[0]).ToList();
        var expected = new Dictionary<string, string>
        {
            ["lake-serve"] = "lake-coordinator", ["lake-worker"] = "lake-worker", ["lake-ingest-worker"] = "lake-ingest", ["lake-feed-watcher"] = "lake-ingest",
        };
        var composeServices = Map(Compose(), "services");
        var kubernetes = KubernetesDocuments().Where(d => (string)d["kind"] == "Deployment").ToDictionary(d => (string)Map(d, "metadata")["name"], d => Environment(Container(d)));
        Assert.Multiple(() =>
        {
            Assert.That(expected.Values.Distinct(), Is.SubsetOf(roles));
            foreach (var (service, user) in expected)
            {
                foreach (var (where, environment) in new[] { ("compose", Map(Map(composeServices, service), "environment").ToDictionary(e => (string)e.Key, e => (string)e.Value)), ("kubernetes", kubernetes[service]) })
                {
                    Assert.That(environment["Messaging__RabbitMqUsername"], Is.EqualTo(user), $"{where} {service}");
                    Assert.That(environment["Messaging__RabbitMqPasswordFile"], Does.StartWith("/run/secrets/"), $"{where} {service}");
                }
            }
        });
    }

    [Test]
    public void Deployments_NoPasswordOrHash_IsInTheFiles()
    {
        var files = Directory.EnumerateFiles(Deploy, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/secrets/", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(files.Where(f => File.ReadAllText(f).Contains("password_hash", StringComparison.Ordinal)), Is.Empty);
            Assert.That(files.Where(f => UserInfoInUri().IsMatch(File.ReadAllText(f))), Is.Empty, "amqp://user:password@ in a file");
        });
    }

    [Test]
    public void Compose_LakeServices_HaveAHealthcheckOnReadyzAndTheCoordinatorPublishesItsPort()
    {
        var services = Map(Compose(), "services");
        var serve = Map(services, "lake-serve");
        Assert.Multiple(() =>
        {
            foreach (var name in LakeServices)
            {
                var service = Map(services, name);
                Assert.That(string.Join(' ', ((List<object>)Map(service, "healthcheck")["test"]).Cast<string>()), Does.Contain("/readyz").And.Contain("/" + (string)Map(service, "environment")["Health__Port"] + " "), name);
                Assert.That(Map(service, "environment")["Telemetry__PrometheusHost"], Is.EqualTo("*"), $"{name}: scraped from the Prometheus container");
            }

            var port = new Uri((string)Map(serve, "environment")["Coordinator__Url"]).Port;
            Assert.That(((List<object>)serve["ports"]).Cast<string>(), Has.Some.EndsWith($":{port}"));
        });
    }

    [Test]
    public void Dockerfile_EntryPoint_IsTheLakeCommand()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));
        Assert.That(dockerfile, Does.Contain("ENTRYPOINT [\"dotnet\", \"/app/lake.dll\"]").And.Contain("src/Cli/Lake.Cli.csproj"));
    }

    private static List<Dictionary<object, object>> KubernetesDocuments()
    {
        var folder = Path.Combine(Deploy, "kubernetes");
        var files = ((List<object>)Yaml(File.ReadAllText(Path.Combine(folder, "kustomization.yaml")))["resources"]).Cast<string>();
        return files.SelectMany(f => YamlDocuments(File.ReadAllText(Path.Combine(folder, f)))).ToList();
    }

    private static Dictionary<object, object> Container(Dictionary<object, object> deployment) =>
        ((List<object>)Map(Map(Map(deployment, "spec"), "template"), "spec")["containers"]).Cast<Dictionary<object, object>>().Single();

    /// <summary>A container's environment: its ConfigMap's (every Lake pod uses "lake") under its own <c>env</c> values.</summary>
    private static Dictionary<string, string> Environment(Dictionary<object, object> container)
    {
        var configMap = KubernetesDocuments().Single(d => (string)d["kind"] == "ConfigMap");
        var environment = Map(configMap, "data").ToDictionary(e => (string)e.Key, e => (string)e.Value);
        foreach (var variable in ((List<object>)container["env"]).Cast<Dictionary<object, object>>().Where(v => v.ContainsKey("value")))
            environment[(string)variable["name"]] = (string)variable["value"];
        return environment;
    }

    private static Dictionary<object, object> Compose() => Yaml(File.ReadAllText(Path.Combine(Deploy, "docker-compose.yml")));

    private static Dictionary<object, object> Map(Dictionary<object, object> map, string key) =>
        map.TryGetValue(key, out var value) && value is Dictionary<object, object> child ? child : throw new AssertionException($"No mapping '{key}'.");

    private static Dictionary<object, object> Yaml(string text) => YamlDocuments(text).Single();

    /// <summary>Every document of a YAML stream, with merge keys (<c>&lt;&lt;: *anchor</c>) applied as Compose applies them.</summary>
    private static List<Dictionary<object, object>> YamlDocuments(string text)
    {
        var deserializer = new DeserializerBuilder().Build();
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _))
            documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        return documents;
    }

    [GeneratedRegex(@"\blake_[a-z_]+")]
    private static partial Regex LakeMetricName();

    [GeneratedRegex(@"amqps?://[^/\s:@]+:[^/\s@]+@")]
    private static partial Regex UserInfoInUri();
}
