namespace ObjectStack.Abstractions.Metadata;

/// <summary>One option of a <c>select</c> or <c>multiselect</c> field.</summary>
public sealed class SelectOption
{
    /// <summary>Gets the stored value.</summary>
    public required string Value { get; init; }

    /// <summary>Gets the display label; the value when absent.</summary>
    public string? Label { get; init; }

    /// <summary>Gets a display colour, such as <c>#00aa00</c>.</summary>
    public string? Color { get; init; }

    /// <summary>Gets a value indicating whether this option is the field's default.</summary>
    public bool IsDefault { get; init; }
}
