using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data.Query;
using ObjectStack.Hosting.Metadata;

namespace ObjectStack.Hosting.Data.Engine;

/// <summary>Reads records on a driver session: access check, query binding, one select, then batched expansion.</summary>
internal sealed class RecordReader(MetadataRegistry registry, AccessGate gate, ExpandLoader expander, DataEngineOptions options)
{
    /// <summary>Returns the object named <paramref name="objectName"/> as <paramref name="context"/> sees it: without
    /// internal fields unless it is the system context.</summary>
    /// <exception cref="DataOperationException">No such object is registered.</exception>
    public ObjectDefinition Resolve(OperationContext context, string objectName)
    {
        ArgumentNullException.ThrowIfNull(objectName);
        return registry.For(context).Find(objectName) ?? throw DataErrors.ObjectNotFound(objectName);
    }

    /// <summary>Runs a query.</summary>
    public async Task<QueryResult> FindAsync(IDriverSession session, OperationContext context, RecordQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(query);
        var obj = Resolve(context, query.ObjectName);
        var access = await gate.RequireAsync(context, obj, AccessOperation.Read, cancellationToken).ConfigureAwait(false);
        var bound = QueryBinder.Bind(obj, query, registry.For(context), options);

        // Without a total, one extra row tells whether another page exists.
        var result = await session.SelectAsync(
            new SelectCommand
            {
                Object = obj,
                Fields = bound.Fields,
                Filter = FilterNode.All(bound.Filter, access.ReadFilter),
                Sort = bound.Sort,
                Limit = bound.IncludeTotal ? bound.Limit : bound.Limit + 1,
                Offset = bound.Offset,
                IncludeTotal = bound.IncludeTotal,
                StableOrder = true,
            },
            cancellationToken).ConfigureAwait(false);

        var rows = result.Rows;
        bool hasMore;
        if (bound.IncludeTotal)
        {
            hasMore = bound.Offset + rows.Count < result.Total;
        }
        else
        {
            hasMore = rows.Count > bound.Limit;
            if (hasMore)
            {
                rows = rows.Take(bound.Limit).ToList();
            }
        }

        await expander.ExpandAsync(session, context, obj, rows, bound.Expand, cancellationToken).ConfigureAwait(false);
        return new QueryResult(rows, bound.IncludeTotal ? result.Total : null, hasMore);
    }

    /// <summary>Reads one record, or returns null when it does not exist or the caller cannot see it.</summary>
    public async Task<Row?> GetAsync(
        IDriverSession session,
        OperationContext context,
        string objectName,
        string id,
        IReadOnlyList<string>? fields,
        IReadOnlyList<ExpandRequest>? expand,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(id);
        var obj = Resolve(context, objectName);
        var access = await gate.RequireAsync(context, obj, AccessOperation.Read, cancellationToken).ConfigureAwait(false);
        expand ??= [];
        QueryBinder.ValidateExpand(obj, expand, registry.For(context), 1);
        var row = await SelectOneAsync(session, obj, id, QueryBinder.SelectFields(obj, fields, expand), access.ReadFilter, forUpdate: false, cancellationToken).ConfigureAwait(false);
        if (row is not null)
        {
            await expander.ExpandAsync(session, context, obj, [row], expand, cancellationToken).ConfigureAwait(false);
        }

        return row;
    }

    /// <summary>Reads one record by id under an extra filter.</summary>
    public static async Task<Row?> SelectOneAsync(
        IDriverSession session,
        ObjectDefinition obj,
        string id,
        IReadOnlyList<FieldDefinition> fields,
        FilterNode? filter,
        bool forUpdate,
        CancellationToken cancellationToken)
    {
        var result = await session.SelectAsync(
            new SelectCommand
            {
                Object = obj,
                Fields = fields,
                Filter = FilterNode.All(ById(id), filter),
                Limit = 1,
                ForUpdate = forUpdate,
            },
            cancellationToken).ConfigureAwait(false);
        return result.Rows.Count == 0 ? null : result.Rows[0];
    }

    /// <summary>The filter that matches the record with id <paramref name="id"/>.</summary>
    public static ComparisonFilter ById(string id) => new(SystemFieldNames.Id, FilterOperator.Eq, id);
}
