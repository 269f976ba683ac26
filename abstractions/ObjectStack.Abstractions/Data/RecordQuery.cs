using ObjectStack.Abstractions.Data.Filters;

namespace ObjectStack.Abstractions.Data;

/// <summary>A find request against one object: the typed form of ObjectStack's QueryAST.</summary>
public sealed class RecordQuery
{
    /// <summary>Gets the object name.</summary>
    public required string ObjectName { get; init; }

    /// <summary>Gets the fields to return; null for all. <c>id</c> is always returned.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>Gets the filter; null matches every record.</summary>
    public FilterNode? Filter { get; init; }

    /// <summary>Gets the sort keys. The engine appends <c>id</c> so that paging is stable.</summary>
    public IReadOnlyList<SortField> Sort { get; init; } = [];

    /// <summary>Gets the page size; null for the configured default. The engine refuses sizes above the configured maximum.</summary>
    public int? Limit { get; init; }

    /// <summary>Gets how many matching records to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Gets free text: each term must appear, ignoring case, in one of the searched fields.</summary>
    public string? Search { get; init; }

    /// <summary>Gets the fields <see cref="Search"/> looks in; null for the object's searchable fields.</summary>
    public IReadOnlyList<string>? SearchFields { get; init; }

    /// <summary>Gets the lookups to expand.</summary>
    public IReadOnlyList<ExpandRequest> Expand { get; init; } = [];

    /// <summary>Gets a value indicating whether to count every matching record.</summary>
    public bool IncludeTotal { get; init; }
}
