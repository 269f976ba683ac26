using System.Text.Json;

namespace ObjectStack.Host.Tests.Commands;

/// <summary>
/// <c>os doctor</c> through the real <c>os</c> process: the database checks on SQLite and on the TLS-enabled test
/// PostgreSQL (<c>OS_TEST_DATABASE_URL</c>, its CA in <c>OS_TEST_DATABASE_CA</c>) in each <c>sslmode</c>, run as
/// Production unless said otherwise.
/// </summary>
public sealed class DoctorCommandTests
{
    private const string Password = "doctor-s3cr3t";
    private DirectoryInfo _directory = null!;

    private string WorkDirectory => _directory.FullName;

    [SetUp]
    public async Task CreateWorkDirectory()
    {
        _directory = Directory.CreateTempSubdirectory("objectstack-doctor-");
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "objectstack.json"), """
            {
              "manifest": { "id": "com.example.doctor", "name": "Doctor", "version": "1.0.0", "type": "app" },
              "objects": { "note": { "fields": { "title": { "type": "text" } } } }
            }
            """);
    }

    [TearDown]
    public void DeleteWorkDirectory() => _directory.Delete(recursive: true);

    [Test]
    public async Task Doctor_Sqlite_ReportsAnInProcessDatabaseThatAnswers()
    {
        var result = await OsProcess.RunAsync(WorkDirectory, ["doctor"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.OutputLines, Has.Some.Match(@"^ok +database\.tls: sqlite at .*in-process"));
            Assert.That(result.OutputLines, Has.Some.Match(@"^ok +database\.reachable: "));
            Assert.That(result.OutputLines[^1], Is.EqualTo("2 ok, 0 warn, 0 error"));
        }
    }

    [Test]
    public async Task Doctor_PostgresWithoutTls_IsAnErrorInProductionAndAWarningInDevelopment()
    {
        var url = Url("sslmode=disable");

        var production = await OsProcess.RunAsync(WorkDirectory, ["doctor"], new Dictionary<string, string> { ["OS_DATABASE_URL"] = url });
        var development = await OsProcess.RunAsync(WorkDirectory, ["doctor"], new Dictionary<string, string> { ["OS_DATABASE_URL"] = url, ["DOTNET_ENVIRONMENT"] = "Development" });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(production.ExitCode, Is.EqualTo(1), production.ToString());
            Assert.That(production.OutputLines, Has.Some.Match(@"^error +database\.tls: postgres at postgres://postgres@127\.0\.0\.1:\d+/postgres: the connection may run without TLS \(sslmode=disable\)"));
            Assert.That(production.OutputLines, Has.Some.Contain("fix: Connect with sslmode=verify-full"));
            Assert.That(production.OutputLines, Has.Some.Match(@"^ok +database\.reachable: "), "the server answers without TLS");
            Assert.That(development.ExitCode, Is.Zero, development.ToString());
            Assert.That(development.OutputLines, Has.Some.Match(@"^warn +database\.tls: "));
            Assert.That(production.Output + production.Error + development.Output + development.Error, Does.Not.Contain(Password));
        }
    }

    [TestCase("sslmode=require", "warn", 0)]
    [TestCase("sslmode=verify-ca&sslrootcert={ca}", "warn", 0)]
    [TestCase("sslmode=verify-full&sslrootcert={ca}", "ok", 0)]
    public async Task Doctor_PostgresTlsModes_AreGradedInJson(string query, string status, int exitCode)
    {
        var url = Url(query.Replace("{ca}", Uri.EscapeDataString(Ca()), StringComparison.Ordinal));

        var result = await OsProcess.RunAsync(WorkDirectory, ["doctor", "--json"], new Dictionary<string, string> { ["OS_DATABASE_URL"] = url });

        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var checks = document.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(checks["database.tls"].GetProperty("status").GetString(), Is.EqualTo(status), result.Output);
            Assert.That(checks["database.tls"].GetProperty("fix").ValueKind, Is.EqualTo(status == "ok" ? JsonValueKind.Null : JsonValueKind.String));
            Assert.That(checks["database.reachable"].GetProperty("status").GetString(), Is.EqualTo("ok"), result.Output);
            Assert.That(document.RootElement.GetProperty("error").GetInt32(), Is.Zero);
            Assert.That(result.Output, Does.Not.Contain(Password));
        }
    }

    [Test]
    public async Task Doctor_PostgresNotAnswering_IsAnErrorNamingTheEndpoint()
    {
        var port = OsProcess.FreePort();
        var url = $"postgres://postgres:{Password}@127.0.0.1:{port}/app?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(Ca())}&connect_timeout=2";

        var result = await OsProcess.RunAsync(WorkDirectory, ["doctor"], new Dictionary<string, string> { ["OS_DATABASE_URL"] = url });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.OutputLines, Has.Some.Match($@"^error +database\.reachable: The postgres database at postgres://postgres@127\.0\.0\.1:{port}/app does not answer"));
            Assert.That(result.OutputLines, Has.Some.Match(@"^ok +database\.tls: "));
            Assert.That(result.Output + result.Error, Does.Not.Contain(Password));
        }
    }

    [Test]
    public async Task Doctor_InvalidConfiguration_ExitsThree()
    {
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "objectstack.json"), """{ "manifest": { "id": "x" }, "nope": 1 }""");

        var result = await OsProcess.RunAsync(WorkDirectory, ["doctor"]);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
    }

    /// <summary>The test server's URL with a password added (trust auth ignores it) and <paramref name="query"/>.</summary>
    private static string Url(string query)
    {
        var admin = new UriBuilder(Required("OS_TEST_DATABASE_URL"));
        if (admin.Password.Length == 0)
        {
            admin.Password = Password;
        }

        admin.Query = query;
        return admin.Uri.ToString();
    }

    private static string Ca() => Required("OS_TEST_DATABASE_CA");

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{variable} is not set. Run the tests through build/test.sh, which starts a TLS-enabled throwaway PostgreSQL.");
}
