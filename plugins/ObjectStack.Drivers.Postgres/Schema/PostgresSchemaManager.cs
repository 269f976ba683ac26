using System.Collections.Concurrent;
using Dapper;
using Npgsql;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Postgres.Sql;
using ObjectStack.Drivers.Postgres.Storage;

namespace ObjectStack.Drivers.Postgres.Schema;

/// <summary>
/// Reads and changes the PostgreSQL schema. PostgreSQL DDL is transactional, so a whole plan applies in one
/// transaction — a failing change leaves nothing half-applied — under an advisory lock, so two instances booting
/// together migrate one after the other. Each change is recorded in <c>_os_schema_history</c>.
/// </summary>
internal sealed class PostgresSchemaManager(PostgresDataDriver driver) : ISchemaManager
{
    public const string HistoryTable = "_os_schema_history";

    /// <summary>The advisory lock key that serializes migrations ("objectst" in ASCII).</summary>
    internal const long MigrationLock = 0x6F626A6563747374;

    private const string CreateHistoryTable =
        $"CREATE TABLE IF NOT EXISTS \"{HistoryTable}\" (\"id\" bigserial PRIMARY KEY, \"applied_at\" timestamptz NOT NULL, \"kind\" text NOT NULL, \"table_name\" text NOT NULL, \"description\" text NOT NULL)";

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _uniqueFields = new(StringComparer.Ordinal);

    public string GetColumnType(FieldDefinition field) => PostgresColumnTypes.For(field);

    public async Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await driver.OpenConnectionAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        return await ReadSchemaAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task ApplyAsync(IReadOnlyList<SchemaChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        await using var connection = await driver.OpenConnectionAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLock }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await EnsureBookkeepingAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        foreach (var change in changes)
        {
            try
            {
                foreach (var statement in PostgresDdl.Render(change))
                {
                    await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                }
            }
            catch (PostgresException ex)
            {
                // The transaction is rolled back on dispose: none of the plan's changes remain.
                throw new DataOperationException(DataErrorCode.ValidationFailed, $"Cannot {change.Description}: {ex.MessageText}; no change of this plan was applied.", ex);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO \"{HistoryTable}\" (applied_at, kind, table_name, description) VALUES (@at, @kind, @table, @description)",
                new { at = DateTime.UtcNow, kind = change.Kind.ToString(), table = change.Table, description = change.Description },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        _uniqueFields.Clear();
        driver.ResetConnections();
    }

    public async Task<IReadOnlyList<SchemaHistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await driver.OpenConnectionAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        if (!await TableExistsAsync(connection, HistoryTable, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var rows = await connection.QueryAsync<(DateTime AppliedAt, string Kind, string Table, string Description)>(new CommandDefinition(
            $"SELECT applied_at, kind, table_name, description FROM \"{HistoryTable}\" ORDER BY id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new SchemaHistoryEntry(
            new DateTimeOffset(DateTime.SpecifyKind(r.AppliedAt, DateTimeKind.Utc)),
            Enum.Parse<SchemaChangeKind>(r.Kind),
            r.Table,
            r.Description)).ToList();
    }

    /// <summary>The fields a unique index covers (without the organization scope), for duplicate-value errors.</summary>
    public async Task<IReadOnlyList<string>> UniqueFieldsAsync(string index)
    {
        if (_uniqueFields.TryGetValue(index, out var known))
        {
            return known;
        }

        // The primary key: PostgreSQL names it <table>_pkey.
        if (index.EndsWith("_pkey", StringComparison.Ordinal))
        {
            return [SystemFieldNames.Id];
        }

        try
        {
            // The failed statement aborted its transaction, so the catalog is read on a connection of its own.
            await using var connection = await driver.OpenRawConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            var schema = await ReadSchemaAsync(connection, null, CancellationToken.None).ConfigureAwait(false);
            var match = schema.Tables.Values.SelectMany(t => t.Indexes).FirstOrDefault(i => i.Name == index);
            return match?.Columns.Where(c => c != SystemFieldNames.OrganizationId || match.Columns.Count == 1).ToList() ?? [];
        }
        catch (Exception ex) when (ex is NpgsqlException or DataOperationException)
        {
            return [];
        }
    }

    /// <summary>Creates the driver's bookkeeping tables when missing.</summary>
    internal static async Task EnsureBookkeepingAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(CreateHistoryTable, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(WriteSql.CreateSequenceTable, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    internal static async Task<bool> TableExistsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = @table AND c.relkind IN ('r', 'p'))",
            new { table },
            cancellationToken: cancellationToken)).ConfigureAwait(false);

    internal async Task<DatabaseSchema> ReadSchemaAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var columns = await connection.QueryAsync<(string Table, string Column, string Type)>(new CommandDefinition(
            """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE '\_os\_%'
            ORDER BY c.relname, a.attnum
            """,
            transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var indexes = await connection.QueryAsync<(string Table, string Index, bool Unique, string[] Keys)>(new CommandDefinition(
            """
            SELECT t.relname, i.relname, x.indisunique,
                   ARRAY(SELECT pg_get_indexdef(x.indexrelid, k, true) FROM generate_series(1, x.indnkeyatts) AS k ORDER BY k)
            FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid
            JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND NOT x.indisprimary AND t.relname NOT LIKE '\_os\_%'
            ORDER BY t.relname, i.relname
            """,
            transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var indexesByTable = indexes.GroupBy(i => i.Table, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => g.Select(i => new IndexSchema(i.Index, [.. i.Keys.Select(PostgresDdl.ColumnOfIndexKey)], i.Unique)).ToList(),
            StringComparer.Ordinal);
        foreach (var index in indexesByTable.Values.SelectMany(i => i).Where(i => i.Unique))
        {
            _uniqueFields[index.Name] = index.Columns.Where(c => c != SystemFieldNames.OrganizationId || index.Columns.Count == 1).ToList();
        }

        var tables = columns.GroupBy(c => c.Table, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new TableSchema(
                g.Key,
                g.ToDictionary(c => c.Column, c => c.Type, StringComparer.Ordinal),
                indexesByTable.TryGetValue(g.Key, out var list) ? list : []),
            StringComparer.Ordinal);
        return new DatabaseSchema(tables);
    }
}
