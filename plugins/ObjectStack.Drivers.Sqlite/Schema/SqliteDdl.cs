using Dapper;
using Microsoft.Data.Sqlite;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Sqlite.Sql;
using ObjectStack.Drivers.Sqlite.Storage;

namespace ObjectStack.Drivers.Sqlite.Schema;

/// <summary>Renders one planned change as SQLite DDL statements.</summary>
internal static class SqliteDdl
{
    public static async Task<IReadOnlyList<string>> RenderAsync(SchemaChange change, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var table = Quote.Id(change.Table);
        switch (change.Kind)
        {
            case SchemaChangeKind.CreateTable:
                return [CreateTable(change.Object!, change.Table)];
            case SchemaChangeKind.AddColumn:
                return [$"ALTER TABLE {table} ADD COLUMN {Column(change.Field!)}"];
            case SchemaChangeKind.CreateIndex:
                var index = change.Index!;
                return [$"CREATE {(index.Unique ? "UNIQUE " : string.Empty)}INDEX {Quote.Id(index.Name)} ON {table} ({string.Join(", ", index.Columns.Select(c => IndexColumn(c, index.Unique)))})"];
            case SchemaChangeKind.DropIndex:
                return [$"DROP INDEX IF EXISTS {Quote.Id(change.Index!.Name)}"];
            case SchemaChangeKind.DropColumn:
                return [$"ALTER TABLE {table} DROP COLUMN {Quote.Id(change.Column!)}"];
            case SchemaChangeKind.DropTable:
                return [$"DROP TABLE {table}"];
            case SchemaChangeKind.AlterColumnType:
                return await RebuildAsync(change, connection, transaction, cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown schema change.");
        }
    }

    private static string CreateTable(ObjectDefinition obj, string name) =>
        $"CREATE TABLE {Quote.Id(name)} ({string.Join(", ", obj.Fields.Select(Column))})";

    /// <summary>
    /// In a unique index, a missing organization counts as one scope of its own (SQLite never considers NULLs equal),
    /// so <c>organization_id</c> is indexed as <c>IFNULL("organization_id", '')</c>; <see cref="OrganizationScope"/> reads it back.
    /// </summary>
    internal static string IndexColumn(string column, bool unique) =>
        unique && column == OrganizationColumn ? OrganizationScope : Quote.Id(column);

    /// <summary>The organization column name.</summary>
    internal const string OrganizationColumn = "organization_id";

    /// <summary>The expression a unique index uses for the organization.</summary>
    internal const string OrganizationScope = "IFNULL(\"organization_id\", '')";

    private static string Column(FieldDefinition field) =>
        field.Name == SystemFieldNames.Id
            ? $"{Quote.Id(field.Name)} TEXT NOT NULL PRIMARY KEY"
            : $"{Quote.Id(field.Name)} {SqliteColumnTypes.For(field)}";

    // SQLite cannot change a column's type in place: copy into a new table, converting that column, then swap,
    // keeping the columns the table has today and re-creating its indexes.
    private static async Task<IReadOnlyList<string>> RebuildAsync(SchemaChange change, SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var obj = change.Object!;
        var altered = change.Field!;
        var existing = (await connection.QueryAsync<(string Name, string Type)>(new CommandDefinition(
            "SELECT name, type FROM pragma_table_info(@table) ORDER BY cid", new { table = obj.Name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var indexes = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = @table AND sql IS NOT NULL", new { table = obj.Name }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var temporary = obj.Name + "__os_rebuild";
        var definitions = existing.Select(c => c.Name == altered.Name
            ? Column(altered)
            : c.Name == SystemFieldNames.Id ? $"{Quote.Id(c.Name)} TEXT NOT NULL PRIMARY KEY" : $"{Quote.Id(c.Name)} {c.Type}");
        var targetType = SqliteColumnTypes.For(altered);
        var selections = existing.Select(c => c.Name == altered.Name
            ? $"{ColumnConversion.Function}({Quote.Id(c.Name)}, '{targetType}')"
            : Quote.Id(c.Name));
        var statements = new List<string>
        {
            $"CREATE TABLE {Quote.Id(temporary)} ({string.Join(", ", definitions)})",
            $"INSERT INTO {Quote.Id(temporary)} ({string.Join(", ", existing.Select(c => Quote.Id(c.Name)))}) SELECT {string.Join(", ", selections)} FROM {Quote.Id(obj.Name)}",
            $"DROP TABLE {Quote.Id(obj.Name)}",
            $"ALTER TABLE {Quote.Id(temporary)} RENAME TO {Quote.Id(obj.Name)}",
        };
        statements.AddRange(indexes);
        return statements;
    }
}
