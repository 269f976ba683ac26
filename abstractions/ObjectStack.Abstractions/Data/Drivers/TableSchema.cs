namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>One table as it exists.</summary>
/// <param name="Name">The table name.</param>
/// <param name="Columns">The column types by column name.</param>
/// <param name="Indexes">The indexes, excluding the primary key.</param>
public sealed record TableSchema(string Name, IReadOnlyDictionary<string, string> Columns, IReadOnlyList<IndexSchema> Indexes);
