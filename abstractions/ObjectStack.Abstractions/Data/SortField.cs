namespace ObjectStack.Abstractions.Data;

/// <summary>One sort key of a query.</summary>
/// <param name="Field">The field name.</param>
/// <param name="Direction">The order.</param>
public sealed record SortField(string Field, SortDirection Direction = SortDirection.Ascending);
