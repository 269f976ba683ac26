namespace ObjectStack.Abstractions.Data.Filters;

/// <summary>
/// A node of the typed filter tree. Field names in it are checked against metadata and values are already of the
/// field's CLR type, so a driver renders it with quoted identifiers and bound parameters only.
/// </summary>
public abstract class FilterNode
{
    private protected FilterNode()
    {
    }

    /// <summary>Combines filters so that all must match, dropping nulls.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>Null when none remain, the filter itself when one does, otherwise an <see cref="AndFilter"/>.</returns>
    public static FilterNode? All(params IEnumerable<FilterNode?> filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var list = filters.OfType<FilterNode>().ToList();
        return list.Count switch
        {
            0 => null,
            1 => list[0],
            _ => new AndFilter(list),
        };
    }
}
