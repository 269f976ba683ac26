using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ObjectStack.Host.Tests.Commands;

/// <summary>
/// Runs the real built <c>os</c> executable: the exit codes, the messages on standard output and error, and a
/// served runtime stopped with SIGTERM, the way a process manager would.
/// </summary>
public sealed partial class CommandLineTests
{
    private const string CrmConfig = "samples/crm/objectstack.json";

    /// <summary>The crm sample's six plugins: none depends on another, so they start in ordinal id order.</summary>
    private static readonly string[] CrmStartOrder =
        ["objectstack.ai", "objectstack.audit", "objectstack.auth", "objectstack.driver.sqlite", "objectstack.security", "objectstack.storage"];

    /// <summary>The first-party plugins bundled in plugins/ beside os, by id, with the folder each ships in.</summary>
    private static readonly Dictionary<string, string> FirstPartyFolders = new(StringComparer.Ordinal)
    {
        ["objectstack.ai"] = "ObjectStack.Plugins.AI",
        ["objectstack.audit"] = "ObjectStack.Plugins.Audit",
        ["objectstack.auth"] = "ObjectStack.Plugins.Auth",
        ["objectstack.driver.postgres"] = "ObjectStack.Drivers.Postgres",
        ["objectstack.driver.sqlite"] = "ObjectStack.Drivers.Sqlite",
        ["objectstack.security"] = "ObjectStack.Plugins.Security",
        ["objectstack.storage"] = "ObjectStack.Plugins.Storage",
    };

    private DirectoryInfo _directory = null!;

    private string WorkDirectory => _directory.FullName;

    [SetUp]
    public void CreateWorkDirectory() => _directory = Directory.CreateTempSubdirectory("objectstack-cli-");

    [TearDown]
    public void DeleteWorkDirectory() => _directory.Delete(recursive: true);

    [Test]
    public async Task Version_Run_PrintsRuntimeAndProtocolVersions()
    {
        var result = await OsProcess.RunAsync(WorkDirectory, ["version"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.OutputLines, Has.Member("os 0.1.0"));
            Assert.That(result.OutputLines, Has.Member("ObjectStack protocol 17"));
            Assert.That(result.Error, Is.Empty);
        }
    }

    [Test]
    public async Task Help_Root_ListsEveryCommand()
    {
        var result = await OsProcess.RunAsync(WorkDirectory, ["--help"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            foreach (var command in new[] { "serve", "validate", "plugins", "version" })
            {
                Assert.That(result.Output, Does.Match($@"(?m)^\s+{command}\s+\S"), $"'{command}' is not listed.");
            }
        }
    }

    [Test]
    public async Task Help_Serve_DescribesEveryOption()
    {
        var result = await OsProcess.RunAsync(WorkDirectory, ["serve", "--help"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("--config"));
            Assert.That(result.Output, Does.Contain("--port"));
            Assert.That(result.Output, Does.Contain("--urls"));
            Assert.That(result.Output, Does.Contain("--plugins-path"));
        }
    }

    [Test]
    public async Task Parse_UnknownOption_ExitsTwoWithoutServing()
    {
        // A usage error must stop before anything is composed or bound (a served runtime would hit the timeout instead).
        var result = await OsProcess.RunAsync(WorkDirectory, ["serve", "--no-such-option", "--port", Text(OsProcess.FreePort())]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Error, Does.Contain("--no-such-option"));
            Assert.That(result.Output, Does.Not.Contain("Now listening"));
        }
    }

