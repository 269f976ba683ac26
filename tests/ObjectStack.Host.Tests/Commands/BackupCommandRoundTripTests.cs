using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ObjectStack.Host.Tests.Commands;

/// <summary>
/// The behaviour every driver's <c>os backup</c> and <c>os restore</c> share, run against real <c>os</c> processes: a
/// database seeded by <c>os serve</c> is backed up while the server runs, restored into an empty database, and served
/// again with the same records. Each driver's fixture says how to get an empty database and how to point <c>os</c> at it.
/// </summary>
public abstract partial class BackupCommandRoundTripTests
{
    /// <summary>Two objects, a lookup between them and an autonumber, so ids, references and counters all travel.</summary>
    private const string Objects = """
        {
          "account": { "fields": { "name": { "type": "text", "required": true }, "employees": { "type": "number", "scale": 0 }, "seq": { "type": "autonumber" } } },
          "contact": { "fields": { "name": { "type": "text", "required": true }, "account": { "type": "lookup", "reference": "account" } } }
        }
        """;

    private const string SeedData = """
        [
          { "object": "account", "records": [ { "name": "Acme", "employees": 42 }, { "name": "Globex", "employees": 7 } ] },
          { "object": "contact", "records": [ { "name": "Wile", "account": "Acme" } ] }
        ]
        """;

    private static readonly string[] ObjectNames = ["account", "contact"];

    private DirectoryInfo _directory = null!;

    /// <summary>Gets the working directory of every <c>os</c> the test runs; deleted after the test.</summary>
    protected string WorkDirectory => _directory.FullName;

    /// <summary>Gets the driver name <c>os</c> prints, such as <c>sqlite</c>.</summary>
    protected abstract string DriverName { get; }

    /// <summary>Gets the database product named in the "not a backup" message, such as <c>SQLite</c>.</summary>
    protected abstract string ProductName { get; }

    [SetUp]
    public void CreateWorkDirectory() => _directory = Directory.CreateTempSubdirectory("objectstack-backup-");

    [TearDown]
    public void DeleteWorkDirectory() => _directory.Delete(recursive: true);

