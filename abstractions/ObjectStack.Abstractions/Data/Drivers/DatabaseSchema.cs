namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>The tables of a datasource, as they exist.</summary>
/// <param name="Tables">The tables by name, excluding the driver's own bookkeeping tables.</param>
public sealed record DatabaseSchema(IReadOnlyDictionary<string, TableSchema> Tables);
