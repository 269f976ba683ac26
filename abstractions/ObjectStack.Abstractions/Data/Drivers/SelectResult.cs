namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>Rows read by a driver.</summary>
public sealed class SelectResult
{
    /// <summary>Creates the result.</summary>
    /// <param name="rows">The rows, each keyed by field name with typed values.</param>
    /// <param name="total">The number of matching rows when requested, otherwise null.</param>
    public SelectResult(IReadOnlyList<Row> rows, long? total)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = rows;
        Total = total;
    }

    /// <summary>Gets the rows.</summary>
    public IReadOnlyList<Row> Rows { get; }

    /// <summary>Gets the number of matching rows, or null.</summary>
    public long? Total { get; }
}
