namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>One applied schema change.</summary>
/// <param name="AppliedAt">When it was applied (UTC).</param>
/// <param name="Kind">The kind of change.</param>
/// <param name="Table">The table changed.</param>
/// <param name="Description">The change's description.</param>
public sealed record SchemaHistoryEntry(DateTimeOffset AppliedAt, SchemaChangeKind Kind, string Table, string Description);
