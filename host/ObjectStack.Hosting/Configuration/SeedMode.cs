namespace ObjectStack.Hosting.Configuration;

/// <summary>How a seed dataset treats records that already exist (matched by its external id).</summary>
public enum SeedMode
{
    /// <summary><c>upsert</c>, the default: update existing records, insert the others.</summary>
    Upsert,

    /// <summary>
    /// <c>insert</c>: insert the records that do not exist yet and never change existing ones — at boot, the same as
    /// <c>ignore</c>, because a seed applied again on every start must not fail or duplicate.
    /// </summary>
    Insert,

    /// <summary><c>update</c>: update existing records, skip the others.</summary>
    Update,

    /// <summary><c>ignore</c>: insert missing records, leave existing ones untouched.</summary>
    Ignore,
}
