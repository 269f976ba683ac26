namespace ObjectStack.Hosting.Configuration;

/// <summary>How a seed dataset treats records that already exist (matched by its external id).</summary>
public enum SeedMode
{
    /// <summary><c>upsert</c>, the default: update existing records, insert the others.</summary>
    Upsert,

    /// <summary><c>insert</c>: insert every record; an existing one is an error.</summary>
    Insert,

    /// <summary><c>update</c>: update existing records, skip the others.</summary>
    Update,

    /// <summary><c>ignore</c>: insert missing records, leave existing ones untouched.</summary>
    Ignore,
}
