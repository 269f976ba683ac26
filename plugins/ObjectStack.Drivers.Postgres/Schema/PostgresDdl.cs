using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Postgres.Sql;
using ObjectStack.Drivers.Postgres.Storage;

namespace ObjectStack.Drivers.Postgres.Schema;

/// <summary>Renders one planned change as PostgreSQL DDL statements.</summary>
internal static class PostgresDdl
{
    /// <summary>
    /// In a unique index, a missing organization counts as one scope of its own (PostgreSQL never considers NULLs
    /// equal), so <c>organization_id</c> is indexed as this expression; <see cref="ColumnOfIndexKey"/> reads it back.
    /// </summary>
    internal const string OrganizationScope = "COALESCE(\"organization_id\", '')";

    public static IReadOnlyList<string> Render(SchemaChange change)
    {
        var table = Quote.Id(change.Table);
        switch (change.Kind)
        {
            case SchemaChangeKind.CreateTable:
                return [$"CREATE TABLE {table} ({string.Join(", ", change.Object!.Fields.Select(Column))})"];
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
                return AlterType(change);
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "Unknown schema change.");
        }
    }

    /// <summary>The column an index key names: its name (unquoted), or <c>organization_id</c> for the organization scope.</summary>
    public static string ColumnOfIndexKey(string key)
    {
        if (key.StartsWith("COALESCE(", StringComparison.Ordinal) && key.Contains("organization_id", StringComparison.Ordinal))
        {
            return SystemFieldNames.OrganizationId;
        }

        return key.Length > 1 && key[0] == '"' && key[^1] == '"' ? key[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : key;
    }

    // Keys sort NULLS FIRST, the engine's ascending order (and, scanned backwards, its descending one: NULLS LAST),
    // so an index serves a sort in either direction; PostgreSQL's default would serve neither.
    private static string IndexColumn(string column, bool unique) =>
        (unique && column == SystemFieldNames.OrganizationId ? OrganizationScope : Quote.Id(column)) + " NULLS FIRST";

    private static string Column(FieldDefinition field) =>
        field.Name == SystemFieldNames.Id
            ? $"{Quote.Id(field.Name)} {PostgresColumnTypes.Uuid} NOT NULL PRIMARY KEY"
            : $"{Quote.Id(field.Name)} {PostgresColumnTypes.Definition(field)}";

    // A type change converts every value it can and empties the ones it cannot, as on SQLite: the conversion runs
    // through a function created for this transaction only (pg_temp), which catches the cast errors.
    private static IReadOnlyList<string> AlterType(SchemaChange change)
    {
        var field = change.Field!;
        var column = Quote.Id(field.Name);
        var target = PostgresColumnTypes.For(field);
        var source = change.Column ?? PostgresColumnTypes.Text;
        var function = "pg_temp.os_convert_" + target switch
        {
            PostgresColumnTypes.Instant => "instant",
            PostgresColumnTypes.Time => "time",
            PostgresColumnTypes.TextList => "list",
            _ => target,
        };
        var body = target switch
        {
            PostgresColumnTypes.TextList =>
                "BEGIN IF v IS NULL THEN RETURN NULL; END IF; IF left(v, 1) = '[' THEN BEGIN RETURN ARRAY(SELECT jsonb_array_elements_text(v::jsonb)); EXCEPTION WHEN others THEN NULL; END; END IF; RETURN ARRAY[v]; END",
            PostgresColumnTypes.Json => "BEGIN RETURN v::jsonb; EXCEPTION WHEN others THEN RETURN to_jsonb(v); END",
            PostgresColumnTypes.Boolean =>
                "BEGIN RETURN CASE lower(trim(v)) WHEN '1' THEN TRUE WHEN 'true' THEN TRUE WHEN 'yes' THEN TRUE WHEN 't' THEN TRUE WHEN '0' THEN FALSE WHEN 'false' THEN FALSE WHEN 'no' THEN FALSE WHEN 'f' THEN FALSE END; END",
            PostgresColumnTypes.BigInt => "BEGIN RETURN CASE WHEN v::numeric = trunc(v::numeric) THEN v::numeric::bigint END; EXCEPTION WHEN others THEN RETURN NULL; END",
            _ => $"BEGIN RETURN v::{target}; EXCEPTION WHEN others THEN RETURN NULL; END",
        };
        var returns = target == PostgresColumnTypes.TextList ? "text[]" : target;
        var text = source switch
        {
            PostgresColumnTypes.TextList => $"array_to_string({column}, ', ')",
            PostgresColumnTypes.Json => $"(CASE jsonb_typeof({column}) WHEN 'string' THEN {column} #>> '{{}}' ELSE {column}::text END)",
            _ => $"{column}::text",
        };
        var collate = target is PostgresColumnTypes.Text or PostgresColumnTypes.TextList ? " COLLATE \"C\"" : string.Empty;
        return
        [
            $"CREATE OR REPLACE FUNCTION {function}(v text) RETURNS {returns} LANGUAGE plpgsql IMMUTABLE AS $os$ {body} $os$",
            target == PostgresColumnTypes.Text
                ? $"ALTER TABLE {Quote.Id(change.Table)} ALTER COLUMN {column} TYPE text{collate} USING {text}"
                : $"ALTER TABLE {Quote.Id(change.Table)} ALTER COLUMN {column} TYPE {returns}{collate} USING {function}({text})",
        ];
    }
}
