using Dapper;
using Microsoft.Data.Sqlite;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Sqlite.Storage;

namespace ObjectStack.Drivers.Sqlite.Schema;

/// <summary>Reads and changes the SQLite schema. Changes apply in one transaction (SQLite DDL is transactional) and are recorded in <c>_os_schema_history</c>.</summary>
internal sealed class SqliteSchemaManager : ISchemaManager
{
    public const string HistoryTable = "_os_schema_history";
    private readonly SqliteDataDriver _driver;

    public SqliteSchemaManager(SqliteDataDriver driver) => _driver = driver;

    public string GetColumnType(FieldDefinition field) => SqliteColumnTypes.For(field);

    public async Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _driver.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var tables = new Dictionary<string, TableSchema>(StringComparer.Ordinal);
        var names = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_os\\_%' ESCAPE '\\' ORDER BY name",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        foreach (var table in names)
        {
            var columns = (await connection.QueryAsync<(string Name, string Type)>(new CommandDefinition(
                "SELECT name, type FROM pragma_table_info(@table)", new { table }, cancellationToken: cancellationToken)).ConfigureAwait(false))
                .ToDictionary(c => c.Name, c => c.Type, StringComparer.Ordinal);
            var indexes = new List<IndexSchema>();
            var indexRows = await connection.QueryAsync<(string Name, long Unique, string? Sql)>(new CommandDefinition(
                "SELECT l.name, l.\"unique\", s.sql FROM pragma_index_list(@table) AS l JOIN sqlite_schema AS s ON s.name = l.name WHERE l.origin = 'c' ORDER BY l.name",
                new { table },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var (name, unique, sql) in indexRows)
            {
                // An expression column reads back without a name; the only expression the engine indexes is the organization scope.
                var indexColumns = await connection.QueryAsync<string?>(new CommandDefinition(
                    "SELECT name FROM pragma_index_xinfo(@name) WHERE key = 1 ORDER BY seqno", new { name }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var scoped = sql?.Contains(SqliteDdl.OrganizationScope, StringComparison.Ordinal) == true;
                indexes.Add(new IndexSchema(name, [.. indexColumns.Select(c => c ?? (scoped ? SqliteDdl.OrganizationColumn : "(expression)"))], unique != 0));
            }

            tables[table] = new TableSchema(table, columns, indexes);
        }

        return new DatabaseSchema(tables);
    }

    public async Task ApplyAsync(IReadOnlyList<SchemaChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        using var gate = await _driver.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await _driver.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        connection.CreateFunction<object?, string?, object?>(ColumnConversion.Function, ColumnConversion.Convert, isDeterministic: true);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await EnsureHistoryTableAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        foreach (var change in changes)
        {
            try
            {
                foreach (var statement in await SqliteDdl.RenderAsync(change, connection, transaction, cancellationToken).ConfigureAwait(false))
                {
                    await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }
            }
            catch (SqliteException ex)
            {
                throw new DataOperationException(DataErrorCode.ValidationFailed, $"Cannot {change.Description}: {ex.Message}", ex);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {HistoryTable} (applied_at, kind, table_name, description) VALUES (@at, @kind, @table, @description)",
                new { at = DateTimeOffset.UtcNow.ToString("O"), kind = change.Kind.ToString(), table = change.Table, description = change.Description },
                transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _driver.ResetConnections();
    }

    public async Task<IReadOnlyList<SchemaHistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _driver.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = @name", new { name = HistoryTable }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (exists == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<(string AppliedAt, string Kind, string Table, string Description)>(new CommandDefinition(
            $"SELECT applied_at, kind, table_name, description FROM {HistoryTable} ORDER BY id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new SchemaHistoryEntry(
            DateTimeOffset.Parse(r.AppliedAt, System.Globalization.CultureInfo.InvariantCulture),
            Enum.Parse<SchemaChangeKind>(r.Kind),
            r.Table,
            r.Description)).ToList();
    }

    private static Task<int> EnsureHistoryTableAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"CREATE TABLE IF NOT EXISTS {HistoryTable} (id INTEGER PRIMARY KEY AUTOINCREMENT, applied_at TEXT NOT NULL, kind TEXT NOT NULL, table_name TEXT NOT NULL, description TEXT NOT NULL)",
            transaction: transaction, cancellationToken: cancellationToken));
}
