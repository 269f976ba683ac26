using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Plugins.Auth.Accounts;
using ObjectStack.Plugins.Auth.Sessions;

namespace ObjectStack.Plugins.Auth.Endpoints;

/// <summary>The better-auth routes under <c>/api/v1/auth</c>: e-mail and password, and the session itself.</summary>
internal static class AuthEndpoints
{
    /// <summary>Maps the routes on <paramref name="auth"/> (the <c>/auth</c> group).</summary>
    public static void Map(IEndpointRouteBuilder auth)
    {
        auth.MapPost("/sign-up/email", SignUpAsync).WithName("objectstack.auth.sign-up.email");
        auth.MapPost("/sign-in/email", SignInAsync).WithName("objectstack.auth.sign-in.email");
        auth.MapPost("/sign-out", SignOutAsync).WithName("objectstack.auth.sign-out");
        auth.MapMethods("/get-session", ["GET", "POST"], GetSessionAsync).WithName("objectstack.auth.get-session");
        SessionEndpoints.Map(auth);
    }

    private static Task SignUpAsync(HttpContext http) => AuthRoute.RunAsync(http, async (services, ct) =>
    {
        var body = await AuthRequest.ReadAsync(http).ConfigureAwait(false);
        var user = await services.GetRequiredService<AccountService>()
            .SignUpAsync(body.Required("email"), body.Required("password"), body.String("name") ?? string.Empty, ct).ConfigureAwait(false);
        var token = await AuthRoute.StartSessionAsync(http, (string)user["id"]!, ct).ConfigureAwait(false);
        return Results.Json(new { token, user = AuthResponses.User(user) });
    });

    private static Task SignInAsync(HttpContext http) => AuthRoute.RunAsync(http, async (services, ct) =>
    {
        var body = await AuthRequest.ReadAsync(http).ConfigureAwait(false);
        var accounts = services.GetRequiredService<AccountService>();
        var user = await accounts.VerifyPasswordAsync(body.Required("email"), body.Required("password"), ct).ConfigureAwait(false);
        var userId = (string)user["id"]!;
        await accounts.RecordSignInAsync(userId, ct).ConfigureAwait(false);
        var token = await AuthRoute.StartSessionAsync(http, userId, ct).ConfigureAwait(false);
        return Results.Json(new { redirect = false, token, url = (string?)null, user = AuthResponses.User(user) });
    });

    private static Task SignOutAsync(HttpContext http) => AuthRoute.RunAsync(http, async (services, ct) =>
    {
        var sessions = services.GetRequiredService<SessionStore>();
        if (await AuthIdentityResolver.CurrentAsync(http, sessions, ct).ConfigureAwait(false) is { } session)
        {
            await sessions.RevokeAsync(session.Id, "sign-out", ct).ConfigureAwait(false);
        }

        AuthRoute.EndCurrentSession(http);
        return Results.Json(new { success = true });
    });

    private static Task GetSessionAsync(HttpContext http) => AuthRoute.RunAsync(http, async (services, ct) =>
    {
        http.Response.Headers.CacheControl = "no-store";
        var sessions = services.GetRequiredService<SessionStore>();
        var session = await AuthIdentityResolver.CurrentAsync(http, sessions, ct).ConfigureAwait(false);
        var user = session is null ? null : await services.GetRequiredService<AccountService>().GetUserAsync(session.UserId, ct).ConfigureAwait(false);
        return session is null || user is null
            ? Results.Content("null", "application/json")
            : Results.Json(new { session = AuthResponses.Session(session, SessionTransport.Read(http.Request)), user = AuthResponses.User(user) });
    });
}
