using System.Text.Json;
using Microsoft.Extensions.Logging;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Data.Values;

namespace ObjectStack.Hosting.Data.Seeding;

/// <summary>
/// Applies the <c>data</c> section at boot, as the system, in one transaction: records are matched by their external
/// id, so a reboot changes nothing that is already in place. Lookup values may be natural keys: they resolve through
/// the target's seed external id, then its <c>name</c>, then its id.
/// </summary>
internal sealed partial class SeedLoader(IMetadataRegistry registry, IDataEngine engine, ILogger<SeedLoader> logger)
{
    private static readonly OperationContext System = OperationContext.System("seed data");

    /// <summary>Applies the datasets meant for <paramref name="environment"/>.</summary>
    /// <param name="configuration">The configuration holding the datasets.</param>
    /// <param name="environment">prod, dev or test.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <exception cref="ObjectStackConfigurationException">A dataset or record is invalid; nothing is written.</exception>
    public async Task<SeedReport> ApplyAsync(StackConfiguration configuration, string environment, CancellationToken cancellationToken)
    {
        var datasets = configuration.SeedData.Where(d => d.Environments.Contains(environment)).ToList();
        if (datasets.Count == 0)
        {
            return new SeedReport(0, 0, 0);
        }

        var inserted = 0;
        var updated = 0;
        var unchanged = 0;
        await using var transaction = await engine.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var dataset in datasets)
        {
            var obj = registry.Find(dataset.ObjectName)
                ?? throw Invalid(configuration, $"{dataset.Path}.object", $"'{dataset.ObjectName}' is not a defined object.");
            for (var i = 0; i < dataset.Records.Count; i++)
            {
                var path = $"{dataset.Path}.records[{i}]";
                try
                {
                    switch (await ApplyRecordAsync(transaction, configuration, dataset, obj, dataset.Records[i], path, cancellationToken).ConfigureAwait(false))
                    {
                        case Outcome.Inserted:
                            inserted++;
                            break;
                        case Outcome.Updated:
                            updated++;
                            break;
                        default:
                            unchanged++;
                            break;
                    }
                }
                catch (DataOperationException ex)
                {
                    throw Invalid(configuration, path, ex.Message);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        LogApplied(inserted, updated, unchanged, environment);
        return new SeedReport(inserted, updated, unchanged);
    }

    private enum Outcome
    {
        Inserted,
        Updated,
        Unchanged,
    }

    private async Task<Outcome> ApplyRecordAsync(
        IDataTransaction transaction,
        StackConfiguration configuration,
        SeedDataset dataset,
        ObjectDefinition obj,
        JsonElement record,
        string path,
        CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in record.EnumerateObject())
        {
            var field = obj.FindField(property.Name);
            values[property.Name] = field is { IsReference: true } && property.Value.ValueKind == JsonValueKind.String
                ? await ResolveReferenceAsync(transaction, configuration, field, property.Value.GetString()!, $"{path}.{property.Name}", cancellationToken).ConfigureAwait(false)
                : property.Value;
        }

        var key = new List<FilterNode>(dataset.ExternalId.Count);
        foreach (var name in dataset.ExternalId)
        {
            if (!values.TryGetValue(name, out var value) || value is JsonElement { ValueKind: JsonValueKind.Null })
            {
                throw Invalid(configuration, path, $"has no value for '{name}', the external id of {dataset.Path}.");
            }

            key.Add(new ComparisonFilter(name, FilterOperator.Eq, value));
        }

        var existing = await FindOneAsync(transaction, obj, FilterNode.All(key)!, path, configuration, cancellationToken).ConfigureAwait(false);
        switch (dataset.Mode)
        {
            case SeedMode.Update when existing is null:
            case SeedMode.Ignore or SeedMode.Insert when existing is not null:
                return Outcome.Unchanged;
            case SeedMode.Insert:
            case SeedMode.Ignore:
            case SeedMode.Upsert when existing is null:
                await transaction.InsertAsync(System, obj.Name, values, cancellationToken).ConfigureAwait(false);
                return Outcome.Inserted;
            default:
                var changes = values.Where(v => Differs(obj, v.Key, existing!.GetValueOrDefault(v.Key), v.Value)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
                if (changes.Count == 0)
                {
                    return Outcome.Unchanged;
                }

                await transaction.UpdateAsync(System, obj.Name, (string)existing![SystemFieldNames.Id]!, changes, cancellationToken: cancellationToken).ConfigureAwait(false);
                return Outcome.Updated;
        }
    }

    private async Task<object?> ResolveReferenceAsync(
        IDataTransaction transaction,
        StackConfiguration configuration,
        FieldDefinition field,
        string naturalKey,
        string path,
        CancellationToken cancellationToken)
    {
        var target = registry.Find(field.Reference!);
        if (target is null)
        {
            return naturalKey;
        }

        var candidates = configuration.SeedData
            .Where(d => d.ObjectName == target.Name && d.ExternalId.Count == 1)
            .Select(d => d.ExternalId[0])
            .Append("name")
            .Append(SystemFieldNames.Id)
            .Distinct(StringComparer.Ordinal)
            .Where(name => target.FindField(name) is { } f && (f.IsText || f.Name == SystemFieldNames.Id));
        foreach (var name in candidates)
        {
            var match = await FindOneAsync(transaction, target, new ComparisonFilter(name, FilterOperator.Eq, naturalKey), path, configuration, cancellationToken).ConfigureAwait(false);
            if (match is not null)
            {
                return match[SystemFieldNames.Id];
            }
        }

        throw Invalid(configuration, path, $"'{naturalKey}' matches no {target.Name} record by its external id, name or id; seed {target.Name} before the records that refer to it.");
    }

    private static async Task<IReadOnlyDictionary<string, object?>?> FindOneAsync(
        IDataTransaction transaction,
        ObjectDefinition obj,
        FilterNode filter,
        string path,
        StackConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var result = await transaction.FindAsync(System, new RecordQuery { ObjectName = obj.Name, Filter = filter, Limit = 2 }, cancellationToken).ConfigureAwait(false);
        return result.Records.Count switch
        {
            0 => null,
            1 => result.Records[0],
            _ => throw Invalid(configuration, path, $"matches several {obj.Name} records; its external id must identify one record."),
        };
    }

    private static bool Differs(ObjectDefinition obj, string name, object? stored, object? raw)
    {
        // A value the engine would refuse or drop counts as a change, so that the write reports it.
        var field = obj.FindField(name);
        if (field is null || ValueConverter.TryConvert(field, raw, fromText: false, out var value) is not null)
        {
            return true;
        }

        if (value is not null && ValueValidator.Validate(field, value, out var normalized) is null)
        {
            value = normalized;
        }

        return (stored, value) switch
        {
            (null, null) => false,
            (null, _) or (_, null) => true,
            (JsonElement a, JsonElement b) => !JsonElement.DeepEquals(a, b),
            (IEnumerable<string> a, IEnumerable<string> b) => !a.SequenceEqual(b, StringComparer.Ordinal),
            _ => !stored.Equals(value),
        };
    }

    private static ObjectStackConfigurationException Invalid(StackConfiguration configuration, string path, string message) =>
        new(configuration.Source, [new ConfigurationError(path, message)]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seed data ({Environment}): {Inserted} inserted, {Updated} updated, {Unchanged} unchanged.")]
    private partial void LogApplied(int inserted, int updated, int unchanged, string environment);
}
