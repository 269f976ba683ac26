using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Data.Query;

/// <summary>A query checked against its object: declared fields only, typed filter values, a total order and a bounded page.</summary>
/// <param name="Object">The object queried.</param>
/// <param name="Fields">The fields to read, <c>id</c> first.</param>
/// <param name="Filter">The caller's filter and search, bound; null for every record.</param>
/// <param name="Sort">The caller's order; the driver completes it to a total order (<c>SelectCommand.StableOrder</c>).</param>
/// <param name="Limit">The page size.</param>
/// <param name="Offset">How many records to skip.</param>
/// <param name="IncludeTotal">Whether to count every matching record.</param>
/// <param name="Expand">The lookups to replace by their records.</param>
internal sealed record BoundQuery(
    ObjectDefinition Object,
    IReadOnlyList<FieldDefinition> Fields,
    FilterNode? Filter,
    IReadOnlyList<SortField> Sort,
    int Limit,
    int Offset,
    bool IncludeTotal,
    IReadOnlyList<ExpandRequest> Expand);
