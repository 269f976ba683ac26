namespace ObjectStack.Host.Tests.Commands;

/// <summary>
/// <c>os backup</c> and <c>os restore</c> before any driver is involved: usage errors and an invalid
/// configuration. The round trips are in <see cref="BackupCommandRoundTripTests"/>.
/// </summary>
public sealed class BackupCommandTests
{
    private DirectoryInfo _directory = null!;

    private string WorkDirectory => _directory.FullName;

    [SetUp]
    public void CreateWorkDirectory() => _directory = Directory.CreateTempSubdirectory("objectstack-backup-");

    [TearDown]
    public void DeleteWorkDirectory() => _directory.Delete(recursive: true);

    [Test]
    public async Task Backup_WithoutOut_ExitsTwoNamingTheOption()
    {
        await WriteSqliteConfigAsync();

        var result = await OsProcess.RunAsync(WorkDirectory, ["backup"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Error, Does.Contain("--out"));
            Assert.That(result.Output, Does.Not.Contain("Backed up"));
            Assert.That(Directory.GetFiles(WorkDirectory).Select(Path.GetFileName), Is.EqualTo(new[] { "objectstack.json" }), "A usage error touched the database.");
        }
    }

    [Test]
    public async Task Restore_WithoutFile_ExitsTwo()
    {
        await WriteSqliteConfigAsync();

        var result = await OsProcess.RunAsync(WorkDirectory, ["restore", "--force"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Error, Is.Not.Empty);
            Assert.That(result.Output, Does.Not.Contain("Restored"));
            Assert.That(Directory.GetFiles(WorkDirectory).Select(Path.GetFileName), Is.EqualTo(new[] { "objectstack.json" }), "A usage error touched the database.");
        }
    }

    [Test]
    public async Task Help_Restore_DescribesTheFileAndForce()
    {
        var result = await OsProcess.RunAsync(WorkDirectory, ["restore", "--help"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Output, Does.Contain("<file>"));
            Assert.That(result.Output, Does.Contain("--force"));
            Assert.That(result.Output, Does.Contain("--config"));
        }
    }

    [Test]
    public async Task Restore_InvalidConfiguration_ExitsThreeWithoutRestoring()
    {
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "objectstack.json"), """{ "plugins": [], "colour": "blue" }""");
        await File.WriteAllTextAsync(Path.Combine(WorkDirectory, "app.osbak"), "not read");

        var result = await OsProcess.RunAsync(WorkDirectory, ["restore", "app.osbak"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Error, Does.Contain("$.colour"));
            Assert.That(result.Output, Does.Not.Contain("Restored"));
        }
    }

    private Task WriteSqliteConfigAsync() => File.WriteAllTextAsync(Path.Combine(WorkDirectory, "objectstack.json"), """
        {
          "plugins": [ { "id": "objectstack.driver.sqlite", "options": { "path": "app.db" } } ],
          "objects": { "account": { "fields": { "name": { "type": "text" } } } }
        }
        """);
}
