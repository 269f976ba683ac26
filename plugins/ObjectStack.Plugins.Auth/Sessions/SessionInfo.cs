namespace ObjectStack.Plugins.Auth.Sessions;

/// <summary>A live session as the plugin keeps it in memory: never the token, only what validation needs.</summary>
/// <param name="Id">The <c>sys_session</c> id.</param>
/// <param name="Digest">The token's digest (the cache key).</param>
/// <param name="UserId">The user.</param>
/// <param name="ActiveOrganizationId">The active organization, or null.</param>
/// <param name="CreatedAt">When the session began.</param>
/// <param name="ExpiresAt">When it expires unless used (the idle timeout).</param>
/// <param name="AbsoluteExpiresAt">When it expires however it is used.</param>
/// <param name="LastActivityAt">When the idle timeout last slid forward.</param>
/// <param name="IpAddress">The client address at sign-in, or null.</param>
/// <param name="UserAgent">The client's user agent at sign-in, or null.</param>
internal sealed record SessionInfo(
    string Id,
    string Digest,
    string UserId,
    string? ActiveOrganizationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset AbsoluteExpiresAt,
    DateTimeOffset LastActivityAt,
    string? IpAddress,
    string? UserAgent)
{
    /// <summary>Tells whether the session is still valid at <paramref name="now"/>.</summary>
    public bool IsLiveAt(DateTimeOffset now) => now < ExpiresAt && now < AbsoluteExpiresAt;
}
