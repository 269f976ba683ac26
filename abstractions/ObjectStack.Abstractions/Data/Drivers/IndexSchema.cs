namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>One physical index.</summary>
/// <param name="Name">The index name.</param>
/// <param name="Columns">The indexed columns, in order.</param>
/// <param name="Unique">Whether the index enforces uniqueness.</param>
public sealed record IndexSchema(string Name, IReadOnlyList<string> Columns, bool Unique);
