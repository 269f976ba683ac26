using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Hosting.Data;
using ObjectStack.Hosting.Schema;
using static ObjectStack.Hosting.Tests.Data.EngineTestKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Schema migration at boot on a real SQLite file: additive changes apply by themselves, destructive ones stop the
/// host until applied explicitly through <see cref="SchemaMigrator"/>, and every applied change is in the history.
/// </summary>
public sealed class MigrationSchemaTests
{
    private const string Original = """
        { "item": { "fields": { "name": { "type": "text" }, "legacy": { "type": "text" } } } }
        """;

    private const string WithAddedFields = """
        {
          "item": {
            "fields": {
              "name": { "type": "text" },
              "legacy": { "type": "text" },
              "color": { "type": "text" },
              "size": { "type": "number", "defaultValue": 1 },
              "code": { "type": "text", "unique": true }
            }
          }
        }
        """;

    private const string WithoutLegacy = """
        { "item": { "fields": { "name": { "type": "text" } } } }
        """;

    [Test]
    public async Task Boot_NewDatabase_CreatesTablesAndRecordsTheHistory()
    {
        await using var host = await DataTestHost.StartAsync(Original);

        var history = await Migrator(host).HistoryAsync();

        Assert.That(history.Select(h => (h.Kind, h.Table)), Does.Contain((SchemaChangeKind.CreateTable, "item")));
        Assert.That(history.Where(h => h.Kind == SchemaChangeKind.CreateIndex).Select(h => h.Description), Has.Some.Contains("ix_item_owner_id"));
        Assert.That(history.Select(h => h.AppliedAt), Is.All.GreaterThan(DateTimeOffset.UnixEpoch));
        Assert.That((await Migrator(host).PlanAsync()).IsEmpty, Is.True);
    }

    [Test]
    public async Task Restart_SameMetadata_ChangesNothing()
    {
        var first = await DataTestHost.StartAsync(Original);
        var historyBefore = await Migrator(first).HistoryAsync();
        var folder = await first.StopKeepingDatabaseAsync();

        await using var second = await DataTestHost.StartAsync(Original, reuseFolder: folder);

        Assert.That((await Migrator(second).HistoryAsync()).Count, Is.EqualTo(historyBefore.Count));
        Assert.That((await Migrator(second).PlanAsync()).IsEmpty, Is.True);
    }

    [Test]
    public async Task Restart_WithAddedFields_AddsUsableColumnsAndKeepsTheData()
    {
        var first = await DataTestHost.StartAsync(Original);
        var old = await first.Engine.InsertAsync(DataTestHost.Alice, "item", Values(("name", "old"), ("legacy", "kept")));
        var folder = await first.StopKeepingDatabaseAsync();

        await using var second = await DataTestHost.StartAsync(WithAddedFields, reuseFolder: folder);
        var engine = second.Engine;

        var stored = await engine.GetAsync(DataTestHost.Alice, "item", old.Id);
        Assert.That((stored!["name"], stored["legacy"], stored["color"], stored["size"], stored["code"]), Is.EqualTo(("old", "kept", (object?)null, (object?)null, (object?)null)));
        await engine.UpdateAsync(DataTestHost.Alice, "item", old.Id, Values(("color", "blue"), ("code", "A")));
        var added = await engine.InsertAsync(DataTestHost.Alice, "item", Values(("name", "new"), ("color", "red")));
        Assert.That(added.Record["size"], Is.EqualTo(1m), "the new field's default applies to new records");
        Assert.That(await ValuesOfAsync(engine, "item", Where("""{ "color": "blue" }""")), Is.EqualTo(new[] { "old" }));
        Refused(DataErrorCode.DuplicateValue, () => engine.UpdateAsync(DataTestHost.Alice, "item", added.Id, Values(("code", "A"))));

        var history = await Migrator(second).HistoryAsync();
        Assert.That(history.Select(h => h.Description), Is.SupersetOf(new[]
        {
            "add column item.color (TEXT)",
            "add column item.size (REAL)",
            "add column item.code (TEXT)",
        }));
        Assert.That(history.Where(h => h.Kind == SchemaChangeKind.CreateIndex).Select(h => h.Description), Has.One.StartsWith("create unique index ux_item_code on item ("));
    }

