namespace ObjectStack.Host.Tests.Commands;

/// <summary>
/// <c>os backup</c> and <c>os restore</c> on the SQLite driver: the shared round trip on database files in the test's
/// directory, and what the SQLite backup leaves on disk.
/// </summary>
[TestFixture]
public sealed class BackupCommandSqliteTests : BackupCommandRoundTripTests
{
    /// <inheritdoc />
    protected override string DriverName => "sqlite";

    /// <inheritdoc />
    protected override string ProductName => "SQLite";

    [Test]
    public Task Backup_DatabaseNeverServed_WritesAnEmptyBackupThatRestores() => AssertNeverServedDatabaseBacksUpAndRestoresAsync();

    [Test]
    public async Task BackupRestore_Sqlite_LeaveNoFilesBesideTheBackup()
    {
        var source = await CreateDatabaseAsync("source", seed: true);
        var target = await CreateDatabaseAsync("target", seed: false);
        await ServeAsync(source, _ => Task.CompletedTask);

        var backup = await RunAsync(source, "backup", "--out", "app.osbak");
        var afterBackup = BackupFiles();
        var restore = await RunAsync(target, "restore", "app.osbak");
        var afterRestore = BackupFiles();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(backup.ExitCode, Is.Zero, backup.ToString());
            Assert.That(restore.ExitCode, Is.Zero, restore.ToString());
            Assert.That(afterBackup, Is.EqualTo(new[] { "app.osbak" }), "'os backup' left files beside the backup.");
            Assert.That(afterRestore, Is.EqualTo(new[] { "app.osbak" }), "'os restore' left files beside the backup.");
        }
    }

    /// <inheritdoc />
    protected override Task<(string PluginEntry, IReadOnlyDictionary<string, string> Environment)> CreateEmptyDatabaseAsync(string name) =>
        Task.FromResult<(string, IReadOnlyDictionary<string, string>)>(
            ($$"""{ "id": "objectstack.driver.sqlite", "options": { "path": "{{name}}.db" } }""", new Dictionary<string, string>()));

    private List<string> BackupFiles() =>
        [.. Directory.GetFiles(WorkDirectory, "app.osbak*").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];
}
