using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Postgres.Schema;
using ObjectStack.Drivers.Postgres.Sql;

namespace ObjectStack.Drivers.Postgres.Backup;

/// <summary>
/// A logical backup: every managed table's definition (columns, indexes) and rows in PostgreSQL's COPY text format,
/// plus the schema history and the autonumber counters, in one gzip file. The backup reads one REPEATABLE READ
/// snapshot, so it is consistent while the database stays online. A restore recreates the tables and loads the rows
/// in one transaction: it applies completely or not at all.
/// </summary>
/// <remarks>
/// File layout (UTF-8 lines): a header JSON object (<c>format</c>, <c>version</c>, <c>driver</c>, <c>createdAt</c>,
/// <c>schemaVersion</c>, <c>tables</c> with columns and indexes); then per table a line <c>{"table": name}</c>, its
/// COPY rows and a <c>\.</c> line; then a trailer <c>{"end": true, "rows": {table: count}}</c> that detects truncation.
/// </remarks>
internal sealed class PostgresBackup(PostgresDataDriver driver)
{
    private const string Format = "objectstack-backup";
    private const int Version = 1;
    private const string EndOfRows = "\\.";
    private static readonly string[] Bookkeeping = [PostgresSchemaManager.HistoryTable, WriteSql.SequenceTable];

