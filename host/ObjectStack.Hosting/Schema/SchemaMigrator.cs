using Microsoft.Extensions.Logging;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Hosting.Metadata;

namespace ObjectStack.Hosting.Schema;

/// <summary>
/// Plans and applies schema changes from the metadata. Additive changes (tables, columns, indexes) apply at every
/// boot; destructive ones only through <c>os migrate apply --allow-destructive</c>. The driver records every applied
/// change in its schema history.
/// </summary>
public sealed partial class SchemaMigrator
{
    private readonly MetadataRegistry _registry;
    private readonly IDataDriver _driver;
    private readonly ILogger<SchemaMigrator> _logger;

    internal SchemaMigrator(MetadataRegistry registry, IDataDriver driver, ILogger<SchemaMigrator> logger)
    {
        _registry = registry;
        _driver = driver;
        _logger = logger;
    }

    /// <summary>Gets the name of the driver the migrator works on.</summary>
    public string DriverName => _driver.Name;

    /// <summary>Gets the datasource the migrator works on.</summary>
    public DatasourceDescription Datasource => _driver.Datasource;

    /// <summary>Compares the metadata with the database and returns the changes needed.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The plan; nothing is changed.</returns>
    public async Task<SchemaPlan> PlanAsync(CancellationToken cancellationToken = default)
    {
        var schema = _driver.Schema;
        var actual = await schema.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
        var history = await schema.ReadHistoryAsync(cancellationToken).ConfigureAwait(false);
        return new SchemaPlan(SchemaPlanner.Plan(_registry.Objects, actual, schema, history));
    }

    /// <summary>Applies the plan.</summary>
    /// <param name="allowDestructive">True to apply type changes and drops as well; otherwise they make the call fail before anything changes.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>The plan that was applied.</returns>
    /// <exception cref="SchemaMigrationException">The plan holds destructive changes and <paramref name="allowDestructive"/> is false.</exception>
    public async Task<SchemaPlan> ApplyAsync(bool allowDestructive, CancellationToken cancellationToken = default)
    {
        var plan = await PlanAsync(cancellationToken).ConfigureAwait(false);
        if (plan.Destructive.Count > 0 && !allowDestructive)
        {
            throw new SchemaMigrationException(plan);
        }

        if (!plan.IsEmpty)
        {
            await _driver.Schema.ApplyAsync(plan.Changes, cancellationToken).ConfigureAwait(false);
            foreach (var change in plan.Changes)
            {
                LogApplied(change.Description);
            }
        }

        return plan;
    }

    /// <summary>Returns the changes applied so far, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The schema history.</returns>
    public Task<IReadOnlyList<SchemaHistoryEntry>> HistoryAsync(CancellationToken cancellationToken = default) =>
        _driver.Schema.ReadHistoryAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema: {Change}.")]
    private partial void LogApplied(string change);
}
