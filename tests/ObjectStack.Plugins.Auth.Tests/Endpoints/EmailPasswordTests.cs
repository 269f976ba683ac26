using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Plugins.Auth.Objects;

namespace ObjectStack.Plugins.Auth.Tests.Endpoints;

/// <summary>Sign-up, sign-in, sign-out and get-session over real HTTP (catalogue P and S cases).</summary>
public sealed class EmailPasswordTests
{
    private static readonly OperationContext System = OperationContext.System("auth tests");

    [Test]
    public async Task SignUp_FirstAccount_BecomesThePlatformAdminWithASession()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();

        var response = await AuthClient.PostAsync(client, "sign-up/email", new { email = "Ada@Example.com ", password = AuthClient.Password, name = "Ada" });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var token = response.Body.GetProperty("token").GetString()!;
        var user = response.Body.GetProperty("user");
        Assert.Multiple(() =>
        {
            Assert.That(token, Has.Length.EqualTo(43), "256 random bits, base64url");
            Assert.That(user.GetProperty("email").GetString(), Is.EqualTo("ada@example.com"));
            Assert.That(user.GetProperty("role").GetString(), Is.EqualTo("admin"));
            Assert.That(response.Header("set-auth-token"), Is.EqualTo(token));
            Assert.That(response.Cookies, Has.One.StartsWith($"os_session={token};").And.Contains("httponly").IgnoreCase.And.Contains("samesite=lax").IgnoreCase.And.Contains("path=/"));
            Assert.That(response.Text, Does.Not.Contain("password").IgnoreCase.And.Not.Contain("hash"));
        });
    }

    [Test]
    public async Task SignUp_AfterTheAdmin_FollowsTheSignUpMode()
    {
        await using var inviteOnly = await AuthTestHost.StartAsync();
        await using var open = await AuthTestHost.StartAsync(new JsonObject { ["signUp"] = "open" });
        await using var closed = await AuthTestHost.StartAsync(new JsonObject { ["signUp"] = "closed" });
        using var inviteOnlyClient = inviteOnly.Client();
        using var openClient = open.Client();
        using var closedClient = closed.Client();
        foreach (var client in new[] { inviteOnlyClient, openClient, closedClient })
        {
            await AuthClient.SignUpAsync(client, "admin@example.com");
        }

        var refusedInvite = await AuthClient.PostAsync(inviteOnlyClient, "sign-up/email", new { email = "bob@example.com", password = AuthClient.Password });
        var accepted = await AuthClient.PostAsync(openClient, "sign-up/email", new { email = "bob@example.com", password = AuthClient.Password });
        var refusedClosed = await AuthClient.PostAsync(closedClient, "sign-up/email", new { email = "bob@example.com", password = AuthClient.Password });

        Assert.Multiple(() =>
        {
            Assert.That(refusedInvite.Status, Is.EqualTo(HttpStatusCode.Forbidden), refusedInvite.ToString());
            Assert.That(refusedInvite.Body.GetProperty("code").GetString(), Is.EqualTo("SIGN_UP_DISABLED"));
            Assert.That(accepted.Status, Is.EqualTo(HttpStatusCode.OK), accepted.ToString());
            Assert.That(accepted.Body.GetProperty("user").GetProperty("role").GetString(), Is.EqualTo("user"), "only the first account is the admin");
            Assert.That(refusedClosed.Status, Is.EqualTo(HttpStatusCode.Forbidden), refusedClosed.ToString());
        });
    }

    [TestCase("not-an-email", "Correct-Horse-Battery-42", HttpStatusCode.BadRequest, "INVALID_EMAIL")]
    [TestCase("Ada <ada@example.com>", "Correct-Horse-Battery-42", HttpStatusCode.BadRequest, "INVALID_EMAIL")]
    [TestCase("ada@example.com", "short", HttpStatusCode.BadRequest, "PASSWORD_TOO_SHORT")]
    [TestCase("ada@example.com", "password123", HttpStatusCode.BadRequest, "PASSWORD_TOO_COMMON")]
    [TestCase("ada@example.com", "", HttpStatusCode.BadRequest, "VALIDATION_ERROR")]
    public async Task SignUp_BadInput_IsRefusedAndCreatesNothing(string email, string password, HttpStatusCode status, string code)
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();

        var response = await AuthClient.PostAsync(client, "sign-up/email", new { email, password });

        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        Assert.That(response.Body.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(response.Cookies, Is.Empty);
        Assert.That(await CountAsync(host, AuthObjectNames.User), Is.Zero);
    }

    [TestCase("")]
    [TestCase("[]")]
    [TestCase("{")]
    [TestCase("""{"email": 5, "password": "x"}""")]
    public async Task SignUp_MalformedBody_Is400(string json)
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();

        var response = await AuthClient.SendAsync(client, HttpMethod.Post, "sign-up/email", json);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
    }

    [Test]
    public async Task SignUp_ExistingEmail_IsRefusedInAnyCase()
    {
        await using var host = await AuthTestHost.StartAsync(new JsonObject { ["signUp"] = "open" });
        using var client = host.Client();
        await AuthClient.SignUpAsync(client, "ada@example.com");

        var again = await AuthClient.PostAsync(client, "sign-up/email", new { email = "ADA@example.com", password = AuthClient.Password });

        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity), again.ToString());
        Assert.That(await CountAsync(host, AuthObjectNames.User), Is.EqualTo(1));
    }

    [Test]
    public async Task Password_IsStoredOnlyAsASelfDescribingHash_AndTheTokenOnlyAsADigest()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var token = await AuthClient.SignUpAsync(client, "ada@example.com");
        var engine = host.Services.GetRequiredService<IDataEngine>();

        var account = (await engine.FindAsync(System, new RecordQuery { ObjectName = AuthObjectNames.Account })).Records.Single();
        var session = (await engine.FindAsync(System, new RecordQuery { ObjectName = AuthObjectNames.Session })).Records.Single();

        Assert.Multiple(() =>
        {
            Assert.That(account["provider_id"], Is.EqualTo("credential"));
            Assert.That((string)account["password_hash"]!, Does.StartWith("$pbkdf2-sha512$i=100000$").And.Not.Contain(AuthClient.Password));
            Assert.That(session["token_hash"], Is.Not.EqualTo(token).And.Length.EqualTo(43));
        });
    }

    [Test]
    public async Task SignIn_WrongPasswordAndUnknownUser_GetTheSameAnswer()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        await AuthClient.SignUpAsync(client, "ada@example.com");

        var wrong = await AuthClient.PostAsync(client, "sign-in/email", new { email = "ada@example.com", password = "Wrong-Horse-Battery-42" });
        var unknown = await AuthClient.PostAsync(client, "sign-in/email", new { email = "nobody@example.com", password = "Wrong-Horse-Battery-42" });

        Assert.Multiple(() =>
        {
            Assert.That(wrong.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(wrong.Text, Is.EqualTo(unknown.Text).And.EqualTo("""{"code":"INVALID_EMAIL_OR_PASSWORD","message":"Invalid email or password."}"""));
            Assert.That(wrong.Cookies, Is.Empty);
        });
    }

    [Test]
    public async Task SignIn_RightPassword_IssuesANewSessionEachTime()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var first = await AuthClient.SignUpAsync(client, "ada@example.com");

        var second = await AuthClient.PostAsync(client, "sign-in/email", new { email = "ADA@example.com", password = AuthClient.Password });

        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.OK), second.ToString());
        var token = second.Body.GetProperty("token").GetString();
        Assert.Multiple(() =>
        {
            Assert.That(token, Is.Not.EqualTo(first));
            Assert.That(second.Body.GetProperty("user").GetProperty("email").GetString(), Is.EqualTo("ada@example.com"));
            Assert.That(second.Header("set-auth-token"), Is.EqualTo(token));
        });
        Assert.That(await CountAsync(host, AuthObjectNames.Session), Is.EqualTo(2));
    }

    [Test]
    public async Task GetSession_WithBearerOrCookie_ReturnsSessionAndUser_WithoutIsNull()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var token = await AuthClient.SignUpAsync(client, "ada@example.com");

        var bearer = await AuthClient.GetAsync(client, "get-session", bearer: token);
        var cookie = await AuthClient.GetAsync(client, "get-session", cookie: $"os_session={token}");
        var none = await AuthClient.GetAsync(client, "get-session");
        var forged = await AuthClient.GetAsync(client, "get-session", bearer: token[..^2] + "AA");

        Assert.Multiple(() =>
        {
            Assert.That(bearer.Status, Is.EqualTo(HttpStatusCode.OK), bearer.ToString());
            Assert.That(bearer.Body.GetProperty("user").GetProperty("email").GetString(), Is.EqualTo("ada@example.com"));
            Assert.That(bearer.Body.GetProperty("session").GetProperty("userId").GetString(), Is.EqualTo(bearer.Body.GetProperty("user").GetProperty("id").GetString()));
            Assert.That(cookie.Body.GetProperty("user").GetProperty("email").GetString(), Is.EqualTo("ada@example.com"));
            Assert.That(none.Text, Is.EqualTo("null"));
            Assert.That(forged.Text, Is.EqualTo("null"));
        });
    }

    [Test]
    public async Task SignOut_RevokesTheSession_AndAReplayedTokenIsRefused()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var token = await AuthClient.SignUpAsync(client, "ada@example.com");
        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: token)).Text, Is.Not.EqualTo("null"), "the session works before");

        var signOut = await AuthClient.PostAsync(client, "sign-out", bearer: token);
        var replay = await AuthClient.GetAsync(client, "get-session", bearer: token);
        var replayCookie = await AuthClient.GetAsync(client, "get-session", cookie: $"os_session={token}");

        Assert.Multiple(() =>
        {
            Assert.That(signOut.Status, Is.EqualTo(HttpStatusCode.OK), signOut.ToString());
            Assert.That(signOut.Cookies, Has.One.StartsWith("os_session=;"), "the cookie is cleared");
            Assert.That(replay.Text, Is.EqualTo("null"));
            Assert.That(replayCookie.Text, Is.EqualTo("null"));
        });
    }

    [Test]
    public async Task DeletedOrBannedUser_SessionsAreRefusedOnTheNextRequest()
    {
        await using var host = await AuthTestHost.StartAsync(new JsonObject { ["signUp"] = "open" });
        using var client = host.Client();
        var adaToken = await AuthClient.SignUpAsync(client, "ada@example.com");
        var bobToken = await AuthClient.SignUpAsync(client, "bob@example.com");
        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: adaToken)).Text, Is.Not.EqualTo("null"));
        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: bobToken)).Text, Is.Not.EqualTo("null"));
        var engine = host.Services.GetRequiredService<IDataEngine>();
        var ada = await UserIdAsync(engine, "ada@example.com");
        var bob = await UserIdAsync(engine, "bob@example.com");

        await engine.UpdateAsync(System, AuthObjectNames.User, ada, new Dictionary<string, object?> { ["banned"] = true });
        await engine.DeleteAsync(System, AuthObjectNames.User, bob);

        Assert.Multiple(async () =>
        {
            Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: adaToken)).Text, Is.EqualTo("null"), "banned");
            Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: bobToken)).Text, Is.EqualTo("null"), "deleted");
            Assert.That((await AuthClient.PostAsync(client, "sign-in/email", new { email = "ada@example.com", password = AuthClient.Password })).Status, Is.EqualTo(HttpStatusCode.Unauthorized), "a banned user cannot sign in");
        });
    }

    [Test]
    public async Task DataRoutes_AcceptTheSessionAsThePrincipal()
    {
        await using var host = await AuthTestHost.StartAsync(objectsJson: """{ "note": { "fields": { "title": { "type": "text" } } } }""");
        using var client = host.Client();
        var token = await AuthClient.SignUpAsync(client, "ada@example.com");

        var anonymous = await AuthClient.GetAsync(client, "/api/v1/data/note");
        var signedIn = await AuthClient.GetAsync(client, "/api/v1/data/note", bearer: token);

        Assert.Multiple(() =>
        {
            Assert.That(anonymous.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            // No security plugin: an authenticated principal is known but may do nothing (fail closed).
            Assert.That(signedIn.Status, Is.EqualTo(HttpStatusCode.Forbidden), signedIn.ToString());
        });
    }

    [Test]
    public async Task Discovery_ReportsTheAuthServiceAndRoute()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();

        var discovery = await AuthClient.GetAsync(client, "/api/v1/discovery");

        Assert.That(discovery.Body.GetProperty("routes").GetProperty("auth").GetString(), Is.EqualTo("/api/v1/auth"));
        Assert.That(discovery.Body.GetProperty("services").GetProperty("auth").GetProperty("status").GetString(), Is.EqualTo("available"));
    }

    private static async Task<long> CountAsync(AuthTestHost host, string objectName) =>
        (await host.Services.GetRequiredService<IDataEngine>().FindAsync(System, new RecordQuery { ObjectName = objectName, IncludeTotal = true })).Total!.Value;

    private static async Task<string> UserIdAsync(IDataEngine engine, string email) =>
        (string)(await engine.FindAsync(System, new RecordQuery { ObjectName = AuthObjectNames.User, Filter = new ComparisonFilter("email", FilterOperator.Eq, email) })).Records.Single()["id"]!;
}
