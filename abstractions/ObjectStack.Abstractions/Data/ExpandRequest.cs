using ObjectStack.Abstractions.Data.Filters;

namespace ObjectStack.Abstractions.Data;

/// <summary>
/// Replaces the id in a lookup field with the referenced record. Expansions nest to a depth of three and load in
/// one batch per level, never one query per record.
/// </summary>
public sealed class ExpandRequest
{
    /// <summary>Gets the lookup or master-detail field to expand.</summary>
    public required string Field { get; init; }

    /// <summary>Gets the fields of the referenced record to return; null for all.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>Gets a filter the referenced record must match to be expanded; otherwise the field keeps the id, as in ObjectStack.</summary>
    public FilterNode? Filter { get; init; }

    /// <summary>Gets expansions of the referenced record's own lookups.</summary>
    public IReadOnlyList<ExpandRequest> Expand { get; init; } = [];
}
