using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data.Engine;

using ObjectStack.Hosting.Metadata;

namespace ObjectStack.Hosting.Data.Query;

/// <summary>
/// Replaces lookup ids by the records they name, one batched <c>id IN (...)</c> read per expanded field and level,
/// never one read per record. The caller's read access to the target applies: a target the caller cannot read stays
/// an id, and so does an id whose record is hidden, gone or excluded by the expand's own filter (as in ObjectStack).
/// </summary>
internal sealed class ExpandLoader(MetadataRegistry registry, AccessGate gate, DataEngineOptions options)
{
    /// <summary>Expands <paramref name="expand"/> in place on <paramref name="records"/>; the tree was validated by <see cref="QueryBinder.ValidateExpand"/>.</summary>
    public async Task ExpandAsync(
        IDriverSession session,
        OperationContext context,
        ObjectDefinition obj,
        IReadOnlyList<Row> records,
        IReadOnlyList<ExpandRequest> expand,
        CancellationToken cancellationToken)
    {
        foreach (var request in expand)
        {
            var target = registry.For(context).Find(obj.FindField(request.Field)!.Reference!)!;
            var ids = records.Select(r => r.GetValueOrDefault(request.Field) as string).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            var access = await gate.GetAsync(context, target, cancellationToken).ConfigureAwait(false);
            if (!access.CanRead)
            {
                continue;
            }

            var fields = QueryBinder.SelectFields(target, request.Fields, request.Expand);
            var filter = FilterNode.All(FilterBinder.Bind(target, request.Filter, options), access.ReadFilter);
            var loaded = new List<Row>(ids.Count);
            foreach (var chunk in ids.Chunk(options.MaxFilterValues))
            {
                var result = await session.SelectAsync(
                    new SelectCommand
                    {
                        Object = target,
                        Fields = fields,
                        Filter = FilterNode.All(new ComparisonFilter(SystemFieldNames.Id, FilterOperator.In, chunk.ToList()), filter),
                        Sort = [new SortField(SystemFieldNames.Id)],
                        Limit = chunk.Length,
                    },
                    cancellationToken).ConfigureAwait(false);
                loaded.AddRange(result.Rows);
            }

            if (request.Expand.Count > 0)
            {
                await ExpandAsync(session, context, target, loaded, request.Expand, cancellationToken).ConfigureAwait(false);
            }

            var byId = loaded.ToDictionary(r => (string)r[SystemFieldNames.Id]!, StringComparer.Ordinal);
            foreach (var record in records)
            {
                if (record.GetValueOrDefault(request.Field) is string id && byId.TryGetValue(id, out var related))
                {
                    record[request.Field] = related;
                }
            }
        }
    }
}
