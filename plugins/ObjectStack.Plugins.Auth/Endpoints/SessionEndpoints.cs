using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Plugins.Auth.Accounts;
using ObjectStack.Plugins.Auth.Secrets;
using ObjectStack.Plugins.Auth.Sessions;

namespace ObjectStack.Plugins.Auth.Endpoints;

/// <summary>
/// The caller's own sessions and password: <c>list-sessions</c>, <c>revoke-session</c>, <c>revoke-sessions</c>,
/// <c>revoke-other-sessions</c> and <c>change-password</c>. Each needs a live session. Listed sessions carry no token
/// (only digests are stored); <c>revoke-session</c> takes the session's <c>id</c>, or a <c>token</c> the caller holds.
/// </summary>
internal static class SessionEndpoints
{
    /// <summary>Maps the routes on the <c>/auth</c> group.</summary>
    public static void Map(IEndpointRouteBuilder auth)
    {
        auth.MapGet("/list-sessions", ListAsync).WithName("objectstack.auth.list-sessions");
        auth.MapPost("/revoke-session", RevokeOneAsync).WithName("objectstack.auth.revoke-session");
        auth.MapPost("/revoke-sessions", RevokeAllAsync).WithName("objectstack.auth.revoke-sessions");
        auth.MapPost("/revoke-other-sessions", RevokeOthersAsync).WithName("objectstack.auth.revoke-other-sessions");
        auth.MapPost("/change-password", ChangePasswordAsync).WithName("objectstack.auth.change-password");
    }

    private static Task ListAsync(HttpContext http) => AuthRoute.RunAsync(http, async (services, ct) =>
    {
        var current = await AuthRoute.RequireSessionAsync(http, ct).ConfigureAwait(false);
        var sessions = await services.GetRequiredService<SessionStore>().ListAsync(current.UserId, ct).ConfigureAwait(false);
        return Results.Json(sessions.Select(s => AuthResponses.Session(s, token: null)));
    });

    private static Task RevokeOneAsync(HttpContext http) => AuthRoute.RunAsync(http, async (services, ct) =>
    {
        var current = await AuthRoute.RequireSessionAsync(http, ct).ConfigureAwait(false);
        var body = await AuthRequest.ReadAsync(http).ConfigureAwait(false);
        var store = services.GetRequiredService<SessionStore>();
        var id = body.String("id");
        var token = body.String("token");
        if ((id is null) == (token is null))
        {
            throw new AuthException(400, "VALIDATION_ERROR", "Give either 'id' (from list-sessions) or 'token'.");
        }

        var digest = token is null ? null : services.GetRequiredService<TokenDigests>().Digest(TokenPurpose.Session, token);
        var target = (await store.ListAsync(current.UserId, ct).ConfigureAwait(false)).FirstOrDefault(s => s.Id == id || s.Digest == digest)
            ?? throw new AuthException(404, "SESSION_NOT_FOUND", "No such session of yours.");
        await store.RevokeAsync(target.Id, "revoke-session", ct).ConfigureAwait(false);
        if (target.Id == current.Id)
        {
            AuthRoute.EndCurrentSession(http);
        }

        return Results.Json(new { status = true });
    });

    private static Task RevokeAllAsync(HttpContext http) => AuthRoute.RunAsync(http, async (services, ct) =>
    {
        var current = await AuthRoute.RequireSessionAsync(http, ct).ConfigureAwait(false);
        await services.GetRequiredService<SessionStore>().RevokeAllAsync(current.UserId, keepSessionId: null, "revoke-sessions", ct).ConfigureAwait(false);
        AuthRoute.EndCurrentSession(http);
        return Results.Json(new { status = true });
    });

    private static Task RevokeOthersAsync(HttpContext http) => AuthRoute.RunAsync(http, async (services, ct) =>
    {
        var current = await AuthRoute.RequireSessionAsync(http, ct).ConfigureAwait(false);
        await services.GetRequiredService<SessionStore>().RevokeAllAsync(current.UserId, current.Id, "revoke-other-sessions", ct).ConfigureAwait(false);
        return Results.Json(new { status = true });
    });

    // A password change is an authentication event: the caller's session is replaced by a new one, and the other
    // sessions end too unless revokeOtherSessions is false (stricter than better-auth, whose default keeps them).
    private static Task ChangePasswordAsync(HttpContext http) => AuthRoute.RunAsync(http, async (services, ct) =>
    {
        var current = await AuthRoute.RequireSessionAsync(http, ct).ConfigureAwait(false);
        var body = await AuthRequest.ReadAsync(http).ConfigureAwait(false);
        var revokeOthers = body.Boolean("revokeOtherSessions", fallback: true);
        var user = await services.GetRequiredService<AccountService>()
            .ChangePasswordAsync(current.UserId, body.Required("currentPassword"), body.Required("newPassword"), ct).ConfigureAwait(false);
        var store = services.GetRequiredService<SessionStore>();
        if (revokeOthers)
        {
            await store.RevokeAllAsync(current.UserId, keepSessionId: null, "password-changed", ct).ConfigureAwait(false);
        }
        else
        {
            await store.RevokeAsync(current.Id, "password-changed", ct).ConfigureAwait(false);
        }

        AuthIdentityResolver.Reset(http);
        var token = await AuthRoute.StartSessionAsync(http, current.UserId, ct, current.ActiveOrganizationId).ConfigureAwait(false);
        return Results.Json(new { token, user = AuthResponses.User(user) });
    });
}