    [Test]
    public async Task Validate_CrmSampleByRelativePath_ListsEnabledPluginsInStartOrder()
    {
        var result = await OsProcess.RunAsync(OsProcess.RepositoryRoot, ["validate", "--config", CrmConfig]);

        var listed = result.OutputLines
            .SkipWhile(line => line != "Plugins, in start order:")
            .Skip(1)
            .Select(line => line.Trim().Split(' ')[0])
            .ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.OutputLines, Has.Member($"{Path.Combine(OsProcess.RepositoryRoot, CrmConfig)} is valid."));
            Assert.That(listed, Is.EqualTo(CrmStartOrder), result.Output);
            Assert.That(result.Error, Is.Empty);
        }
    }

    [Test]
    public async Task Validate_InvalidConfiguration_ExitsThreeNamingEveryJsonPath()
    {
        var config = Path.Combine(WorkDirectory, "objectstack.json");
        await File.WriteAllTextAsync(config, """
            {
              "manifest": { "id": "Not A Valid Id", "name": "Broken" },
              "plugins": [],
              "colour": "blue"
            }
            """);

        var result = await OsProcess.RunAsync(WorkDirectory, ["validate", "--config", config]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Error, Does.Contain("$.colour"));
            Assert.That(result.Error, Does.Contain("$.manifest.id"));
            Assert.That(result.Error, Does.Contain(config));
            Assert.That(result.Output, Does.Not.Contain("is valid"));
        }
    }

    [Test]
    public async Task Validate_MissingConfiguration_ExitsThreeSayingItDoesNotExist()
    {
        var config = Path.Combine(WorkDirectory, "missing.json");

        var result = await OsProcess.RunAsync(WorkDirectory, ["validate", "--config", config]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Error, Does.Contain("does not exist"));
            Assert.That(result.Error, Does.Contain(config));
        }
    }

    [Test]
    public async Task PluginsList_Json_ListsFirstPartyPluginsInTheirOwnLoadContexts()
    {
        // The working directory has no objectstack.json, so only the bundled plugins/ folder is searched.
        var result = await OsProcess.RunAsync(WorkDirectory, ["plugins", "list", "--format", "json"]);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var plugins = document.RootElement.GetProperty("plugins").EnumerateArray().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plugins.Select(p => p.GetProperty("id").GetString()), Is.EquivalentTo(FirstPartyFolders.Keys));
            Assert.That(document.RootElement.GetProperty("problems").GetArrayLength(), Is.Zero);
            foreach (var plugin in plugins)
            {
                var id = plugin.GetProperty("id").GetString()!;
                var folder = FirstPartyFolders.GetValueOrDefault(id, "?");
                Assert.That(plugin.GetProperty("loadContext").GetString(), Is.EqualTo("plugin:" + id), id);
                Assert.That(
                    plugin.GetProperty("path").GetString(),
                    Is.EqualTo(Path.Combine(OsProcess.HostDirectory, "plugins", folder, folder + ".dll")),
                    id);
            }
        }
    }

    [Test]
    public async Task PluginsList_PluginsPath_IncludesTheFixturePlugin()
    {
        var alpha = OsProcess.FixturePath("Alpha");

        var result = await OsProcess.RunAsync(WorkDirectory, ["plugins", "list", "--plugins-path", alpha]);

        var entry = result.OutputLines.SkipWhile(line => !line.StartsWith("fixtures.alpha ", StringComparison.Ordinal)).Take(6).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(entry, Is.Not.Empty, result.Output);
            Assert.That(entry.FirstOrDefault(), Is.EqualTo("fixtures.alpha 1.0.0"));
            Assert.That(entry, Has.Some.Match(@"^\s+load context:\s+plugin:fixtures\.alpha$"));
            Assert.That(entry, Has.Some.EndsWith(Path.Combine(alpha, "Fixture.AlphaPlugin.dll")));
            Assert.That(result.OutputLines, Has.Some.StartsWith("objectstack.ai "), "The bundled plugins are still listed.");
        }
    }

    [Test]
    public async Task Serve_RequiredCapabilityMissing_ExitsFourWithoutRunningPluginCode()
    {
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "objectstack.json"), """{ "plugins": ["fixtures.requires-missing"] }""");
        var fixtureLog = Path.Combine(WorkDirectory, "fixture.log");

        var result = await OsProcess.RunAsync(
            WorkDirectory,
            ["serve", "--config", "objectstack.json", "--plugins-path", OsProcess.FixturePath("RequiresMissing"), "--port", Text(OsProcess.FreePort())],
            new Dictionary<string, string> { ["OBJECTSTACK_FIXTURE_LOG"] = fixtureLog });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(4), result.ToString());
            Assert.That(result.Error, Does.Contain("fixtures.requires-missing"));
            Assert.That(result.Error, Does.Contain("fixtures.nothing"));
            Assert.That(result.Error, Does.Contain("No plugin code was run."));
            Assert.That(fixtureLog, Does.Not.Exist, "The fixture's constructor ran.");
        }
    }

    [Test]
    public async Task Serve_InvalidOsPort_ExitsThreeNamingTheVariable()
    {
        var result = await OsProcess.RunAsync(
            OsProcess.RepositoryRoot,
            ["serve", "--config", CrmConfig],
            new Dictionary<string, string> { ["OS_PORT"] = "abc" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Error, Does.Contain("OS_PORT"));
            Assert.That(result.Error, Does.Contain("'abc'"));
            Assert.That(result.Output, Does.Not.Contain("Now listening"));
        }
    }

    [Test]
    public async Task Serve_CrmSample_ServesTheApiAndExitsZeroOnSigterm()
    {
        var port = OsProcess.FreePort();
        await using var os = OsProcess.Start(
            OsProcess.RepositoryRoot,
            ["serve", "--config", CrmConfig, "--port", Text(port)],
            new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Development" });
        using var client = CreateClient($"http://127.0.0.1:{port}/");

        await os.WaitUntilReadyAsync(client);
        var discovery = await client.GetFromJsonAsync<JsonElement>(new Uri("api/v1/discovery", UriKind.Relative));
        using var notFound = await client.GetAsync(new Uri("api/v1/nope", UriKind.Relative));
        var notFoundBody = await notFound.Content.ReadFromJsonAsync<JsonElement>();
        var result = await os.TerminateAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(discovery.GetProperty("name").GetString(), Is.EqualTo("Example CRM"));
            Assert.That(discovery.GetProperty("environment").GetString(), Is.EqualTo("development"));
            Assert.That(notFound.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(notFoundBody.GetProperty("success").GetBoolean(), Is.False);
            Assert.That(notFoundBody.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("ROUTE_NOT_FOUND"));
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(StartedPlugins(result.Output), Is.EqualTo(CrmStartOrder), "The log shows the start order validate reports.");
            Assert.That(result.Error, Is.Empty);
        }
    }

    [Test]
    public async Task Serve_Urls_ListensOnTheGivenUrl()
    {
        var url = $"http://127.0.0.1:{OsProcess.FreePort()}";
        // Production (the default here) needs a session secret for the sample's auth plugin.
        await using var os = OsProcess.Start(
            OsProcess.RepositoryRoot,
            ["serve", "--config", CrmConfig, "--urls", url],
            new Dictionary<string, string> { ["OS_AUTH_SECRET"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)) });
        using var client = CreateClient(url + "/");

        await os.WaitUntilReadyAsync(client);
        var result = await os.TerminateAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("Now listening on: " + url));
        }
    }

    [Test]
    public async Task Serve_Sigterm_StopsStartedPluginsBeforeExiting()
    {
        // Configured through the environment and ./objectstack.json only: OS_PORT, OS_PLUGINS_PATH and the default config path.
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "objectstack.json"), """{ "plugins": ["fixtures.alpha"] }""");
        var fixtureLog = Path.Combine(WorkDirectory, "fixture.log");
        var port = OsProcess.FreePort();
        await using var os = OsProcess.Start(WorkDirectory, ["serve"], new Dictionary<string, string>
        {
            ["OS_PORT"] = Text(port),
            ["OS_PLUGINS_PATH"] = OsProcess.FixturePath("Alpha"),
            ["OBJECTSTACK_FIXTURE_LOG"] = fixtureLog,
        });
        using var client = CreateClient($"http://127.0.0.1:{port}/");

        await os.WaitUntilReadyAsync(client);
        using var alpha = await client.GetAsync(new Uri("api/v1/fixtures/alpha", UriKind.Relative));
        var result = await os.TerminateAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(alpha.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.OutputLines, Has.Some.EndsWith("Plugin fixtures.alpha stopped."));
            Assert.That(
                await File.ReadAllLinesAsync(fixtureLog),
                Is.EqualTo(new[] { "fixtures.alpha:created", "fixtures.alpha:configure", "fixtures.alpha:start", "fixtures.alpha:stop" }));
        }
    }

    [Test]
    public async Task Serve_PortInUse_ExitsOneSayingItCannotListen()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var result = await OsProcess.RunAsync(
            OsProcess.RepositoryRoot,
            ["serve", "--config", CrmConfig, "--port", Text(port)]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Error, Does.Contain("error: cannot listen"));
            Assert.That(result.Error, Does.Contain($"127.0.0.1:{port}"));
            Assert.That(result.Error, Does.Not.Contain("Unhandled exception"));
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static HttpClient CreateClient(string baseAddress) =>
        new() { BaseAddress = new Uri(baseAddress), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>The plugin ids of the "Plugin {id} {version} started" log lines, in log order.</summary>
    private static List<string> StartedPlugins(string log) =>
        [.. StartedLine().Matches(log).Select(m => m.Groups["id"].Value)];

    [GeneratedRegex(@"Plugin (?<id>\S+) \S+ started \(load context")]
    private static partial Regex StartedLine();
}
