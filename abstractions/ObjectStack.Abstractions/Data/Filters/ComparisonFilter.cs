namespace ObjectStack.Abstractions.Data.Filters;

/// <summary>Compares one field with a value.</summary>
public sealed class ComparisonFilter : FilterNode
{
    /// <summary>Creates a comparison.</summary>
    /// <param name="field">The field name, already checked against the object's fields.</param>
    /// <param name="operator">The comparison.</param>
    /// <param name="value">The value in the field's CLR type; a list for <see cref="FilterOperator.In"/>,
    /// <see cref="FilterOperator.Nin"/> and <see cref="FilterOperator.Between"/>; a bool for
    /// <see cref="FilterOperator.Null"/> and <see cref="FilterOperator.Exists"/>.</param>
    public ComparisonFilter(string field, FilterOperator @operator, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        Field = field;
        Operator = @operator;
        Value = value;
    }

    /// <summary>Gets the field name.</summary>
    public string Field { get; }

    /// <summary>Gets the comparison.</summary>
    public FilterOperator Operator { get; }

    /// <summary>Gets the value.</summary>
    public object? Value { get; }
}
