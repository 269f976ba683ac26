using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Plugins.Auth.Objects;
using ObjectStack.Plugins.Auth.Secrets;

namespace ObjectStack.Plugins.Auth.Sessions;

/// <summary>
/// Issues, validates and revokes sessions. The session of record is the <c>sys_session</c> row (its token stored
/// only as a keyed digest); validation answers from memory after the first use, so an authenticated request costs
/// no database round trip. Memory is kept current by every write to <c>sys_session</c> and <c>sys_user</c>, whoever
/// makes it (<see cref="SessionCacheInterceptor"/>): a revoked, expired or deleted-user session is refused on the
/// very next request.
/// </summary>
internal sealed class SessionStore(IDataEngine engine, SessionCache cache, TokenDigests digests, AuthOptions options, TimeProvider time)
{
    private static readonly OperationContext System = OperationContext.System("auth: sessions");

    /// <summary>Starts a session for <paramref name="userId"/>.</summary>
    /// <returns>The token (shown to the client once) and the session.</returns>
    public async Task<(string Token, SessionInfo Session)> CreateAsync(
        string userId, string? organizationId, string? ipAddress, string? userAgent, CancellationToken cancellationToken)
    {
        var token = TokenDigests.NewToken();
        var digest = digests.Digest(TokenPurpose.Session, token);
        var now = time.GetUtcNow();
        var written = await engine.InsertAsync(System, AuthObjectNames.Session, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["user_id"] = userId,
            ["token_hash"] = digest,
            ["expires_at"] = now.AddSeconds(options.Session.ExpiresIn),
            ["absolute_expires_at"] = now.AddSeconds(options.Session.AbsoluteMaxAge),
            ["last_activity_at"] = now,
            ["active_organization_id"] = organizationId,
            ["ip_address"] = Truncate(ipAddress, 64),
            ["user_agent"] = Truncate(userAgent, 500),
        }, cancellationToken).ConfigureAwait(false);
        var session = FromRecord(written.Record, digest);
        cache.Remember(session, cache.Generation);
        return (token, session);
    }

    /// <summary>Returns the live session <paramref name="token"/> opens, or null.</summary>
    public async ValueTask<SessionInfo?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        var digest = digests.Digest(TokenPurpose.Session, token);
        var now = time.GetUtcNow();
        if (!cache.TryGet(digest, out var session))
        {
            var generation = cache.Generation;
            session = await LoadAsync(digest, cancellationToken).ConfigureAwait(false);
            if (session is null)
            {
                return null;
            }

            cache.Remember(session, generation);
        }

        if (!session.IsLiveAt(now))
        {
            cache.Forget(session.Id);
            return null;
        }

        if (now - session.LastActivityAt >= TimeSpan.FromSeconds(options.Session.UpdateAge))
        {
            session = await SlideAsync(session, now, cancellationToken).ConfigureAwait(false);
        }

        return session;
    }

    /// <summary>Revokes one session (the row is kept as a tombstone).</summary>
    public async Task RevokeAsync(string sessionId, string reason, CancellationToken cancellationToken)
    {
        await engine.UpdateAsync(System, AuthObjectNames.Session, sessionId, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["revoked_at"] = time.GetUtcNow(),
            ["revoke_reason"] = reason,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);
        cache.Forget(sessionId);
    }

    /// <summary>Revokes every live session of <paramref name="userId"/>, except <paramref name="keepSessionId"/>.</summary>
    /// <returns>How many sessions were revoked.</returns>
    public async Task<int> RevokeAllAsync(string userId, string? keepSessionId, string reason, CancellationToken cancellationToken)
    {
        var live = await ListAsync(userId, cancellationToken).ConfigureAwait(false);
        var revoked = 0;
        foreach (var session in live.Where(s => s.Id != keepSessionId))
        {
            await RevokeAsync(session.Id, reason, cancellationToken).ConfigureAwait(false);
            revoked++;
        }

        return revoked;
    }

    /// <summary>Lists the live sessions of <paramref name="userId"/>, newest first.</summary>
    public async Task<IReadOnlyList<SessionInfo>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var result = await engine.FindAsync(System, new RecordQuery
        {
            ObjectName = AuthObjectNames.Session,
            Filter = FilterNode.All(
                new ComparisonFilter("user_id", FilterOperator.Eq, userId),
                new ComparisonFilter("revoked_at", FilterOperator.Eq, null)),
            Sort = [new SortField("created_at", SortDirection.Descending)],
            Limit = 1000,
        }, cancellationToken).ConfigureAwait(false);
        return [.. result.Records.Select(r => FromRecord(r, (string)r["token_hash"]!)).Where(s => s.IsLiveAt(now))];
    }

    private async Task<SessionInfo?> LoadAsync(string digest, CancellationToken cancellationToken)
    {
        var found = await engine.FindAsync(System, new RecordQuery
        {
            ObjectName = AuthObjectNames.Session,
            Filter = new ComparisonFilter("token_hash", FilterOperator.Eq, digest),
            Limit = 1,
        }, cancellationToken).ConfigureAwait(false);
        if (found.Records is not [var record] || record["revoked_at"] is not null)
        {
            return null;
        }

        var session = FromRecord(record, digest);
        var user = await engine.GetAsync(System, AuthObjectNames.User, session.UserId, ["id", "banned"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return user is null || user["banned"] is true ? null : session;
    }

    private async Task<SessionInfo> SlideAsync(SessionInfo session, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expires = now.AddSeconds(options.Session.ExpiresIn);
        var slid = session with { ExpiresAt = expires < session.AbsoluteExpiresAt ? expires : session.AbsoluteExpiresAt, LastActivityAt = now };
        await engine.UpdateAsync(System, AuthObjectNames.Session, session.Id, new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["expires_at"] = slid.ExpiresAt,
            ["last_activity_at"] = now,
        }, cancellationToken: cancellationToken).ConfigureAwait(false);

        // Not remembered: the write made the cache forget the session, and the next request reads back the row,
        // which is the only copy that can be trusted if a revocation raced this slide.
        return slid;
    }

    private static SessionInfo FromRecord(IReadOnlyDictionary<string, object?> record, string digest) => new(
        (string)record["id"]!,
        digest,
        (string)record["user_id"]!,
        record["active_organization_id"] as string,
        (DateTimeOffset)record["created_at"]!,
        (DateTimeOffset)record["expires_at"]!,
        (DateTimeOffset)record["absolute_expires_at"]!,
        (DateTimeOffset)record["last_activity_at"]!,
        record["ip_address"] as string,
        record["user_agent"] as string);

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
