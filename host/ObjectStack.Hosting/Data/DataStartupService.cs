using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ObjectStack.Abstractions.Data;
using ObjectStack.Hosting.Data.Seeding;
using ObjectStack.Hosting.Metadata;
using ObjectStack.Hosting.Schema;

namespace ObjectStack.Hosting.Data;

/// <summary>
/// Prepares the data layer before the host serves: validates the complete metadata, applies additive schema
/// changes (refusing destructive ones), then applies the seed data. A refused plan or bad seed data stops the host
/// with its message. A database that cannot be reached does not: the host starts (liveness answers), readiness
/// and data calls answer 503, and the preparation is retried in the background until the database answers.
/// </summary>
internal sealed partial class DataStartupService(
    ObjectStackRuntime runtime,
    IServiceProvider services,
    IHostEnvironment environment,
    DataReadiness readiness,
    ILogger<DataStartupService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retrying;
    private int _disposed;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<MetadataRegistry>();
        if (registry.Objects.Count == 0)
        {
            readiness.MarkReady();
            return;
        }

        var datasource = services.GetRequiredService<SchemaMigrator>().Datasource;
        var tls = DatasourceTlsName.Of(datasource.Tls);
        LogDatasource(datasource.Driver, datasource.Endpoint, tls);
        if (!environment.IsDevelopment())
        {
            if (!datasource.IsEncrypted)
            {
                LogUnencrypted(tls);
            }
            else if (!datasource.IsServerVerified)
            {
                LogUnverified(tls);
            }
        }

        try
        {
            await PrepareAsync(registry, cancellationToken).ConfigureAwait(false);
        }
        catch (DataOperationException ex) when (ex.Code == DataErrorCode.Unavailable)
        {
            readiness.Waiting($"the database is unreachable ({ex.Message})");
            LogUnreachable(datasource.Endpoint, ex.Message, MaxRetryDelay.TotalSeconds);
            _retrying = Task.Run(() => RetryAsync(registry, _stopping.Token), CancellationToken.None);
        }
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Two stops can race (an embedding host's own shutdown and WebApplicationFactory's, for one), and the host
            // may dispose the service between them; disposing cancelled the retry loop already.
            return;
        }

        if (_retrying is { } retrying)
        {
            await retrying.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task PrepareAsync(MetadataRegistry registry, CancellationToken cancellationToken)
    {
        var migrator = services.GetRequiredService<SchemaMigrator>();
        var plan = await migrator.ApplyAsync(allowDestructive: false, cancellationToken).ConfigureAwait(false);
        readiness.MarkSchemaApplied();
        LogReady(registry.Objects.Count, migrator.DriverName, plan.Changes.Count);
        await services.GetRequiredService<SeedLoader>()
            .ApplyAsync(runtime.Configuration, Configuration.SeedDataset.SeedEnvironmentOf(environment.EnvironmentName), cancellationToken)
            .ConfigureAwait(false);
        readiness.MarkReady();
    }

    private async Task RetryAsync(MetadataRegistry registry, CancellationToken stopping)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stopping).ConfigureAwait(false);
                await PrepareAsync(registry, stopping).ConfigureAwait(false);
                LogRecovered();
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (DataOperationException ex) when (ex.Code == DataErrorCode.Unavailable)
            {
                readiness.Waiting($"the database is unreachable ({ex.Message})");
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
            catch (Exception ex)
            {
                // The database answered, but the schema or the seed data cannot be applied: the same failure that
                // stops a boot, found late. Stay unready with the reason, and stop the host as a boot failure would.
                readiness.Waiting($"the data layer failed to prepare: {ex.Message}");
                LogPrepareFailed(ex);
                services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data: {Objects} objects on {Driver}; {Changes} schema change(s) applied.")]
    private partial void LogReady(int objects, string driver, int changes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data: datasource {Driver} at {Endpoint}, TLS {Tls}.")]
    private partial void LogDatasource(string driver, string endpoint, string tls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data: the connection to the database is not guaranteed to be encrypted (TLS {Tls}). Configure the driver to require TLS and verify the server's certificate (PostgreSQL: sslMode 'verify-full' with sslRootCert).")]
    private partial void LogUnencrypted(string tls);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data: the connection to the database is encrypted, but the server's certificate is not verified (TLS {Tls}), so an impostor on the network path would not be noticed. Verify it (PostgreSQL: sslMode 'verify-full' with sslRootCert).")]
    private partial void LogUnverified(string tls);

    [LoggerMessage(Level = LogLevel.Error, Message = "Data: the database at {Endpoint} is unreachable at startup ({Reason}). Serving liveness; /ready and data requests answer 503 until it answers. Retrying at most every {Seconds} s.")]
    private partial void LogUnreachable(string endpoint, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data: the database answered; schema and seed data are applied and the runtime is ready.")]
    private partial void LogRecovered();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Data: the database answered, but the data layer cannot be prepared; stopping.")]
    private partial void LogPrepareFailed(Exception exception);
}
