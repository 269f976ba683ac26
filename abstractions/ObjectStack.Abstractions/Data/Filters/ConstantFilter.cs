namespace ObjectStack.Abstractions.Data.Filters;

/// <summary>Matches every record or none, such as a row policy of <c>true</c> or an empty <c>$in</c> list.</summary>
public sealed class ConstantFilter : FilterNode
{
    private ConstantFilter(bool matches) => Matches = matches;

    /// <summary>Gets the filter that matches every record.</summary>
    public static ConstantFilter True { get; } = new(true);

    /// <summary>Gets the filter that matches no record.</summary>
    public static ConstantFilter False { get; } = new(false);

    /// <summary>Gets a value indicating whether every record matches.</summary>
    public bool Matches { get; }
}
