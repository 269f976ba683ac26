namespace ObjectStack.Abstractions.Data;

/// <summary>One page of records.</summary>
public sealed class QueryResult
{
    /// <summary>Creates a page.</summary>
    /// <param name="records">The records, with expanded lookups in place of their ids.</param>
    /// <param name="total">The number of matching records, when counted.</param>
    /// <param name="hasMore">Whether records follow this page.</param>
    public QueryResult(IReadOnlyList<IReadOnlyDictionary<string, object?>> records, long? total, bool hasMore)
    {
        ArgumentNullException.ThrowIfNull(records);
        Records = records;
        Total = total;
        HasMore = hasMore;
    }

    /// <summary>Gets the records.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Records { get; }

    /// <summary>Gets the number of matching records, or null when not requested.</summary>
    public long? Total { get; }

    /// <summary>Gets a value indicating whether more records follow this page.</summary>
    public bool HasMore { get; }
}
