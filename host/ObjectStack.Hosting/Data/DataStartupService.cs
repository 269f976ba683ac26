using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ObjectStack.Hosting.Data.Seeding;
using ObjectStack.Hosting.Metadata;
using ObjectStack.Hosting.Schema;

namespace ObjectStack.Hosting.Data;

/// <summary>
/// Prepares the data layer before the host serves: validates the complete metadata, applies additive schema
/// changes (refusing destructive ones), then applies the seed data. Any failure stops the host with its message.
/// </summary>
internal sealed partial class DataStartupService(
    ObjectStackRuntime runtime,
    IServiceProvider services,
    IHostEnvironment environment,
    ILogger<DataStartupService> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<MetadataRegistry>();
        if (registry.Objects.Count == 0)
        {
            return;
        }

        var migrator = services.GetRequiredService<SchemaMigrator>();
        var plan = await migrator.ApplyAsync(allowDestructive: false, cancellationToken).ConfigureAwait(false);
        LogReady(registry.Objects.Count, migrator.DriverName, plan.Changes.Count);
        await services.GetRequiredService<SeedLoader>()
            .ApplyAsync(runtime.Configuration, Configuration.SeedDataset.SeedEnvironmentOf(environment.EnvironmentName), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Data: {Objects} objects on {Driver}; {Changes} schema change(s) applied.")]
    private partial void LogReady(int objects, string driver, int changes);
}
