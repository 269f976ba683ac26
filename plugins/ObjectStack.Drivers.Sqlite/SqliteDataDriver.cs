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
public sealed class SqliteDataDriver : IDataDriver, IDataBackup, IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SqliteDriverOptions _options;
    private readonly string _connectionString;
    private readonly SqliteSchemaManager _schema;
    private readonly ConnectionPool _pool;
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
            Pooling = false,
            DefaultTimeout = Math.Max(1, options.BusyTimeoutMs / 1000),
        }.ToString();
        Datasource = new DatasourceDescription(Name, DatabasePath, DatasourceTls.Local);
        _schema = new SqliteSchemaManager(this);
        _pool = new ConnectionPool(OpenConnection);
    }

    /// <inheritdoc />
    public string Name => "sqlite";

    /// <summary>Gets the full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    /// <remarks>The endpoint is the database file; the database runs in the process, so nothing crosses a network.</remarks>
    public DatasourceDescription Datasource { get; }

    /// <inheritdoc />
    public ISchemaManager Schema => _schema;

    internal StatementCache Statements { get; } = new();

    internal CountCache Counts { get; } = new();

    private readonly BoundedCache<RowShape> _shapes = new(4096);

    /// <summary>Returns the one row shape of a select statement, so rows of the same query share their field names.</summary>
    internal RowShape ShapeOf(string sql, IReadOnlyList<ObjectStack.Abstractions.Metadata.FieldDefinition> fields) =>
        _shapes.GetOrAdd(sql, () => new RowShape([.. fields.Select(f => f.Name)]));

    /// <inheritdoc />
    public async Task<IDriverSession> OpenSessionAsync(bool writable, CancellationToken cancellationToken = default)
    {
        if (writable)
        {
            await WaitForWriterSlotAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            return SqliteSession.Open(this, _pool, writable ? _writeGate : null);
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
    public Task<BackupSummary> BackupAsync(string path, CancellationToken cancellationToken = default) =>
        new Backup.SqliteBackup(this).BackupAsync(path, cancellationToken);

    /// <inheritdoc />
    public Task<BackupSummary> RestoreAsync(string path, bool force, CancellationToken cancellationToken = default) =>
        new Backup.SqliteBackup(this).RestoreAsync(path, force, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _pool.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>Opens a new, initialised connection (not pooled); used by the schema manager.</summary>
    internal Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(OpenConnection());
    }

    /// <summary>Closes pooled connections after the schema changed, so no prepared statement outlives it.</summary>
    internal void ResetConnections()
    {
        _pool.Reset();
        Counts.Clear();
    }

    private SqliteConnection OpenConnection()
    {
        EnsureDirectory();
        var connection = new SqliteConnection(_connectionString);
        connection.CreateFunction<string?, string?, bool>(TextMatching.IContainsFunction, TextMatching.IContains, isDeterministic: true);
        connection.CreateFunction<string?, string?, bool>(TextMatching.LikeFunction, (t, p) => TextMatching.Like(t, p, ignoreCase: false), isDeterministic: true);
        connection.CreateFunction<string?, string?, bool>(TextMatching.ILikeFunction, (t, p) => TextMatching.Like(t, p, ignoreCase: true), isDeterministic: true);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            pragma.CommandText = Volatile.Read(ref _initialized) == 0
                ? $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={_options.BusyTimeoutMs}; {WriteSql.CreateSequenceTable};"
                : $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={_options.BusyTimeoutMs};";
            pragma.ExecuteNonQuery();
            Volatile.Write(ref _initialized, 1);
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
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
