using System.Globalization;
using System.Text.Json;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Backup and restore (<see cref="IDataBackup"/>): a populated database backed up and restored into an empty one
/// compares equal row by row, autonumbers continue where they stopped, a database holding records is refused unless
/// forced, and a file that is not a backup is refused without touching the database.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class BackupConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    private string _folder = null!;

    /// <inheritdoc />
    protected override bool HostPerTest => true;

    /// <inheritdoc />
    protected override string Objects => """
        {
          "account": { "fields": {
            "name": { "type": "text", "required": true, "unique": true },
            "number": { "type": "autonumber" },
            "revenue": { "type": "currency" },
            "share": { "type": "percent" },
            "active": { "type": "boolean" },
            "founded": { "type": "date" },
            "checked_at": { "type": "datetime" },
            "opens": { "type": "time" },
            "tier": { "type": "select", "options": [ { "value": "gold" }, { "value": "silver" } ] },
            "tags": { "type": "tags" },
            "profile": { "type": "json" },
            "notes": { "type": "textarea" }
          } },
          "contact": { "fields": {
            "email": { "type": "email" },
            "account": { "type": "lookup", "reference": "account" }
          } }
        }
        """;

    /// <summary>Creates a folder for the backup files.</summary>
    [SetUp]
    public void CreateFolder()
    {
        _folder = Path.Combine(Path.GetTempPath(), "objectstack-tests", "backup-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    /// <summary>Deletes the backup files.</summary>
    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    /// <summary>Every row of every table survives a backup and a restore into an empty database, value for value.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task BackupThenRestore_IntoEmptyDatabase_EveryRowEqual()
    {
        await PopulateAsync(Engine);
        var file = Path.Combine(_folder, "full.backup");
        var written = await Backup(Host).BackupAsync(file);
        Assert.That(written.Tables["account"], Is.EqualTo(3));
        Assert.That(written.Tables["contact"], Is.EqualTo(2));

        await using var empty = await StartHostAsync(Objects);
        var restored = await Backup(empty).RestoreAsync(file, force: false);

        Assert.That(restored.Rows, Is.EqualTo(written.Rows));
        Assert.That(restored.SchemaVersion, Is.EqualTo(written.SchemaVersion));
        foreach (var objectName in new[] { "account", "contact" })
        {
            var before = await AllRowsAsync(Engine, objectName);
            var after = await AllRowsAsync(empty.Engine, objectName);
            Assert.That(after, Is.EqualTo(before), $"every {objectName} row, every value");
        }
    }

    /// <summary>Autonumbers continue after a restore: a number is never handed out twice, not even one whose record was deleted.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task Restore_Autonumbers_ContinuePastTheLastNumberIssued()
    {
        await PopulateAsync(Engine);
        var last = await Engine.InsertAsync(ConformanceKit.Alice, "account", ConformanceKit.Values(("name", "Deleted later")));
        await Engine.DeleteAsync(ConformanceKit.Alice, "account", last.Id);
        var file = Path.Combine(_folder, "numbers.backup");
        await Backup(Host).BackupAsync(file);

        await using var empty = await StartHostAsync(Objects);
        await Backup(empty).RestoreAsync(file, force: false);
        var next = await empty.Engine.InsertAsync(ConformanceKit.Alice, "account", ConformanceKit.Values(("name", "After restore")));

        Assert.That(next.Record["number"], Is.EqualTo((long)last.Record["number"]! + 1));
    }

    /// <summary>A database holding records is not overwritten unless the restore is forced.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task Restore_DatabaseHoldsRecords_RefusedUnlessForced()
    {
        await PopulateAsync(Engine);
        var file = Path.Combine(_folder, "forced.backup");
        await Backup(Host).BackupAsync(file);
        await using var other = await StartHostAsync(Objects);
        await other.Engine.InsertAsync(ConformanceKit.Alice, "account", ConformanceKit.Values(("name", "Precious")));

        var refused = Assert.ThrowsAsync<DataOperationException>(() => Backup(other).RestoreAsync(file, force: false));
        Assert.That(refused!.Code, Is.EqualTo(DataErrorCode.ValidationFailed));
        Assert.That(refused.Message, Does.Contain("--force"));
        Assert.That(await NamesAsync(other.Engine), Is.EqualTo(new[] { "Precious" }), "a refused restore changes nothing");

        await Backup(other).RestoreAsync(file, force: true);
        Assert.That(await AllRowsAsync(other.Engine, "account"), Is.EqualTo(await AllRowsAsync(Engine, "account")));
    }

    /// <summary>A file that is not a backup of this driver is refused, and the database is untouched.</summary>
    /// <returns>A task that completes when the test is done.</returns>
    [Test]
    public async Task Restore_NotABackup_RefusedAndNothingChanged()
    {
        await PopulateAsync(Engine);
        var file = Path.Combine(_folder, "garbage.backup");
        await File.WriteAllTextAsync(file, "this is not a backup\n");

        var refused = Assert.ThrowsAsync<DataOperationException>(() => Backup(Host).RestoreAsync(file, force: true));
        Assert.That(refused!.Code, Is.EqualTo(DataErrorCode.ValidationFailed));
        Assert.That(await NamesAsync(Engine), Has.Count.EqualTo(3));
    }

    private static IDataBackup Backup(DriverTestHost host) =>
        host.Driver as IDataBackup ?? throw new AssertionException($"The {host.Driver.Name} driver does not implement IDataBackup.");

    private static async Task PopulateAsync(IDataEngine engine)
    {
        var context = ConformanceKit.Alice;
        var big = new string('x', 100_000) + "\n\t\"quoted\" \\ back\\slash ünïcödé 🚀";
        var acme = await engine.InsertAsync(context, "account", ConformanceKit.Values(
            ("name", "Acme"), ("revenue", 1234567.89m), ("share", 0.125m), ("active", true), ("founded", new DateOnly(1999, 12, 31)),
            ("checked_at", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.Zero)), ("opens", new TimeOnly(8, 30, 15, 250)),
            ("tier", "gold"), ("tags", new List<string> { "a,b", "{c}", "d\"e" }),
            ("profile", ConformanceKit.Json("""{"nested":{"list":[1,2.5,"three",null,true]},"empty":{}}""")), ("notes", big)));
        await engine.InsertAsync(context, "account", ConformanceKit.Values(("name", "Ünïcödé 東京"), ("active", false), ("tags", new List<string>())));
        await engine.InsertAsync(context, "account", ConformanceKit.Values(("name", "Nulls")));
        await engine.InsertAsync(context, "contact", ConformanceKit.Values(("email", "a@acme.example"), ("account", acme.Id)));
        await engine.InsertAsync(context, "contact", ConformanceKit.Values(("email", null), ("account", null)));
    }

    private static async Task<List<string>> NamesAsync(IDataEngine engine) =>
        (await engine.FindAsync(ConformanceKit.SystemContext, new RecordQuery { ObjectName = "account", Limit = 1000 })).Records
            .Select(r => (string)r["name"]!).Order(StringComparer.Ordinal).ToList();

    // Every row as text, value by value in field order, sorted by id: equal lists mean equal tables.
    private static async Task<List<string>> AllRowsAsync(IDataEngine engine, string objectName)
    {
        var records = (await engine.FindAsync(ConformanceKit.SystemContext, new RecordQuery { ObjectName = objectName, Limit = 1000 })).Records;
        return records
            .Select(r => string.Join(" | ", r.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Text(p.Value)}")))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static string Text(object? value) => value switch
    {
        null => "<null>",
        JsonElement json => json.GetRawText(),
        IEnumerable<string> list when value is not string => "[" + string.Join(",", list.Select(i => JsonSerializer.Serialize(i))) + "]",
        DateTimeOffset instant => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