    [Test]
    public async Task BackupRestore_SeededDatabaseWhileServing_RestoresTheSameRecordsIntoAnEmptyDatabase()
    {
        var source = await CreateDatabaseAsync("source", seed: true);
        var target = await CreateDatabaseAsync("target", seed: false);
        IReadOnlyDictionary<string, List<string>> original = null!;
        OsResult backup = null!;
        await ServeAsync(source, async client =>
        {
            original = await ReadAllAsync(client);
            backup = await RunAsync(source, "backup", "--out", "app.osbak"); // online: the server keeps running
        });

        var restore = await RunAsync(target, "restore", "app.osbak");
        IReadOnlyDictionary<string, List<string>> restored = null!;
        JsonElement created = default;
        await ServeAsync(target, async client =>
        {
            restored = await ReadAllAsync(client);
            created = await CreateAccountAsync(client, "Initech");
        });

        var backedUp = BackedUpLine(Path.Combine(WorkDirectory, "app.osbak")).Match(FirstLine(backup));
        var version = backedUp.Groups["version"].Value;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(original["account"], Has.Count.EqualTo(2), "The seed data was not applied.");
            Assert.That(backup.ExitCode, Is.Zero, backup.ToString());
            Assert.That(backedUp.Success, Is.True, backup.ToString());
            Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
            Assert.That(
                FirstLine(restore),
                Does.StartWith($"Restored the {DriverName} database: 2 table(s), 3 record(s), schema version {version}."),
                restore.ToString());
            Assert.That(restored, Is.EqualTo(original), "The restored records differ from the backed-up ones (ids, values, timestamps).");
            Assert.That(created.GetProperty("seq").GetInt64(), Is.EqualTo(3), "The autonumber did not continue where the backup left it.");
        }
    }

    [Test]
    public async Task Restore_DatabaseHoldsRecords_RefusesWithoutForceAndReplacesThemWithForce()
    {
        var source = await CreateDatabaseAsync("source", seed: true);
        var target = await CreateDatabaseAsync("target", seed: false);
        IReadOnlyDictionary<string, List<string>> original = null!;
        await ServeAsync(source, async client => original = await ReadAllAsync(client));
        var backup = await RunAsync(source, "backup", "--out", "app.osbak");
        var first = await RunAsync(target, "restore", "app.osbak");
        await ServeAsync(target, client => CreateAccountAsync(client, "Initech"));

        var refused = await RunAsync(target, "restore", "app.osbak");
        var probe = await RunAsync(target, "backup", "--out", "probe.osbak"); // counts what the refused restore left
        var forced = await RunAsync(target, "restore", "app.osbak", "--force");
        IReadOnlyDictionary<string, List<string>> restored = null!;
        await ServeAsync(target, async client => restored = await ReadAllAsync(client));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(backup.ExitCode, Is.Zero, backup.ToString());
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(refused.ExitCode, Is.EqualTo(7), refused.ToString());
            Assert.That(refused.Error, Does.StartWith("error: "));
            Assert.That(refused.Error, Does.Contain("--force"));
            Assert.That(refused.Error, Does.Contain("4 record(s)"));
            Assert.That(refused.Output, Does.Not.Contain("Restored"));
            Assert.That(probe.Output, Does.Contain("2 table(s), 4 record(s)"), "The refused restore changed the database. " + probe);
            Assert.That(forced.ExitCode, Is.Zero, forced.ToString());
            Assert.That(FirstLine(forced), Does.StartWith($"Restored the {DriverName} database: 2 table(s), 3 record(s),"));
            Assert.That(restored, Is.EqualTo(original), "--force did not replace the records with the backup's.");
        }
    }

    [Test]
    public async Task Restore_NotABackup_ExitsSevenNamingTheFile()
    {
        var target = await CreateDatabaseAsync("target", seed: false);
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "notes.txt"), "These are not the records you are looking for.\n");

        var result = await RunAsync(target, "restore", "notes.txt");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(7), result.ToString());
            Assert.That(result.Error, Does.Contain($"'notes.txt' is not a {ProductName} backup"));
            Assert.That(result.Error, Does.Not.Contain("   at "), "A stack trace was printed.");
            Assert.That(result.Output, Does.Not.Contain("Restored"));
        }
    }

    [Test]
    public async Task Restore_MissingFile_FailsNamingTheFile()
    {
        var target = await CreateDatabaseAsync("target", seed: false);

        var result = await RunAsync(target, "restore", "missing.osbak");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
            Assert.That(result.Error, Does.StartWith("error: "));
            Assert.That(result.Error, Does.Contain("'missing.osbak'"));
            Assert.That(result.Error, Does.Not.Contain("   at "), "A stack trace was printed.");
            Assert.That(result.Output, Does.Not.Contain("Restored"));
            Assert.That(Path.Combine(WorkDirectory, "missing.osbak"), Does.Not.Exist);
        }
    }

    /// <summary>
    /// Backs up a database no <c>os serve</c> has prepared (no tables, no schema history), restores it into another
    /// and serves that. A driver's fixture runs it as a test of its own.
    /// </summary>
    private protected async Task AssertNeverServedDatabaseBacksUpAndRestoresAsync()
    {
        var source = await CreateDatabaseAsync("source", seed: false);
        var target = await CreateDatabaseAsync("target", seed: false);

        var backup = await RunAsync(source, "backup", "--out", "empty.osbak");
        var restore = await RunAsync(target, "restore", "empty.osbak");
        IReadOnlyDictionary<string, List<string>> served = null!;
        await ServeAsync(target, async client => served = await ReadAllAsync(client));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(backup.ExitCode, Is.Zero, backup.ToString());
            Assert.That(
                FirstLine(backup),
                Is.EqualTo($"Backed up the {DriverName} database to {Path.Combine(WorkDirectory, "empty.osbak")}: 0 table(s), 0 record(s), schema version 0."));
            Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
            Assert.That(FirstLine(restore), Does.StartWith($"Restored the {DriverName} database: 0 table(s), 0 record(s), schema version 0."));
            Assert.That(served.Values.SelectMany(records => records), Is.Empty);
        }
    }

    /// <summary>Creates an empty database and a configuration naming it; the test's work directory holds the configuration.</summary>
    /// <param name="name">A name unique within the test, such as <c>source</c>.</param>
    /// <param name="seed">Whether the configuration carries the seed data.</param>
    protected async Task<TestDatabase> CreateDatabaseAsync(string name, bool seed)
    {
        var (pluginEntry, environment) = await CreateEmptyDatabaseAsync(name);
        var config = Path.Combine(WorkDirectory, name + ".json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "manifest": { "id": "com.example.backup", "name": "Backup test" },
              "plugins": [ {{pluginEntry}}, "fixtures.test-identity" ],
              "objects": {{Objects}}{{(seed ? ", \"data\": " + SeedData : string.Empty)}}
            }
            """);
        return new TestDatabase(config, environment);
    }

    /// <summary>Creates an empty database of the driver.</summary>
    /// <param name="name">A name unique within the test.</param>
    /// <returns>The <c>plugins</c> entry that enables the driver on it, and the environment <c>os</c> needs for it.</returns>
    protected abstract Task<(string PluginEntry, IReadOnlyDictionary<string, string> Environment)> CreateEmptyDatabaseAsync(string name);

    /// <summary>Runs <c>os {arguments} --config …</c> against <paramref name="database"/> to completion.</summary>
    private protected async Task<OsResult> RunAsync(TestDatabase database, params string[] arguments)
    {
        var result = await OsProcess.RunAsync(
            WorkDirectory, [.. arguments, "--config", database.Config, "--plugins-path", OsProcess.FixturePath("TestIdentity")], database.Environment);
        OnOutput(result.Output + result.Error);
        return result;
    }

    /// <summary>Serves <paramref name="database"/> until it is ready, runs <paramref name="action"/> with a client
    /// signed in as a test user, then stops the server with SIGTERM and checks it exited cleanly.</summary>
    protected async Task ServeAsync(TestDatabase database, Func<HttpClient, Task> action)
    {
        var port = OsProcess.FreePort();
        await using var os = OsProcess.Start(
            WorkDirectory,
            ["serve", "--config", database.Config, "--plugins-path", OsProcess.FixturePath("TestIdentity"), "--port", port.ToString(CultureInfo.InvariantCulture)],
            database.Environment);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "test:alice");
        await os.WaitUntilReadyAsync(client);
        await action(client);
        var result = await os.TerminateAsync();
        OnOutput(result.Output + result.Error);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    /// <summary>Called with everything each finished <c>os</c> printed, for checks across the whole test.</summary>
    protected virtual void OnOutput(string output)
    {
    }

    /// <summary>Every record of every object, as JSON text, ordered by id.</summary>
    protected static async Task<IReadOnlyDictionary<string, List<string>>> ReadAllAsync(HttpClient client)
    {
        var all = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var name in ObjectNames)
        {
            using var response = await client.GetAsync(new Uri($"api/v1/data/{name}", UriKind.Relative));
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("hasMore").GetBoolean(), Is.False, "One page holds every record.");
            all[name] = [.. body.GetProperty("records").EnumerateArray()
                .OrderBy(r => r.GetProperty("id").GetString(), StringComparer.Ordinal)
                .Select(r => r.GetRawText())];
        }

        return all;
    }

    /// <summary>Creates an account and returns the stored record.</summary>
    protected static async Task<JsonElement> CreateAccountAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync(new Uri("api/v1/data/account", UriKind.Relative), new { name });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        return body.GetProperty("record");
    }

    private static string FirstLine(OsResult result) => result.OutputLines is [var first, ..] ? first : string.Empty;

    private Regex BackedUpLine(string path) => new(
        $@"^Backed up the {DriverName} database to {Regex.Escape(path)}: 2 table\(s\), 3 record\(s\), schema version (?<version>[1-9][0-9]*)\.$",
        RegexOptions.CultureInvariant);

    /// <summary>A database and the configuration and environment that point <c>os</c> at it.</summary>
    /// <param name="Config">The configuration file.</param>
    /// <param name="Environment">Variables for every <c>os</c> run against the database.</param>
    protected sealed record TestDatabase(string Config, IReadOnlyDictionary<string, string> Environment);
}
