using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>A read the engine has already checked against metadata and access.</summary>
public sealed class SelectCommand
{
    /// <summary>Gets the object.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The protocol calls it the object.")]
    public required ObjectDefinition Object { get; init; }

    /// <summary>Gets the columns to return, each a field of <see cref="Object"/>.</summary>
    public required IReadOnlyList<FieldDefinition> Fields { get; init; }

    /// <summary>Gets the filter; null matches every row.</summary>
    public FilterNode? Filter { get; init; }

    /// <summary>Gets the sort keys; rows are returned in this order.</summary>
    public IReadOnlyList<SortField> Sort { get; init; } = [];

    /// <summary>Gets the maximum number of rows; null for no limit.</summary>
    public int? Limit { get; init; }

    /// <summary>Gets how many rows to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Gets a value indicating whether to count every matching row in the same round trip.</summary>
    public bool IncludeTotal { get; init; }

    /// <summary>Gets a value indicating whether to lock the rows until the session's transaction ends.</summary>
    public bool ForUpdate { get; init; }

    /// <summary>
    /// Gets a value indicating whether the order must be total, so that pages never overlap or skip records: the
    /// driver breaks ties after <see cref="Sort"/> with a unique key of its choice (the cheapest for its indexes).
    /// </summary>
    public bool StableOrder { get; init; }
}