    [Test]
    public async Task Restart_WithARemovedField_RefusesToStartAndKeepsTheColumn()
    {
        var first = await DataTestHost.StartAsync(Original);
        var old = await first.Engine.InsertAsync(DataTestHost.Alice, "item", Values(("name", "old"), ("legacy", "precious")));
        var folder = await first.StopKeepingDatabaseAsync();

        var exception = Assert.ThrowsAsync<SchemaMigrationException>(() => DataTestHost.StartAsync(WithoutLegacy, reuseFolder: folder));

        Assert.That(exception!.Message, Does.Contain("drop column item.legacy").And.Contain("--allow-destructive"));
        Assert.That(exception.Plan.Destructive.Select(c => (c.Kind, c.Column)), Is.EqualTo(new[] { (SchemaChangeKind.DropColumn, (string?)"legacy") }));
        await using var again = await DataTestHost.StartAsync(Original, reuseFolder: folder);
        Assert.That((await again.Engine.GetAsync(DataTestHost.Alice, "item", old.Id))!["legacy"], Is.EqualTo("precious"), "nothing was dropped");
    }

    [Test]
    public async Task Restart_WithARemovedObject_RefusesToDropItsTable()
    {
        const string TwoObjects = """
            { "item": { "fields": { "name": { "type": "text" } } }, "extra": { "fields": { "name": { "type": "text" } } } }
            """;
        var first = await DataTestHost.StartAsync(TwoObjects);
        var folder = await first.StopKeepingDatabaseAsync();

        var exception = Assert.ThrowsAsync<SchemaMigrationException>(() => DataTestHost.StartAsync(WithoutLegacy, reuseFolder: folder));

        Assert.That(exception!.Message, Does.Contain("drop table extra"));
        await using var again = await DataTestHost.StartAsync(TwoObjects, reuseFolder: folder);
        Assert.That(await CountAsync(again.Engine, "extra"), Is.Zero);
    }

    [Test]
    public async Task Restart_WithAChangedFieldType_RefusesToStart()
    {
        var first = await DataTestHost.StartAsync(Original);
        var folder = await first.StopKeepingDatabaseAsync();
        var changed = Original.Replace("\"legacy\": { \"type\": \"text\" }", "\"legacy\": { \"type\": \"number\" }", StringComparison.Ordinal);

        var exception = Assert.ThrowsAsync<SchemaMigrationException>(() => DataTestHost.StartAsync(changed, reuseFolder: folder));

        Assert.That(exception!.Message, Does.Contain("change column item.legacy from TEXT to REAL"));
        DeleteFolder(folder);
    }

    [Test]
    public async Task ApplyAsync_DestructivePlanAllowed_DropsTheColumnAndRecordsIt()
    {
        var first = await DataTestHost.StartAsync(Original);
        var old = await first.Engine.InsertAsync(DataTestHost.Alice, "item", Values(("name", "old"), ("legacy", "doomed")));
        var folder = await first.StopKeepingDatabaseAsync();

        // The host on the new metadata, without the boot-time migration that would refuse the drop: the state an
        // operator's 'os migrate apply --allow-destructive' works in.
        var maintenance = await DataTestHost.StartAsync(WithoutLegacy, reuseFolder: folder, configureServices: WithoutBootMigration);
        try
        {
            var migrator = Migrator(maintenance);
            var plan = await migrator.PlanAsync();
            Assert.That(plan.Destructive.Select(c => c.Description), Is.EqualTo(new[] { "drop column item.legacy" }));

            Assert.ThrowsAsync<SchemaMigrationException>(() => migrator.ApplyAsync(allowDestructive: false));
            Assert.That((await migrator.PlanAsync()).Destructive, Has.Count.EqualTo(1), "a refused plan changes nothing");

            var applied = await migrator.ApplyAsync(allowDestructive: true);

            Assert.That(applied.Changes.Select(c => c.Description), Does.Contain("drop column item.legacy"));
            Assert.That((await migrator.PlanAsync()).IsEmpty, Is.True);
            var history = await migrator.HistoryAsync();
            Assert.That((history[^1].Kind, history[^1].Table, history[^1].Description), Is.EqualTo((SchemaChangeKind.DropColumn, "item", "drop column item.legacy")));
        }
        finally
        {
            await maintenance.StopKeepingDatabaseAsync();
        }

        await using var after = await DataTestHost.StartAsync(WithoutLegacy, reuseFolder: folder);
        var stored = await after.Engine.GetAsync(DataTestHost.Alice, "item", old.Id);
        Assert.That(stored!["name"], Is.EqualTo("old"));
        Assert.That(stored.ContainsKey("legacy"), Is.False);
    }

