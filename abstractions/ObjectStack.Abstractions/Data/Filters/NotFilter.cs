namespace ObjectStack.Abstractions.Data.Filters;

/// <summary>Matches when the child does not.</summary>
public sealed class NotFilter : FilterNode
{
    /// <summary>Creates the negation.</summary>
    /// <param name="child">The filter to negate.</param>
    public NotFilter(FilterNode child)
    {
        ArgumentNullException.ThrowIfNull(child);
        Child = child;
    }

    /// <summary>Gets the negated filter.</summary>
    public FilterNode Child { get; }
}
