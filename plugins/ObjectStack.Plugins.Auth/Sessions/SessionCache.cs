using System.Collections.Concurrent;

namespace ObjectStack.Plugins.Auth.Sessions;

/// <summary>
/// The live sessions this process has seen, by token digest: what lets an authenticated request skip the database.
/// It depends on nothing, so the write interceptor that keeps it current (<see cref="SessionCacheInterceptor"/>) can
/// sit inside the data engine without a cycle. Bounded: past <see cref="MaxEntries"/> it starts over, and every
/// session is read again on its next use.
/// </summary>
internal sealed class SessionCache
{
    /// <summary>The most sessions kept.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, SessionInfo> _byDigest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _digestById = new(StringComparer.Ordinal);
    private readonly Lock _writes = new();
    private long _generation;

    /// <summary>Gets the count of forgets so far. A reader takes it before reading a session from the database and
    /// hands it to <see cref="Remember"/>, which refuses the copy when something was forgotten meanwhile: a
    /// revocation that lands between the read and the remember can never be overwritten by the stale copy.</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>Gets the session a token digest opens, when known.</summary>
    public bool TryGet(string digest, out SessionInfo session) => _byDigest.TryGetValue(digest, out session!);

    /// <summary>Keeps <paramref name="session"/>, read from the database while <see cref="Generation"/> was
    /// <paramref name="generation"/>, unless a forget happened since.</summary>
    /// <returns>Whether it was kept.</returns>
    public bool Remember(SessionInfo session, long generation)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_writes)
        {
            if (_generation != generation)
            {
                return false;
            }

            if (_byDigest.Count >= MaxEntries)
            {
                _byDigest.Clear();
                _digestById.Clear();
            }

            _byDigest[session.Digest] = session;
            _digestById[session.Id] = session.Digest;
            return true;
        }
    }

    /// <summary>Drops a session, so its next use re-reads it.</summary>
    public void Forget(string sessionId)
    {
        lock (_writes)
        {
            _generation++;
            if (_digestById.TryRemove(sessionId, out var digest))
            {
                _byDigest.TryRemove(digest, out _);
            }
        }
    }

    /// <summary>Drops every session of a user, so each one's next use re-reads it and its user.</summary>
    public void ForgetUser(string userId)
    {
        lock (_writes)
        {
            _generation++;
            foreach (var (digest, session) in _byDigest)
            {
                if (session.UserId == userId)
                {
                    _byDigest.TryRemove(digest, out _);
                    _digestById.TryRemove(session.Id, out _);
                }
            }
        }
    }
}