    [Test]
    public async Task ApplyAsync_ChangedFieldTypeAllowed_ConvertsTheStoredValues()
    {
        var first = await DataTestHost.StartAsync(Original);
        var numeric = await first.Engine.InsertAsync(DataTestHost.Alice, "item", Values(("name", "numeric"), ("legacy", "42")));
        var folder = await first.StopKeepingDatabaseAsync();
        var changed = Original.Replace("\"legacy\": { \"type\": \"text\" }", "\"legacy\": { \"type\": \"number\" }", StringComparison.Ordinal);

        var maintenance = await DataTestHost.StartAsync(changed, reuseFolder: folder, configureServices: WithoutBootMigration);
        try
        {
            var applied = await Migrator(maintenance).ApplyAsync(allowDestructive: true);
            Assert.That(applied.Destructive.Select(c => c.Kind), Is.EqualTo(new[] { SchemaChangeKind.AlterColumnType }));
        }
        finally
        {
            await maintenance.StopKeepingDatabaseAsync();
        }

        await using var after = await DataTestHost.StartAsync(changed, reuseFolder: folder);
        Assert.That((await after.Engine.GetAsync(DataTestHost.Alice, "item", numeric.Id))!["legacy"], Is.EqualTo(42m));
        Assert.That(await ValuesOfAsync(after.Engine, "item", Where("""{ "legacy": { "$gt": 40 } }""")), Is.EqualTo(new[] { "numeric" }));
    }

    [Test]
    public async Task Restart_MakingAFieldUniqueOverDuplicates_FailsAndAppliesNoChangeOfThatBoot()
    {
        const string WithCode = """{ "item": { "fields": { "name": { "type": "text" }, "code": { "type": "text" } } } }""";
        const string UniqueCodeAndColor = """
            { "item": { "fields": { "name": { "type": "text" }, "code": { "type": "text", "unique": true }, "color": { "type": "text" } } } }
            """;
        var first = await DataTestHost.StartAsync(WithCode);
        await first.Engine.InsertAsync(DataTestHost.Alice, "item", Values(("name", "a"), ("code", "same")));
        await first.Engine.InsertAsync(DataTestHost.Alice, "item", Values(("name", "b"), ("code", "same")));
        var historyBefore = (await Migrator(first).HistoryAsync()).Count;
        var folder = await first.StopKeepingDatabaseAsync();

        var exception = Assert.CatchAsync<Exception>(() => DataTestHost.StartAsync(UniqueCodeAndColor, reuseFolder: folder));

        Assert.That(exception!.Message, Does.Contain("ux_item_code"));
        await using var again = await DataTestHost.StartAsync(WithCode, reuseFolder: folder);
        Assert.That((await Migrator(again).HistoryAsync()).Count, Is.EqualTo(historyBefore), "the add column of the failed boot was rolled back with it");
        Assert.That((await Migrator(again).PlanAsync()).IsEmpty, Is.True);
    }

    [Test]
    public async Task ApplyAsync_RemovedIndexedFields_DropsTheirIndexesThenTheColumns()
    {
        const string Indexed = """
            { "item": { "fields": { "name": { "type": "text" }, "code": { "type": "text", "unique": true }, "parent": { "type": "lookup", "reference": "item" } } } }
            """;
        var first = await DataTestHost.StartAsync(Indexed);
        var root = await first.Engine.InsertAsync(DataTestHost.Alice, "item", Values(("name", "root"), ("code", "r")));
        await first.Engine.InsertAsync(DataTestHost.Alice, "item", Values(("name", "leaf"), ("code", "l"), ("parent", root.Id)));
        var folder = await first.StopKeepingDatabaseAsync();

        var maintenance = await DataTestHost.StartAsync(WithoutLegacy, reuseFolder: folder, configureServices: WithoutBootMigration);
        try
        {
            var applied = await Migrator(maintenance).ApplyAsync(allowDestructive: true);

            Assert.That(applied.Changes.Select(c => c.Description), Is.EquivalentTo(new[]
            {
                "drop index ix_item_parent on item",
                "drop index ux_item_code on item",
                "drop column item.code",
                "drop column item.parent",
            }));
            Assert.That(applied.Changes.TakeWhile(c => c.Kind == SchemaChangeKind.DropIndex).Count(), Is.EqualTo(2), "indexes go before their columns");
            Assert.That((await Migrator(maintenance).PlanAsync()).IsEmpty, Is.True);
        }
        finally
        {
            await maintenance.StopKeepingDatabaseAsync();
        }

        await using var after = await DataTestHost.StartAsync(WithoutLegacy, reuseFolder: folder);
        Assert.That(await ValuesOfAsync(after.Engine, "item"), Is.EqualTo(new[] { "leaf", "root" }));
    }

    private static SchemaMigrator Migrator(DataTestHost host) => host.App.Services.GetRequiredService<SchemaMigrator>();

    private static void WithoutBootMigration(IServiceCollection services)
    {
        var boot = services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DataStartupService)).ToList();
        Assert.That(boot, Has.Count.EqualTo(1), "the data startup service is registered once");
        services.Remove(boot[0]);
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // The temporary folder is cleaned by the OS.
        }
    }
}
