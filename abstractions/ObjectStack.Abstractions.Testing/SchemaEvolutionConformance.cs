using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Hosting.Schema;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Schema migration at boot: additive changes (tables, columns, indexes) apply by themselves and keep the data,
/// destructive ones (a removed field or object, a changed type) stop the boot with <see cref="SchemaMigrationException"/>
/// and change nothing until applied explicitly through <see cref="SchemaMigrator"/>, and every applied change is in the
/// driver's schema history.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class SchemaEvolutionConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
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

    private const string LegacyAsNumber = """
        { "item": { "fields": { "name": { "type": "text" }, "legacy": { "type": "number" } } } }
        """;

    /// <inheritdoc />
    protected override bool HostPerTest => true;

    /// <inheritdoc />
    protected override string Objects => Original;

    /// <summary>A new database gets its tables and the engine's indexes, every change in the history, and nothing left to plan.</summary>
    [Test]
    public async Task Boot_NewDatabase_CreatesTablesAndRecordsTheHistory()
    {
        var history = await Host.Migrator.HistoryAsync();
        var schema = await Host.Driver.Schema.ReadSchemaAsync();

        Assert.That(history.Select(h => (h.Kind, h.Table)), Does.Contain((SchemaChangeKind.CreateTable, "item")));
        Assert.That(history.Where(h => h.Kind == SchemaChangeKind.CreateIndex).Select(h => h.Description), Has.Some.Contains("ix_item_owner_id"));
        Assert.That(history.Select(h => h.AppliedAt), Is.All.GreaterThan(DateTimeOffset.UnixEpoch));
        Assert.That((await Host.Migrator.PlanAsync()).IsEmpty, Is.True);
        var item = Host.FindObject("item");
        var columns = schema.Tables["item"].Columns;
        Assert.That(columns.Keys, Is.EquivalentTo(item.Fields.Select(f => f.Name)), "one column per field");
        foreach (var field in item.Fields.Where(f => f.Name != "id"))
        {
            Assert.That(columns[field.Name], Is.EqualTo(Host.Driver.Schema.GetColumnType(field)).IgnoreCase, $"the column type the driver reports for {field.Name}");
        }
        Assert.That(schema.Tables["item"].Indexes.Select(i => i.Name), Does.Contain("ix_item_owner_id"));
    }

    /// <summary>A restart on the same metadata changes nothing.</summary>
    [Test]
    public async Task Restart_SameMetadata_ChangesNothing()
    {
        var historyBefore = await Host.Migrator.HistoryAsync();

        await Host.RestartAsync(Original);

        Assert.That((await Host.Migrator.HistoryAsync()).Count, Is.EqualTo(historyBefore.Count));
        Assert.That((await Host.Migrator.PlanAsync()).IsEmpty, Is.True);
    }

    /// <summary>Added fields become usable columns: old rows read null, new defaults apply to new records, filters and unique indexes work.</summary>
    [Test]
    public async Task Restart_WithAddedFields_AddsUsableColumnsAndKeepsTheData()
    {
        var old = await Engine.InsertAsync(Alice, "item", Values(("name", "old"), ("legacy", "kept")));

        await Host.RestartAsync(WithAddedFields);
        var engine = Engine;

        var stored = await engine.GetAsync(Alice, "item", old.Id);
        Assert.That((stored!["name"], stored["legacy"], stored["color"], stored["size"], stored["code"]), Is.EqualTo(("old", "kept", (object?)null, (object?)null, (object?)null)));
        Assert.That(await ValuesOfAsync(engine, "item", Where("""{ "color": { "$null": true } }""")), Is.EqualTo(new[] { "old" }), "an old row reads null in the new column");
        await engine.UpdateAsync(Alice, "item", old.Id, Values(("color", "blue"), ("code", "A")));
        var added = await engine.InsertAsync(Alice, "item", Values(("name", "new"), ("color", "red")));
        Assert.That(added.Record["size"], Is.EqualTo(1m), "the new field's default applies to new records");
        Assert.That(await ValuesOfAsync(engine, "item", Where("""{ "color": "blue" }""")), Is.EqualTo(new[] { "old" }));
        Refused(DataErrorCode.DuplicateValue, () => engine.UpdateAsync(Alice, "item", added.Id, Values(("code", "A"))));

        var history = await Host.Migrator.HistoryAsync();
        Assert.That(history.Select(h => h.Description), Is.SupersetOf(new[]
        {
            $"add column item.color ({ColumnType("item", "color")})",
            $"add column item.size ({ColumnType("item", "size")})",
            $"add column item.code ({ColumnType("item", "code")})",
        }));
        Assert.That(history.Where(h => h.Kind == SchemaChangeKind.CreateIndex).Select(h => h.Description), Has.One.StartsWith("create unique index ux_item_code on item ("));
        var table = (await Host.Driver.Schema.ReadSchemaAsync()).Tables["item"];
        Assert.That(table.Columns["size"], Is.EqualTo(ColumnType("item", "size")).IgnoreCase);
        Assert.That(table.Indexes.Single(i => i.Name == "ux_item_code").Unique, Is.True);
    }

    /// <summary>A declared index added to the metadata is created at the next boot, with its columns, and the data is kept.</summary>
    [Test]
    public async Task Restart_WithAnAddedIndex_CreatesItAndKeepsTheData()
    {
        const string Indexed = """
            {
              "item": {
                "fields": { "name": { "type": "text" }, "legacy": { "type": "text" } },
                "indexes": [ { "fields": ["legacy", "name"] }, { "name": "unique_name", "fields": ["name"], "unique": true } ]
              }
            }
            """;
        var old = await Engine.InsertAsync(Alice, "item", Values(("name", "old"), ("legacy", "kept")));

        await Host.RestartAsync(Indexed);

        var indexes = (await Host.Driver.Schema.ReadSchemaAsync()).Tables["item"].Indexes;
        Assert.That(indexes.Single(i => i.Name == "ix_item_legacy_name").Columns, Is.EqualTo(new[] { "legacy", "name" }));
        Assert.That(indexes.Single(i => i.Name == "ux_item_unique_name").Unique, Is.True);
        Assert.That((await Host.Migrator.HistoryAsync()).Select(h => h.Description), Does.Contain("create index ix_item_legacy_name on item (legacy, name)"));
        Assert.That((await Host.Migrator.PlanAsync()).IsEmpty, Is.True);
        Assert.That((await Engine.GetAsync(Alice, "item", old.Id))!["legacy"], Is.EqualTo("kept"));
        Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(Alice, "item", Values(("name", "old"))));
    }

    /// <summary>A removed field stops the boot naming the drop, and the column and its data stay.</summary>
    [Test]
    public async Task Restart_WithARemovedField_RefusesToStartAndKeepsTheColumn()
    {
        var old = await Engine.InsertAsync(Alice, "item", Values(("name", "old"), ("legacy", "precious")));

        var exception = Assert.ThrowsAsync<SchemaMigrationException>(() => Host.RestartAsync(WithoutLegacy));

        Assert.That(exception!.Message, Does.Contain("drop column item.legacy").And.Contain("--allow-destructive"));
        Assert.That(exception.Plan.Destructive.Select(c => (c.Kind, c.Column)), Is.EqualTo(new[] { (SchemaChangeKind.DropColumn, (string?)"legacy") }));
        Assert.That(Host.IsRunning, Is.False);
        await Host.RestartAsync(Original);
        Assert.That((await Engine.GetAsync(Alice, "item", old.Id))!["legacy"], Is.EqualTo("precious"), "nothing was dropped");
    }

    /// <summary>A removed object stops the boot naming the table drop, and the table stays.</summary>
    [Test]
    public async Task Restart_WithARemovedObject_RefusesToDropItsTable()
    {
        const string TwoObjects = """
            { "item": { "fields": { "name": { "type": "text" } } }, "extra": { "fields": { "name": { "type": "text" } } } }
            """;
        await using var host = await StartHostAsync(TwoObjects);
        await host.Engine.InsertAsync(Alice, "extra", Values(("name", "kept")));

        var exception = Assert.ThrowsAsync<SchemaMigrationException>(() => host.RestartAsync(WithoutLegacy));

        Assert.That(exception!.Message, Does.Contain("drop table extra"));
        await host.RestartAsync(TwoObjects);
        Assert.That(await ValuesOfAsync(host.Engine, "extra"), Is.EqualTo(new[] { "kept" }));
    }

    /// <summary>A changed field type stops the boot naming both column types, and the stored values stay.</summary>
    [Test]
    public async Task Restart_WithAChangedFieldType_RefusesToStart()
    {
        var old = await Engine.InsertAsync(Alice, "item", Values(("name", "old"), ("legacy", "42")));
        var from = (await Host.Driver.Schema.ReadSchemaAsync()).Tables["item"].Columns["legacy"];
        await Host.RestartForMaintenanceAsync(LegacyAsNumber);
        var to = ColumnType("item", "legacy");

        var exception = Assert.ThrowsAsync<SchemaMigrationException>(() => Host.RestartAsync(LegacyAsNumber));

        Assert.That(from, Is.Not.EqualTo(to).IgnoreCase);
        Assert.That(exception!.Message, Does.Contain($"change column item.legacy from {from} to {to}"));
        await Host.RestartAsync(Original);
        Assert.That((await Engine.GetAsync(Alice, "item", old.Id))!["legacy"], Is.EqualTo("42"));
    }

    /// <summary>A destructive plan applied explicitly drops the column, records the drop, and leaves the other data.</summary>
    [Test]
    public async Task ApplyAsync_DestructivePlanAllowed_DropsTheColumnAndRecordsIt()
    {
        var old = await Engine.InsertAsync(Alice, "item", Values(("name", "old"), ("legacy", "doomed")));

        // The runtime on the new metadata, built but not started (no boot-time migration to refuse the drop): the state
        // an operator's 'os migrate apply --allow-destructive' works in.
        await Host.RestartForMaintenanceAsync(WithoutLegacy);
        var migrator = Host.Migrator;
        var plan = await migrator.PlanAsync();
        Assert.That(plan.Destructive.Select(c => c.Description), Is.EqualTo(new[] { "drop column item.legacy" }));

        Assert.ThrowsAsync<SchemaMigrationException>(() => migrator.ApplyAsync(allowDestructive: false));
        Assert.That((await migrator.PlanAsync()).Destructive, Has.Count.EqualTo(1), "a refused plan changes nothing");

        var applied = await migrator.ApplyAsync(allowDestructive: true);

        Assert.That(applied.Changes.Select(c => c.Description), Does.Contain("drop column item.legacy"));
        Assert.That((await migrator.PlanAsync()).IsEmpty, Is.True);
        var history = await migrator.HistoryAsync();
        Assert.That((history[^1].Kind, history[^1].Table, history[^1].Description), Is.EqualTo((SchemaChangeKind.DropColumn, "item", "drop column item.legacy")));

        await Host.RestartAsync(WithoutLegacy);
        var stored = await Engine.GetAsync(Alice, "item", old.Id);
        Assert.That(stored!["name"], Is.EqualTo("old"));
        Assert.That(stored.ContainsKey("legacy"), Is.False);
        Assert.That((await Host.Driver.Schema.ReadSchemaAsync()).Tables["item"].Columns.Keys, Does.Not.Contain("legacy"));
    }

    /// <summary>A type change applied explicitly converts the stored values, which then compare as the new type.</summary>
    [Test]
    public async Task ApplyAsync_ChangedFieldTypeAllowed_ConvertsTheStoredValues()
    {
        var numeric = await Engine.InsertAsync(Alice, "item", Values(("name", "numeric"), ("legacy", "42")));

        await Host.RestartForMaintenanceAsync(LegacyAsNumber);
        var applied = await Host.Migrator.ApplyAsync(allowDestructive: true);
        Assert.That(applied.Destructive.Select(c => c.Kind), Is.EqualTo(new[] { SchemaChangeKind.AlterColumnType }));

        await Host.RestartAsync(LegacyAsNumber);
        Assert.That((await Engine.GetAsync(Alice, "item", numeric.Id))!["legacy"], Is.EqualTo(42m));
        Assert.That(await ValuesOfAsync(Engine, "item", Where("""{ "legacy": { "$gt": 40 } }""")), Is.EqualTo(new[] { "numeric" }));
        Assert.That((await Host.Migrator.PlanAsync()).IsEmpty, Is.True);
    }

    /// <summary>Making a field unique over duplicate values fails the boot, and none of that boot's changes remain.</summary>
    [Test]
    public async Task Restart_MakingAFieldUniqueOverDuplicates_FailsAndAppliesNoChangeOfThatBoot()
    {
        const string WithCode = """{ "item": { "fields": { "name": { "type": "text" }, "code": { "type": "text" } } } }""";
        const string UniqueCodeAndColor = """
            { "item": { "fields": { "name": { "type": "text" }, "code": { "type": "text", "unique": true }, "color": { "type": "text" } } } }
            """;
        await using var host = await StartHostAsync(WithCode);
        await host.Engine.InsertAsync(Alice, "item", Values(("name", "a"), ("code", "same")));
        await host.Engine.InsertAsync(Alice, "item", Values(("name", "b"), ("code", "same")));
        var historyBefore = (await host.Migrator.HistoryAsync()).Count;

        var exception = Assert.CatchAsync<Exception>(() => host.RestartAsync(UniqueCodeAndColor));

        Assert.That(exception!.Message, Does.Contain("ux_item_code"));
        await host.RestartAsync(WithCode);
        Assert.That((await host.Migrator.HistoryAsync()).Count, Is.EqualTo(historyBefore), "the add column of the failed boot was rolled back with it");
        Assert.That((await host.Migrator.PlanAsync()).IsEmpty, Is.True);
        Assert.That((await host.Driver.Schema.ReadSchemaAsync()).Tables["item"].Columns.Keys, Does.Not.Contain("color"));
    }

    /// <summary>Removing indexed fields drops their indexes before their columns, and the rows stay.</summary>
    [Test]
    public async Task ApplyAsync_RemovedIndexedFields_DropsTheirIndexesThenTheColumns()
    {
        const string Indexed = """
            { "item": { "fields": { "name": { "type": "text" }, "code": { "type": "text", "unique": true }, "parent": { "type": "lookup", "reference": "item" } } } }
            """;
        await using var host = await StartHostAsync(Indexed);
        var root = await host.Engine.InsertAsync(Alice, "item", Values(("name", "root"), ("code", "r")));
        await host.Engine.InsertAsync(Alice, "item", Values(("name", "leaf"), ("code", "l"), ("parent", root.Id)));

        await host.RestartForMaintenanceAsync(WithoutLegacy);
        var applied = await host.Migrator.ApplyAsync(allowDestructive: true);

        Assert.That(applied.Changes.Select(c => c.Description), Is.EquivalentTo(new[]
        {
            "drop index ix_item_parent on item",
            "drop index ux_item_code on item",
            "drop column item.code",
            "drop column item.parent",
        }));
        Assert.That(applied.Changes.TakeWhile(c => c.Kind == SchemaChangeKind.DropIndex).Count(), Is.EqualTo(2), "indexes go before their columns");
        Assert.That((await host.Migrator.PlanAsync()).IsEmpty, Is.True);

        await host.RestartAsync(WithoutLegacy);
        Assert.That(await ValuesOfAsync(host.Engine, "item"), Is.EqualTo(new[] { "leaf", "root" }));
    }

    private string ColumnType(string objectName, string field) =>
        Host.Driver.Schema.GetColumnType(Host.FindObject(objectName).FindField(field)!);
}
