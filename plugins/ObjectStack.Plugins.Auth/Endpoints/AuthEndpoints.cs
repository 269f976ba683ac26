using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using ObjectStack.Plugins.Auth.Accounts;
using ObjectStack.Plugins.Auth.Passwords;
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
    }

    private static Task SignUpAsync(HttpContext http) => RunAsync(http, async (services, ct) =>
    {
        var body = await AuthRequest.ReadAsync(http).ConfigureAwait(false);
        var user = await services.GetRequiredService<AccountService>()
            .SignUpAsync(body.Required("email"), body.Required("password"), body.String("name") ?? string.Empty, ct).ConfigureAwait(false);
        var token = await StartSessionAsync(http, (string)user["id"]!, ct).ConfigureAwait(false);
        return Results.Json(new { token, user = AuthResponses.User(user) });
    });

    private static Task SignInAsync(HttpContext http) => RunAsync(http, async (services, ct) =>
    {
        var body = await AuthRequest.ReadAsync(http).ConfigureAwait(false);
        var accounts = services.GetRequiredService<AccountService>();
        var user = await accounts.VerifyPasswordAsync(body.Required("email"), body.Required("password"), ct).ConfigureAwait(false);
        var userId = (string)user["id"]!;
        await accounts.RecordSignInAsync(userId, ct).ConfigureAwait(false);
        var token = await StartSessionAsync(http, userId, ct).ConfigureAwait(false);
        return Results.Json(new { redirect = false, token, url = (string?)null, user = AuthResponses.User(user) });
    });

    private static Task SignOutAsync(HttpContext http) => RunAsync(http, async (services, ct) =>
    {
        var sessions = services.GetRequiredService<SessionStore>();
        if (await AuthIdentityResolver.CurrentAsync(http, sessions, ct).ConfigureAwait(false) is { } session)
        {
            await sessions.RevokeAsync(session.Id, "sign-out", ct).ConfigureAwait(false);
            AuthIdentityResolver.Reset(http);
        }

        SessionTransport.Clear(http.Response);
        return Results.Json(new { success = true });
    });

    private static Task GetSessionAsync(HttpContext http) => RunAsync(http, async (services, ct) =>
    {
        http.Response.Headers.CacheControl = "no-store";
        var sessions = services.GetRequiredService<SessionStore>();
        var session = await AuthIdentityResolver.CurrentAsync(http, sessions, ct).ConfigureAwait(false);
        var user = session is null ? null : await services.GetRequiredService<AccountService>().GetUserAsync(session.UserId, ct).ConfigureAwait(false);
        return session is null || user is null
            ? Results.Content("null", "application/json")
            : Results.Json(new { session = AuthResponses.Session(session, SessionTransport.Read(http.Request)), user = AuthResponses.User(user) });
    });

    private static async Task<string> StartSessionAsync(HttpContext http, string userId, CancellationToken cancellationToken)
    {
        var sessions = http.RequestServices.GetRequiredService<SessionStore>();
        var (token, session) = await sessions.CreateAsync(
            userId, null, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), cancellationToken).ConfigureAwait(false);
        SessionTransport.Write(http.Response, token, session.AbsoluteExpiresAt);
        return token;
    }

    private static async Task RunAsync(HttpContext http, Func<IServiceProvider, CancellationToken, Task<IResult>> handler)
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

    private static IResult Refuse(HttpContext http, int status, string code, string message, TimeSpan? retryAfter)
    {
        if (retryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Results.Json(new { code, message }, statusCode: status);
    }
}
