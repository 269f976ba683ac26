namespace ObjectStack.Abstractions.Metadata;

/// <summary>An index over one or more fields of an object.</summary>
public sealed class IndexDefinition
{
    /// <summary>Gets the index name, unique within the object.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the indexed fields, in order.</summary>
    public required IReadOnlyList<string> Fields { get; init; }

    /// <summary>Gets a value indicating whether the combination of values must be unique.</summary>
    public bool Unique { get; init; }
}
