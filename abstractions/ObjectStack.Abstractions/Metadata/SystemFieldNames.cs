namespace ObjectStack.Abstractions.Metadata;

/// <summary>The fields the engine adds to every object and maintains itself.</summary>
public static class SystemFieldNames
{
    /// <summary>The record id, a time-ordered UUID (version 7) in its canonical text form.</summary>
    public const string Id = "id";

    /// <summary>When the record was created (UTC).</summary>
    public const string CreatedAt = "created_at";

    /// <summary>When the record last changed (UTC). It is the record's version for optimistic concurrency.</summary>
    public const string UpdatedAt = "updated_at";

    /// <summary>The user who created the record.</summary>
    public const string CreatedBy = "created_by";

    /// <summary>The user who last changed the record.</summary>
    public const string UpdatedBy = "updated_by";

    /// <summary>The user who owns the record.</summary>
    public const string OwnerId = "owner_id";

    /// <summary>The organization the record belongs to, on organization-scoped objects only.</summary>
    public const string OrganizationId = "organization_id";

    /// <summary>Gets the names of the system fields, in column order.</summary>
    public static IReadOnlyList<string> All { get; } = [Id, CreatedAt, UpdatedAt, CreatedBy, UpdatedBy, OwnerId, OrganizationId];

    /// <summary>Gets a value indicating whether <paramref name="name"/> is a system field name.</summary>
    /// <param name="name">A field name.</param>
    /// <returns>True for a system field.</returns>
    public static bool Contains(string name) => name is Id or CreatedAt or UpdatedAt or CreatedBy or UpdatedBy or OwnerId or OrganizationId;
}
