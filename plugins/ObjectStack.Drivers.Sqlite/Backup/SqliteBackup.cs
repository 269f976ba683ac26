using Dapper;
using Microsoft.Data.Sqlite;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Drivers.Sqlite.Schema;

namespace ObjectStack.Drivers.Sqlite.Backup;

/// <summary>
/// Backup and restore with SQLite's online backup API: a backup is a consistent copy of the database file, taken
/// while readers and writers carry on; a restore copies a backup's pages over the database under the writer slot.
/// </summary>
internal sealed class SqliteBackup(SqliteDataDriver driver)
{
    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    public async Task<BackupSummary> BackupAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        var partial = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            BackupSummary summary;
            await using (var source = await driver.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            await using (var copy = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                source.BackupDatabase(copy);

                // The copy is one self-contained file: no write-ahead log beside it, here or wherever it is restored from.
                await copy.ExecuteAsync("PRAGMA journal_mode=DELETE").ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                summary = await SummarizeAsync(copy, await IsBackupAsync(copy, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, target, overwrite: true);
            return summary;
        }
        finally
        {
            foreach (var leftover in new[] { partial, partial + "-wal", partial + "-shm", partial + "-journal" })
            {
                File.Delete(leftover);
            }
        }
    }

    public async Task<BackupSummary> RestoreAsync(string path, bool force, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var source = Path.GetFullPath(path);
        if (!File.Exists(source))
        {
            throw Refused($"The backup file '{path}' does not exist.");
        }

        if (!IsSqliteFile(source))
        {
            throw Refused($"'{path}' is not a SQLite backup written by 'os backup'.");
        }

        BackupSummary summary;
        await using (var backupFile = Open(source, SqliteOpenMode.ReadOnly))
        {
            var isBackup = await IsBackupAsync(backupFile, cancellationToken).ConfigureAwait(false);
            summary = await SummarizeAsync(backupFile, isBackup, cancellationToken).ConfigureAwait(false);
            if (!isBackup && summary.Tables.Count > 0)
            {
                throw Refused($"'{path}' is a SQLite database but not an ObjectStack backup (it has no {SqliteSchemaManager.HistoryTable} table).");
            }
        }

        using var gate = await driver.EnterWriteAsync(cancellationToken).ConfigureAwait(false);
        await using (var database = await driver.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            var records = (await CountRowsAsync(database, cancellationToken).ConfigureAwait(false)).Values.Sum();
            if (records > 0 && !force)
            {
                throw Refused($"The database holds {records} record(s); restoring would replace them. Restore into an empty database, or pass --force.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            await using var backup = Open(source, SqliteOpenMode.ReadOnly);
            backup.BackupDatabase(database);
        }

        driver.ResetConnections();
        return summary;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static bool IsSqliteFile(string path)
    {
        using var file = File.OpenRead(path);
        var start = new byte[Header.Length];
        return file.Read(start) == Header.Length && start.AsSpan().SequenceEqual(Header);
    }

    // A backup of a database no runtime prepared yet holds no history and no tables, and restores as such.
    private static async Task<BackupSummary> SummarizeAsync(SqliteConnection connection, bool hasHistory, CancellationToken cancellationToken)
    {
        var version = hasHistory
            ? await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM \"{SqliteSchemaManager.HistoryTable}\"", cancellationToken: cancellationToken)).ConfigureAwait(false)
            : 0;
        return new BackupSummary("sqlite", await CountRowsAsync(connection, cancellationToken).ConfigureAwait(false), version);
    }

    private static async Task<bool> IsBackupAsync(SqliteConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = @name", new { name = SqliteSchemaManager.HistoryTable }, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;

    private static async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var tables = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_os\\_%' ESCAPE '\\' ORDER BY name",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            counts[table] = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM {Sql.Quote.Id(table)}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return counts;
    }

    private static DataOperationException Refused(string message) => new(DataErrorCode.ValidationFailed, message);
}
