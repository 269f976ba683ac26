namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>What a backup holds, or what a restore brought back.</summary>
/// <param name="Driver">The driver name, such as <c>postgres</c>.</param>
/// <param name="Tables">The rows of each managed table, by table name.</param>
/// <param name="SchemaVersion">The number of schema changes applied to the database when it was backed up.</param>
public sealed record BackupSummary(string Driver, IReadOnlyDictionary<string, long> Tables, int SchemaVersion)
{
    /// <summary>Gets the number of rows in all managed tables.</summary>
    public long Rows => Tables.Values.Sum();
}
