using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Hosting.Schema;

/// <summary>The changes that bring the database in line with the metadata, in the order they apply.</summary>
/// <param name="Changes">Every change, additive and destructive.</param>
public sealed record SchemaPlan(IReadOnlyList<SchemaChange> Changes)
{
    /// <summary>Gets the changes that can lose data: type changes, column drops, table drops.</summary>
    public IReadOnlyList<SchemaChange> Destructive { get; } = [.. Changes.Where(c => c.IsDestructive)];

    /// <summary>Gets a value indicating whether the database already matches the metadata.</summary>
    public bool IsEmpty => Changes.Count == 0;
}
