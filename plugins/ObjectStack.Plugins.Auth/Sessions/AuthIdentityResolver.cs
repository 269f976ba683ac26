using Microsoft.AspNetCore.Http;
using ObjectStack.Abstractions.Execution;

namespace ObjectStack.Plugins.Auth.Sessions;

/// <summary>
/// Turns a request's session token (cookie or bearer) into the principal it acts as, answering from memory once the
/// session has been seen. The session is kept on the request for the auth routes.
/// </summary>
internal sealed class AuthIdentityResolver(SessionStore sessions) : IIdentityResolver
{
    private static readonly object SessionKey = new();

    /// <inheritdoc />
    public async ValueTask<OperationContext?> ResolveAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var session = await CurrentAsync(httpContext, sessions, cancellationToken).ConfigureAwait(false);
        return session is null ? null : OperationContext.ForPrincipal(PrincipalKind.Human, session.UserId, session.ActiveOrganizationId, [], []);
    }

    /// <summary>Returns the request's live session, validating its token once per request.</summary>
    public static async ValueTask<SessionInfo?> CurrentAsync(HttpContext httpContext, SessionStore sessions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (httpContext.Items.TryGetValue(SessionKey, out var known))
        {
            return known as SessionInfo;
        }

        var token = SessionTransport.Read(httpContext.Request);
        var session = token is null ? null : await sessions.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        httpContext.Items[SessionKey] = session;
        return session;
    }

    /// <summary>Forgets the request's session, after it was revoked or replaced.</summary>
    public static void Reset(HttpContext httpContext) => httpContext.Items.Remove(SessionKey);
}
