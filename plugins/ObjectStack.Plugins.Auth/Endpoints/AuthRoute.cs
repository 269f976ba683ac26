using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using ObjectStack.Plugins.Auth.Passwords;
using ObjectStack.Plugins.Auth.Sessions;

namespace ObjectStack.Plugins.Auth.Endpoints;

/// <summary>What every auth route shares: running a handler, refusing in better-auth's shape, starting a session,
/// and requiring the caller's session.</summary>
internal static class AuthRoute
{
    /// <summary>Returns the caller's live session.</summary>
    /// <exception cref="AuthException">The request carries no valid session (401).</exception>
    public static async Task<SessionInfo> RequireSessionAsync(HttpContext http, CancellationToken cancellationToken) =>
        await AuthIdentityResolver.CurrentAsync(http, http.RequestServices.GetRequiredService<SessionStore>(), cancellationToken).ConfigureAwait(false)
        ?? throw AuthException.Unauthorized();

    /// <summary>After the caller's session was revoked: forgets it for the rest of the request and clears the
    /// cookie.</summary>
    public static void EndCurrentSession(HttpContext http)
    {
        AuthIdentityResolver.Reset(http);
        SessionTransport.Clear(http.Response);
    }

    /// <summary>Starts a session for <paramref name="userId"/> and hands its token to the client (cookie and
    /// <c>set-auth-token</c>).</summary>
    /// <param name="http">The request.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <param name="organizationId">The active organization the session starts with, or null.</param>
    /// <returns>The token.</returns>
    public static async Task<string> StartSessionAsync(HttpContext http, string userId, CancellationToken cancellationToken, string? organizationId = null)
    {
        var sessions = http.RequestServices.GetRequiredService<SessionStore>();
        var (token, session) = await sessions.CreateAsync(
            userId, organizationId, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), cancellationToken).ConfigureAwait(false);
        SessionTransport.Write(http.Response, token, session.AbsoluteExpiresAt);
        return token;
    }

    /// <summary>Runs a route's handler and answers its refusals in better-auth's shape; never cached.</summary>
    public static async Task RunAsync(HttpContext http, Func<IServiceProvider, CancellationToken, Task<IResult>> handler)
    {
        http.Response.Headers.CacheControl = "no-store";
        IResult result;
        try
        {
            result = await handler(http.RequestServices, http.RequestAborted).ConfigureAwait(false);
        }
        catch (AuthException ex)
        {
            result = Refuse(http, ex.Status, ex.Code, ex.Message, ex.RetryAfter);
        }
        catch (PasswordHashingBusyException ex)
        {
            result = Refuse(http, StatusCodes.Status503ServiceUnavailable, "SERVICE_UNAVAILABLE", "Too many sign-ins at once; retry shortly.", ex.RetryAfter);
        }
        catch (DataOperationException ex) when (ex.Code == DataErrorCode.Unavailable)
        {
            result = Refuse(http, StatusCodes.Status503ServiceUnavailable, "SERVICE_UNAVAILABLE", "The database is unavailable; retry shortly.", ex.RetryAfter ?? TimeSpan.FromSeconds(1));
        }

        await result.ExecuteAsync(http).ConfigureAwait(false);
    }

    /// <summary>A refusal: <c>{code, message}</c> with its status and, when given, <c>Retry-After</c>.</summary>
    public static IResult Refuse(HttpContext http, int status, string code, string message, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Json(new { code, message }, statusCode: status);
    }
}
