namespace ObjectStack.Abstractions.Capabilities;

/// <summary>The ids of the first-party capabilities. Third-party plugins use ids under their own prefix.</summary>
/// <remarks>
/// A capability id names a contract a plugin provides; the discovery document reports each one under its
/// service name (the id without the <c>objectstack.</c> prefix).
/// </remarks>
public static class CapabilityIds
{
    /// <summary>Identity: turns requests into principals (sessions, API keys, tokens).</summary>
    public const string Auth = "objectstack.auth";

    /// <summary>Authorization: object, row and field security and the organization wall.</summary>
    public const string Security = "objectstack.security";

    /// <summary>The immutable, tamper-evident audit ledger.</summary>
    public const string Audit = "objectstack.audit";

    /// <summary>Files and attachments.</summary>
    public const string Storage = "objectstack.storage";

    /// <summary>The AI builder: tools, approvals and providers.</summary>
    public const string AI = "objectstack.ai";

    /// <summary>The embedded SQLite data driver.</summary>
    public const string SqliteDriver = "objectstack.driver.sqlite";

    /// <summary>The PostgreSQL data driver.</summary>
    public const string PostgresDriver = "objectstack.driver.postgres";

    /// <summary>Gets every first-party capability id, in a stable order.</summary>
    public static IReadOnlyList<string> All { get; } = [Auth, Security, Audit, Storage, AI, SqliteDriver, PostgresDriver];

    /// <summary>Gets the discovery service name of a capability: the id without the <c>objectstack.</c> prefix.</summary>
    /// <param name="capabilityId">A capability id.</param>
    /// <returns>The service name, for example <c>auth</c> for <c>objectstack.auth</c>.</returns>
    public static string ToServiceName(string capabilityId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(capabilityId);
        const string prefix = "objectstack.";
        return capabilityId.StartsWith(prefix, StringComparison.Ordinal) ? capabilityId[prefix.Length..] : capabilityId;
    }
}
