namespace ObjectStack.Abstractions.Execution;

/// <summary>
/// Who an operation runs as: the principal, its active organization, positions and permission sets.
/// This is ObjectStack's <c>ExecutionContext</c>; the .NET name avoids a clash with
/// <see cref="System.Threading.ExecutionContext"/> under implicit usings.
/// </summary>
/// <remarks>
/// <para>Immutable and safe to share across threads.</para>
/// <para>
/// <see cref="IsSystem"/> is reachable only through <see cref="OperationContext.System(string, string?)"/>, which demands a reason.
/// No request value can produce a system context: the type has no setters and is never bound from input, so
/// only server code creates one, and the audit capability records the reason with every write made under it.
/// </para>
/// </remarks>
public sealed class OperationContext
{
    private OperationContext(
        PrincipalKind principalKind,
        string? userId,
        string? organizationId,
        IReadOnlyList<string> positions,
        IReadOnlyList<string> permissionSets,
        string? systemReason)
    {
        PrincipalKind = principalKind;
        UserId = userId;
        OrganizationId = organizationId;
        Positions = positions;
        PermissionSets = permissionSets;
        SystemReason = systemReason;
    }

    /// <summary>Gets the context of an unauthenticated caller.</summary>
    public static OperationContext Anonymous { get; } = new(PrincipalKind.Guest, null, null, [], [], null);

    /// <summary>Gets the kind of principal.</summary>
    public PrincipalKind PrincipalKind { get; }

    /// <summary>Gets the user id, or null for a guest or the system.</summary>
    public string? UserId { get; }

    /// <summary>Gets the active organization id, or null when none is active.</summary>
    public string? OrganizationId { get; }

    /// <summary>Gets the names of the positions the principal holds.</summary>
    public IReadOnlyList<string> Positions { get; }

    /// <summary>Gets the names of the permission sets granted to the principal.</summary>
    public IReadOnlyList<string> PermissionSets { get; }

    /// <summary>Gets a value indicating whether the operation runs with system privileges, bypassing authorization.</summary>
    public bool IsSystem => PrincipalKind == PrincipalKind.System;

    /// <summary>Gets why server code entered the system context, or null when <see cref="IsSystem"/> is false.</summary>
    public string? SystemReason { get; }

    /// <summary>Gets a value indicating whether a principal (anyone but a guest) is present.</summary>
    public bool IsAuthenticated => PrincipalKind != PrincipalKind.Guest;

    /// <summary>Creates the context of an authenticated principal.</summary>
    /// <param name="principalKind">Human, agent or service.</param>
    /// <param name="userId">The user id the principal acts as.</param>
    /// <param name="organizationId">The active organization, or null.</param>
    /// <param name="positions">The positions the principal holds.</param>
    /// <param name="permissionSets">The permission sets granted to the principal.</param>
    /// <returns>The context.</returns>
    /// <exception cref="ArgumentException">The kind is <see cref="PrincipalKind.Guest"/> or <see cref="PrincipalKind.System"/>, or the user id is empty.</exception>
    public static OperationContext ForPrincipal(
        PrincipalKind principalKind,
        string userId,
        string? organizationId,
        IEnumerable<string> positions,
        IEnumerable<string> permissionSets)
    {
        if (principalKind is PrincipalKind.Guest or PrincipalKind.System)
        {
            throw new ArgumentException(
                $"Use {nameof(Anonymous)} or {nameof(System)}(reason) for a {principalKind} context.", nameof(principalKind));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(permissionSets);
        return new(principalKind, userId, organizationId, [.. positions], [.. permissionSets], null);
    }

    /// <summary>Creates a system context for server code that must bypass authorization.</summary>
    /// <param name="reason">Why the bypass is needed, for the audit trail, such as <c>seed data load</c>.</param>
    /// <param name="organizationId">The organization the work is for, or null for platform-wide work.</param>
    /// <returns>The context.</returns>
    public static OperationContext System(string reason, string? organizationId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(PrincipalKind.System, null, organizationId, [], [], reason);
    }
}
