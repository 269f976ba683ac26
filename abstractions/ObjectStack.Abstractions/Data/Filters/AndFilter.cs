namespace ObjectStack.Abstractions.Data.Filters;

/// <summary>Matches when every child matches; with no children, matches everything.</summary>
public sealed class AndFilter : FilterNode
{
    /// <summary>Creates the conjunction.</summary>
    /// <param name="children">The filters that must all match.</param>
    public AndFilter(IReadOnlyList<FilterNode> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        Children = children;
    }

    /// <summary>Gets the filters that must all match.</summary>
    public IReadOnlyList<FilterNode> Children { get; }
}
