namespace ObjectStack.Abstractions.Data.Filters;

/// <summary>Matches when any child matches; with no children, matches nothing.</summary>
public sealed class OrFilter : FilterNode
{
    /// <summary>Creates the disjunction.</summary>
    /// <param name="children">The filters of which one must match.</param>
    public OrFilter(IReadOnlyList<FilterNode> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        Children = children;
    }

    /// <summary>Gets the filters of which one must match.</summary>
    public IReadOnlyList<FilterNode> Children { get; }
}
