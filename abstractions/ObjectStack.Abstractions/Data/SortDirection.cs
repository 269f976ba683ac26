namespace ObjectStack.Abstractions.Data;

/// <summary>The order of a sort key.</summary>
public enum SortDirection
{
    /// <summary>Smallest first; nulls first.</summary>
    Ascending,

    /// <summary>Largest first; nulls last.</summary>
    Descending,
}
