using Npgsql;

namespace ObjectStack.Host.Tests.Commands;

/// <summary>
/// <c>os backup</c> and <c>os restore</c> on the PostgreSQL driver: the shared round trip on fresh databases of the
/// server in <c>OS_TEST_DATABASE_URL</c>, each given to <c>os</c> through <c>OS_DATABASE_URL</c> with a password in it
/// (the trust-auth test server ignores it), which nothing <c>os</c> prints may contain.
/// </summary>
[TestFixture]
public sealed class BackupCommandPostgresTests : BackupCommandRoundTripTests
{
    private const string Variable = "OS_TEST_DATABASE_URL";

    /// <summary>The password put in URLs whose admin URL has none; a trust-auth server ignores it.</summary>
    private const string TestPassword = "s3cr3t";

    private readonly List<string> _databases = [];
    private readonly List<string> _outputs = [];
    private Uri _admin = null!;

    /// <inheritdoc />
    protected override string DriverName => "postgres";

    /// <inheritdoc />
    protected override string ProductName => "PostgreSQL";

    private string Password => Uri.UnescapeDataString(_admin.UserInfo.Split(':', 2) is [_, var password] ? password : TestPassword);

    [SetUp]
    public void RequireServer()
    {
        _databases.Clear();
        _outputs.Clear();
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } url)
        {
            Assert.Fail(
                $"{Variable} is not set. Run the tests through build/test.sh, which starts a throwaway PostgreSQL, or start one with "
                + $"`build/services/postgres.sh start /tmp/os-pg-cli 55470` and export {Variable}=postgres://postgres@127.0.0.1:55470/postgres.");
            return;
        }

        _admin = new Uri(url);
    }

    [TearDown]
    public async Task DropDatabases()
    {
        foreach (var name in _databases)
        {
            await using var connection = await OpenAdminAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    [Test]
    public Task Backup_DatabaseNeverServed_WritesAnEmptyBackupThatRestores() => AssertNeverServedDatabaseBacksUpAndRestoresAsync();

    [Test]
    public async Task BackupRestore_UrlWithPassword_NeverPrintsThePassword()
    {
        var source = await CreateDatabaseAsync("source", seed: true);
        var target = await CreateDatabaseAsync("target", seed: false);
        var unreachable = source with
        {
            Environment = new Dictionary<string, string> { ["OS_DATABASE_URL"] = UrlOf("os_backup_no_such_database") },
        };
        await ServeAsync(source, _ => Task.CompletedTask);

        var backup = await RunAsync(source, "backup", "--out", "app.osbak");
        var restore = await RunAsync(target, "restore", "app.osbak");
        var refused = await RunAsync(target, "restore", "app.osbak");
        var failed = await RunAsync(unreachable, "backup", "--out", "other.osbak");
        await ServeAsync(target, _ => Task.CompletedTask);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(backup.ExitCode, Is.Zero, backup.ToString());
            Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
            Assert.That(refused.ExitCode, Is.EqualTo(7), refused.ToString());
            Assert.That(failed.ExitCode, Is.EqualTo(1), failed.ToString());
            Assert.That(failed.Error, Does.StartWith("error: "));
            Assert.That(Path.Combine(WorkDirectory, "other.osbak"), Does.Not.Exist);
            Assert.That(_outputs, Has.Count.EqualTo(6));
            Assert.That(_outputs, Has.None.Contain(Password), "A password of OS_DATABASE_URL was printed.");
        }
    }

    /// <inheritdoc />
    protected override async Task<(string PluginEntry, IReadOnlyDictionary<string, string> Environment)> CreateEmptyDatabaseAsync(string name)
    {
        var database = $"os_backup_{name}_{Guid.NewGuid():N}"[..40];
        await using (var connection = await OpenAdminAsync())
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        _databases.Add(database);
        return ("\"objectstack.driver.postgres\"", new Dictionary<string, string> { ["OS_DATABASE_URL"] = UrlOf(database) });
    }

    /// <inheritdoc />
    protected override void OnOutput(string output) => _outputs.Add(output);

    /// <summary>The URL of <paramref name="database"/> on the test server, always with a password.</summary>
    private string UrlOf(string database)
    {
        var user = _admin.UserInfo.Split(':', 2)[0];
        return new UriBuilder(_admin)
        {
            UserName = Uri.UnescapeDataString(user.Length > 0 ? user : "postgres"),
            Password = Password,
            Path = "/" + database,
        }.Uri.ToString();
    }

    private async Task<NpgsqlConnection> OpenAdminAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = _admin.Host,
            Port = _admin.IsDefaultPort ? 5432 : _admin.Port,
            Database = _admin.AbsolutePath.Trim('/') is { Length: > 0 } database ? Uri.UnescapeDataString(database) : "postgres",
            Username = Uri.UnescapeDataString(_admin.UserInfo.Split(':', 2)[0]) is { Length: > 0 } user ? user : "postgres",
            Pooling = false,
        };
        if (_admin.UserInfo.Split(':', 2) is [_, var password])
        {
            builder.Password = Uri.UnescapeDataString(password);
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
