using Microsoft.Data.Sqlite;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Drivers.Sqlite.Schema;
using ObjectStack.Drivers.Sqlite.Sql;
using ObjectStack.Drivers.Sqlite.Storage;

namespace ObjectStack.Drivers.Sqlite;

/// <summary>
/// The SQLite datasource: one database file in WAL mode, pooled connections for readers and a single writer at a
/// time (SQLite's own model), made explicit with a gate so writers queue in order instead of failing busy.
/// </summary>
public sealed class SqliteDataDriver : IDataDriver, IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteDriverOptions _options;
    private readonly string _connectionString;
    private readonly SqliteSchemaManager _schema;
    private int _initialized;

    /// <summary>Creates the driver.</summary>
    /// <param name="options">The validated options.</param>
    public SqliteDataDriver(SqliteDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Microsoft.Data.Sqlite finds the native provider by reflection, which can resolve in the wrong load context
        // when the driver runs as a plugin; initialising the bundled provider explicitly makes that deterministic.
        SQLitePCL.Batteries_V2.Init();
        _options = options;
        DatabasePath = System.IO.Path.GetFullPath(options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, options.BusyTimeoutMs / 1000),
        }.ToString();
        _schema = new SqliteSchemaManager(this);
    }

    /// <inheritdoc />
    public string Name => "sqlite";

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public ISchemaManager Schema => _schema;

    internal StatementCache Statements { get; } = new();

    /// <inheritdoc />
    public async Task<IDriverSession> OpenSessionAsync(bool writable, CancellationToken cancellationToken = default)
    {
        if (writable)
        {
            await WaitForWriterSlotAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var transaction = connection.BeginTransaction(deferred: !writable);
            return new SqliteSession(this, connection, transaction, writable ? _writeGate : null);
        }
        catch
        {
            if (writable)
            {
                _writeGate.Release();
            }

            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writeGate.Dispose();
        SqliteConnection.ClearAllPools();
    }

    internal async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        EnsureDirectory();
        var connection = new SqliteConnection(_connectionString);
        connection.CreateFunction<string?, string?, bool>(TextMatching.IContainsFunction, TextMatching.IContains, isDeterministic: true);
        connection.CreateFunction<string?, string?, bool>(TextMatching.LikeFunction, (t, p) => TextMatching.Like(t, p, ignoreCase: false), isDeterministic: true);
        connection.CreateFunction<string?, string?, bool>(TextMatching.ILikeFunction, (t, p) => TextMatching.Like(t, p, ignoreCase: true), isDeterministic: true);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragma = connection.CreateCommand();
            pragma.CommandText = Volatile.Read(ref _initialized) == 0
                ? $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={_options.BusyTimeoutMs};"
                : $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={_options.BusyTimeoutMs};";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _initialized, 1);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw SqliteErrors.Translate(ex, string.Empty) ?? new DataOperationException(DataErrorCode.Unavailable, "The database cannot be opened.", ex);
        }
    }

    internal async Task<IDisposable> EnterWriteAsync(CancellationToken cancellationToken)
    {
        await WaitForWriterSlotAsync(cancellationToken).ConfigureAwait(false);
        return new GateRelease(_writeGate);
    }

    private async Task WaitForWriterSlotAsync(CancellationToken cancellationToken)
    {
        if (!await _writeGate.WaitAsync(_options.WriteWaitMs, cancellationToken).ConfigureAwait(false))
        {
            throw new DataOperationException(DataErrorCode.Unavailable, "The database is busy with other writes; retry shortly.");
        }
    }

    private void EnsureDirectory()
    {
        if (System.IO.Path.GetDirectoryName(DatabasePath) is { Length: > 0 } directory && !Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private sealed class GateRelease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
