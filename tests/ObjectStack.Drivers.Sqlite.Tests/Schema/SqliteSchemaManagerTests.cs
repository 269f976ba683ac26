using ObjectStack.Abstractions.Metadata;
using ObjectStack.Abstractions.Testing;

namespace ObjectStack.Drivers.Sqlite.Tests.Schema;

/// <summary>The column types SQLite declares, as the schema plans and history name them (SchemaEvolutionConformance checks the plans).</summary>
public sealed class SqliteSchemaManagerTests : DriverConformanceFixture<SqliteHarness>
{
    protected override string Objects => """
        { "item": { "fields": { "name": { "type": "text" } } } }
        """;

    [TestCase(FieldType.Text, "TEXT")]
    [TestCase(FieldType.Email, "TEXT")]
    [TestCase(FieldType.Lookup, "TEXT")]
    [TestCase(FieldType.Number, "REAL")]
    [TestCase(FieldType.Currency, "REAL")]
    [TestCase(FieldType.Autonumber, "INTEGER")]
    [TestCase(FieldType.Boolean, "BOOLEAN_INTEGER")]
    [TestCase(FieldType.Date, "DATE_TEXT")]
    [TestCase(FieldType.DateTime, "DATETIME_TEXT")]
    [TestCase(FieldType.Time, "TIME_TEXT")]
    [TestCase(FieldType.Tags, "LIST_TEXT")]
    [TestCase(FieldType.Json, "JSON_TEXT")]
    public void GetColumnType_FieldType_IsTheDeclaredSqliteType(FieldType type, string expected) =>
        Assert.That(Host.Driver.Schema.GetColumnType(new FieldDefinition { Name = "f", Type = type }), Is.EqualTo(expected));

    [Test]
    public async Task ReadSchemaAsync_OrganizationScopedUniqueIndex_ReadsBackItsColumns()
    {
        await using var host = await StartHostAsync("""{ "item": { "fields": { "name": { "type": "text" }, "code": { "type": "text", "unique": true } } } }""");

        var index = (await host.Driver.Schema.ReadSchemaAsync()).Tables["item"].Indexes.Single(i => i.Name == "ux_item_code");

        Assert.That(index.Columns, Is.EqualTo(new[] { "organization_id", "code" }), "IFNULL(organization_id, '') reads back as the column");
        Assert.That(index.Unique, Is.True);
    }
}
