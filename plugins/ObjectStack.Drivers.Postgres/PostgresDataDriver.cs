using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Drivers.Postgres.Resilience;
using ObjectStack.Drivers.Postgres.Schema;

namespace ObjectStack.Drivers.Postgres;

/// <summary>
/// The PostgreSQL datasource: an Npgsql pool with explicit limits, sessions that read without a transaction and
/// write in one (READ COMMITTED, row locks for updates), and a resilience pipeline that retries connection
/// attempts and idempotent reads and turns a dead database into fast 503s.
/// </summary>
public sealed partial class PostgresDataDriver : IDataDriver, IDataBackup, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSchemaManager _schema;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _setup = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, RowShape> _shapes = new(StringComparer.Ordinal);
    private volatile string? _foldCollation;

    /// <summary>Creates the driver.</summary>
    /// <param name="options">The validated options.</param>
    /// <param name="logger">The logger; null for none.</param>
    public PostgresDataDriver(PostgresDriverOptions options, ILogger<PostgresDataDriver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!PostgresConnectionString.TryBuild(options, out var builder, out var error))
        {
            throw new ArgumentException(error, nameof(options));
        }

        Options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        ConnectionString = builder;
        Datasource = new DatasourceDescription(Name, PostgresConnectionString.Describe(builder), PostgresConnectionString.Tls(builder));
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        Resilience = new DatabaseResilience(options, reason => LogCircuitOpened(Description, options.BreakDurationMs, reason), () => LogCircuitClosed(Description));
        _schema = new PostgresSchemaManager(this);
    }

    /// <inheritdoc />
    public string Name => "postgres";

    /// <inheritdoc />
    public ISchemaManager Schema => _schema;

    /// <inheritdoc />
    /// <remarks>The endpoint is a URL without the password, such as <c>postgres://app@db:5432/crm</c>; the TLS mode
    /// is the effective <c>sslmode</c> (Npgsql's default is <c>prefer</c>), or local over Unix-domain sockets.</remarks>
    public DatasourceDescription Datasource { get; }

    private string Description => Datasource.Endpoint;

    /// <summary>Gets the options.</summary>
    internal PostgresDriverOptions Options { get; }

    internal NpgsqlConnectionStringBuilder ConnectionString { get; }

    internal DatabaseResilience Resilience { get; }

    internal PostgresSchemaManager SchemaManager => _schema;

    /// <summary>Gets the collation that folds case for the case-insensitive operators: ICU's root locale when the
    /// server has it (Unicode-aware on every server), else the database default.</summary>
    internal string FoldCollation => _foldCollation ?? "\"default\"";

    /// <inheritdoc />
    public async Task<IDriverSession> OpenSessionAsync(bool writable, CancellationToken cancellationToken = default)
    {
        if (!writable)
        {
            return new PostgresSession(this, null, null);
        }

        var connection = await OpenConnectionAsync(string.Empty, cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
            return new PostgresSession(this, connection, transaction);
        }
        catch (Exception ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            if (PostgresErrors.Translate(ex, string.Empty, _ => []) is { } translated)
            {
                throw translated;
            }

            throw;
        }
    }

    /// <summary>
    /// Takes a pooled connection under the resilience pipeline: a refused or dropped connection attempt is retried,
    /// an open circuit fails at once, and a pool with no free connection within <c>acquireTimeoutMs</c> answers busy.
    /// </summary>
    internal async Task<NpgsqlConnection> OpenConnectionAsync(string objectName, CancellationToken cancellationToken)
    {
        try
        {
            return await Resilience.ExecuteAsync(AcquireAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw ex as DataOperationException
                ?? PostgresErrors.Translate(ex, objectName, _ => [])
                ?? new DataOperationException(DataErrorCode.Unavailable, "The database cannot be reached.", ex);
        }
    }

    /// <inheritdoc />
    public Task<BackupSummary> BackupAsync(string path, CancellationToken cancellationToken = default) =>
        new Backup.PostgresBackup(this).BackupAsync(path, cancellationToken);

    /// <inheritdoc />
    public Task<BackupSummary> RestoreAsync(string path, bool force, CancellationToken cancellationToken = default) =>
        new Backup.PostgresBackup(this).RestoreAsync(path, force, cancellationToken);

    /// <summary>Drops idle pooled connections, so no prepared statement outlives a schema change or a restore.</summary>
    internal void ResetConnections() => NpgsqlConnection.ClearPool(new NpgsqlConnection(_dataSource.ConnectionString));

    /// <summary>Opens a connection outside the pipeline, for the schema manager and backup.</summary>
    internal ValueTask<NpgsqlConnection> OpenRawConnectionAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _dataSource.Dispose();
        _setup.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _setup.Dispose();
    }

    /// <summary>Takes a pooled connection, waiting at most <c>acquireTimeoutMs</c> for a free one; failures are raw
    /// (callers run it under <see cref="Resilience"/>).</summary>
    internal async ValueTask<NpgsqlConnection> AcquireAsync(CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(Options.AcquireTimeoutMs);
        NpgsqlConnection connection;
        try
        {
            connection = await _dataSource.OpenConnectionAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw PostgresErrors.PoolBusy(string.Empty, ex);
        }

        try
        {
            await EnsureSetupAsync(connection, cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Returns the one row shape of a select, so rows of the same query share their field names.</summary>
    internal RowShape ShapeOf(SelectCommand command)
    {
        var key = new System.Text.StringBuilder(command.Object.Name).Append('|');
        foreach (var field in command.Fields)
        {
            key.Append(field.Name).Append(',');
        }

        var text = key.ToString();
        if (_shapes.TryGetValue(text, out var shape))
        {
            return shape;
        }

        if (_shapes.Count >= 4096)
        {
            _shapes.Clear();
        }

        return _shapes.GetOrAdd(text, _ => new RowShape([.. command.Fields.Select(f => f.Name)]));
    }

    private async Task EnsureSetupAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (_foldCollation is not null)
        {
            return;
        }

        await _setup.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_foldCollation is null)
            {
                await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu')", connection);
                var icu = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                _foldCollation = icu ? "\"und-x-icu\"" : "\"default\"";
            }
        }
        finally
        {
            _setup.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Database {Datasource} is unreachable ({Reason}); refusing data requests for {BreakMs} ms, then probing again.")]
    private partial void LogCircuitOpened(string datasource, int breakMs, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Datasource} is reachable again.")]
    private partial void LogCircuitClosed(string datasource);
}