    public async Task<BackupSummary> BackupAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        var partial = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            BackupSummary summary;
            await using (var connection = await driver.OpenConnectionAsync(string.Empty, cancellationToken).ConfigureAwait(false))
            await using (var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false))
            {
                await PostgresSchemaManager.EnsureBookkeepingAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var schema = await driver.SchemaManager.ReadSchemaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var history = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    $"SELECT COUNT(*) FROM \"{PostgresSchemaManager.HistoryTable}\"", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var header = new BackupHeader(Format, Version, driver.Name, DateTimeOffset.UtcNow, history, [.. schema.Tables.Values.OrderBy(t => t.Name, StringComparer.Ordinal)
                    .Select(t => new BackupTable(t.Name, [.. t.Columns.Select(c => new BackupColumn(c.Key, c.Value))], [.. t.Indexes]))]);
                await using var file = File.Create(partial);
                await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
                await using var writer = new StreamWriter(gzip, new UTF8Encoding(false)) { NewLine = "\n" };
                await writer.WriteLineAsync(JsonSerializer.Serialize(header, Json)).ConfigureAwait(false);
                var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
                foreach (var table in header.Tables.Select(t => t.Name).Concat(Bookkeeping))
                {
                    var count = await ExportAsync(connection, table, writer, cancellationToken).ConfigureAwait(false);
                    if (!Bookkeeping.Contains(table))
                    {
                        rows[table] = count;
                    }
                }

                await writer.WriteLineAsync(JsonSerializer.Serialize(new BackupTrailer(true, rows), Json)).ConfigureAwait(false);
                summary = new BackupSummary(driver.Name, rows, history);
            }

            File.Move(partial, target, overwrite: true);
            return summary;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public async Task<BackupSummary> RestoreAsync(string path, bool force, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw Refused($"The backup file '{path}' does not exist.");
        }

        await using var file = File.OpenRead(path);
        using var reader = new StreamReader(new GZipStream(file, CompressionMode.Decompress), new UTF8Encoding(false, throwOnInvalidBytes: true));
        var header = await ReadHeaderAsync(reader, path).ConfigureAwait(false);

        await using var connection = await driver.OpenConnectionAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresSchemaManager.MigrationLock }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var existing = await driver.SchemaManager.ReadSchemaAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var records = 0L;
        foreach (var table in existing.Tables.Keys)
        {
            records += await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM {Quote.Id(table)}", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        if (records > 0 && !force)
        {
            throw Refused($"The database holds {records} record(s); restoring would replace them. Restore into an empty database, or pass --force.");
        }

        // The database's own tables make way for the backup's: the restore reproduces the backup exactly.
        foreach (var table in existing.Tables.Keys.Concat(Bookkeeping))
        {
            await Execute(connection, transaction, $"DROP TABLE IF EXISTS {Quote.Id(table)} CASCADE", cancellationToken).ConfigureAwait(false);
        }

        await PostgresSchemaManager.EnsureBookkeepingAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        foreach (var table in header.Tables)
        {
            var columns = table.Columns.Select(c => c.Name == SystemFieldNames.Id
                ? $"{Quote.Id(c.Name)} {c.Type} NOT NULL PRIMARY KEY"
                : $"{Quote.Id(c.Name)} {c.Type}{(c.Type is Storage.PostgresColumnTypes.Text or Storage.PostgresColumnTypes.TextList ? " COLLATE \"C\"" : string.Empty)}");
            await Execute(connection, transaction, $"CREATE TABLE {Quote.Id(table.Name)} ({string.Join(", ", columns)})", cancellationToken).ConfigureAwait(false);
        }

        var restored = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var tables = header.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            using var marker = JsonDocument.Parse(line);
            if (marker.RootElement.TryGetProperty("end", out _))
            {
                var trailer = marker.RootElement.Deserialize<BackupTrailer>(Json)!;
                if (!trailer.Rows.OrderBy(r => r.Key, StringComparer.Ordinal).SequenceEqual(restored))
                {
                    throw Refused($"'{path}' is damaged: its row counts do not match its rows.");
                }

                foreach (var table in header.Tables)
                {
                    foreach (var index in table.Indexes)
                    {
                        foreach (var statement in PostgresDdl.Render(SchemaChange.CreateIndex(table.Name, index)))
                        {
                            await Execute(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                driver.ResetConnections();
                return new BackupSummary(driver.Name, restored, header.SchemaVersion);
            }

            var name = marker.RootElement.GetProperty("table").GetString()!;
            if (!tables.ContainsKey(name) && !Bookkeeping.Contains(name))
            {
                throw Refused($"'{path}' is damaged: it holds rows of table '{name}', which its header does not define.");
            }

            var count = await ImportAsync(connection, name, reader, path, cancellationToken).ConfigureAwait(false);
            if (!Bookkeeping.Contains(name))
            {
                restored[name] = count;
            }
        }

        throw Refused($"'{path}' is truncated: it ends before its trailer.");
    }

    private static async Task<long> ExportAsync(NpgsqlConnection connection, string table, StreamWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(JsonSerializer.Serialize(new { table }, Json)).ConfigureAwait(false);
        var count = 0L;
        using (var copy = await connection.BeginTextExportAsync($"COPY {Quote.Id(table)} TO STDOUT", cancellationToken).ConfigureAwait(false))
        {
            while (await copy.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } row)
            {
                await writer.WriteLineAsync(row).ConfigureAwait(false);
                count++;
            }
        }

        await writer.WriteLineAsync(EndOfRows).ConfigureAwait(false);
        return count;
    }

    private static async Task<long> ImportAsync(NpgsqlConnection connection, string table, StreamReader reader, string path, CancellationToken cancellationToken)
    {
        var count = 0L;
        await using (var copy = await connection.BeginTextImportAsync($"COPY {Quote.Id(table)} FROM STDIN", cancellationToken).ConfigureAwait(false))
        {
            while (true)
            {
                var row = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw Refused($"'{path}' is truncated inside the rows of table '{table}'.");
                if (row == EndOfRows)
                {
                    break;
                }

                await copy.WriteAsync(row.AsMemory(), cancellationToken).ConfigureAwait(false);
                await copy.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }

    private static async Task<BackupHeader> ReadHeaderAsync(StreamReader reader, string path)
    {
        BackupHeader? header;
        try
        {
            header = await reader.ReadLineAsync().ConfigureAwait(false) is { } line ? JsonSerializer.Deserialize<BackupHeader>(line, Json) : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or DecoderFallbackException)
        {
            header = null;
        }

        if (header is null || header.Format != Format || header.Driver != "postgres")
        {
            throw Refused($"'{path}' is not a PostgreSQL backup written by 'os backup'.");
        }

        return header.Version > Version
            ? throw Refused($"'{path}' is a backup of format version {header.Version}; this driver reads up to version {Version}. Use a newer runtime.")
            : header;
    }

    private static Task<int> Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, cancellationToken: cancellationToken));

    private static DataOperationException Refused(string message) => new(DataErrorCode.ValidationFailed, message);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record BackupHeader(string Format, int Version, string Driver, DateTimeOffset CreatedAt, int SchemaVersion, IReadOnlyList<BackupTable> Tables);

    private sealed record BackupTable(string Name, IReadOnlyList<BackupColumn> Columns, IReadOnlyList<IndexSchema> Indexes);

    private sealed record BackupColumn(string Name, string Type);

    private sealed record BackupTrailer(bool End, IDictionary<string, long> Rows);
}
