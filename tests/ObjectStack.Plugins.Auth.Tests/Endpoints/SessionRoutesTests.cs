using System.Net;
using System.Text.Json;

namespace ObjectStack.Plugins.Auth.Tests.Endpoints;

/// <summary>list-sessions, revoke-session(s), revoke-other-sessions and change-password over real HTTP.</summary>
public sealed class SessionRoutesTests
{
    private const string NewPassword = "Another-Horse-Staple-77";

    [Test]
    public async Task ListSessions_ShowsTheCallersLiveSessionsWithoutTokens()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var first = await AuthClient.SignUpAsync(client, "ada@example.com");
        var second = await SignInAsync(client);

        var list = await AuthClient.GetAsync(client, "list-sessions", bearer: first);

        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK), list.ToString());
        Assert.That(list.Body.GetArrayLength(), Is.EqualTo(2));
        Assert.That(list.Text, Does.Not.Contain(first).And.Not.Contain(second));
        Assert.That(list.Body.EnumerateArray().Select(s => s.GetProperty("token").ValueKind), Has.All.EqualTo(JsonValueKind.Null));
    }

    [TestCase("list-sessions")]
    [TestCase("revoke-sessions")]
    [TestCase("revoke-other-sessions")]
    [TestCase("change-password")]
    public async Task SessionRoutes_WithoutASession_Are401(string route)
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();

        var response = route == "list-sessions"
            ? await AuthClient.GetAsync(client, route)
            : await AuthClient.PostAsync(client, route, new { currentPassword = AuthClient.Password, newPassword = NewPassword });

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized), response.ToString());
        Assert.That(response.Body.GetProperty("code").GetString(), Is.EqualTo("UNAUTHORIZED"));
    }

    [Test]
    public async Task RevokeSession_ById_EndsThatSessionOnly()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var phone = await AuthClient.SignUpAsync(client, "ada@example.com");
        var laptop = await SignInAsync(client);
        var laptopId = (await AuthClient.GetAsync(client, "get-session", bearer: laptop)).Body.GetProperty("session").GetProperty("id").GetString();

        var revoke = await AuthClient.PostAsync(client, "revoke-session", new { id = laptopId }, bearer: phone);

        Assert.That(revoke.Status, Is.EqualTo(HttpStatusCode.OK), revoke.ToString());
        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: laptop)).Text, Is.EqualTo("null"));
        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: phone)).Text, Is.Not.EqualTo("null"));
    }

    [Test]
    public async Task RevokeSession_OfAnotherUser_Is404AndChangesNothing()
    {
        await using var host = await AuthTestHost.StartAsync(new System.Text.Json.Nodes.JsonObject { ["signUp"] = "open" });
        using var client = host.Client();
        var ada = await AuthClient.SignUpAsync(client, "ada@example.com");
        var bob = await AuthClient.SignUpAsync(client, "bob@example.com");
        var bobSession = (await AuthClient.GetAsync(client, "get-session", bearer: bob)).Body.GetProperty("session").GetProperty("id").GetString();

        var byId = await AuthClient.PostAsync(client, "revoke-session", new { id = bobSession }, bearer: ada);
        var byToken = await AuthClient.PostAsync(client, "revoke-session", new { token = bob }, bearer: ada);

        Assert.That(byId.Status, Is.EqualTo(HttpStatusCode.NotFound), byId.ToString());
        Assert.That(byToken.Text, Is.EqualTo(byId.Text), "the same answer whatever the form");
        Assert.That((await AuthClient.GetAsync(client, "get-session", bearer: bob)).Text, Is.Not.EqualTo("null"));
    }

    [Test]
    public async Task RevokeOtherSessions_KeepsTheCallers_AndRevokeSessionsEndsAll()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var a = await AuthClient.SignUpAsync(client, "ada@example.com");
        var b = await SignInAsync(client);
        var c = await SignInAsync(client);

        var others = await AuthClient.PostAsync(client, "revoke-other-sessions", bearer: a);
        var afterOthers = (A: await Live(client, a), B: await Live(client, b), C: await Live(client, c));
        var all = await AuthClient.PostAsync(client, "revoke-sessions", bearer: a);

        Assert.Multiple(async () =>
        {
            Assert.That(others.Status, Is.EqualTo(HttpStatusCode.OK), others.ToString());
            Assert.That(afterOthers, Is.EqualTo((true, false, false)));
            Assert.That(all.Status, Is.EqualTo(HttpStatusCode.OK), all.ToString());
            Assert.That(await Live(client, a), Is.False);
        });
    }

    [Test]
    public async Task ChangePassword_RotatesTheSessionEndsTheOthersAndTakesTheNewPassword()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var current = await AuthClient.SignUpAsync(client, "ada@example.com");
        var other = await SignInAsync(client);

        var change = await AuthClient.PostAsync(client, "change-password", new { currentPassword = AuthClient.Password, newPassword = NewPassword }, bearer: current);

        Assert.That(change.Status, Is.EqualTo(HttpStatusCode.OK), change.ToString());
        var rotated = change.Body.GetProperty("token").GetString()!;
        Assert.Multiple(async () =>
        {
            Assert.That(rotated, Is.Not.EqualTo(current));
            Assert.That(change.Header("set-auth-token"), Is.EqualTo(rotated));
            Assert.That(await Live(client, rotated), Is.True);
            Assert.That(await Live(client, current), Is.False, "the old token is replaced");
            Assert.That(await Live(client, other), Is.False, "other sessions end by default");
            Assert.That((await AuthClient.PostAsync(client, "sign-in/email", new { email = "ada@example.com", password = AuthClient.Password })).Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That((await AuthClient.PostAsync(client, "sign-in/email", new { email = "ada@example.com", password = NewPassword })).Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task ChangePassword_KeepOtherSessions_WhenAskedTo()
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var current = await AuthClient.SignUpAsync(client, "ada@example.com");
        var other = await SignInAsync(client);

        var change = await AuthClient.PostAsync(client, "change-password", new { currentPassword = AuthClient.Password, newPassword = NewPassword, revokeOtherSessions = false }, bearer: current);

        Assert.That(change.Status, Is.EqualTo(HttpStatusCode.OK), change.ToString());
        Assert.That(await Live(client, other), Is.True);
    }

    [TestCase("Wrong-Horse-Battery-42", NewPassword, "INVALID_PASSWORD")]
    [TestCase(AuthClient.Password, "password123", "PASSWORD_TOO_COMMON")]
    [TestCase(AuthClient.Password, "short", "PASSWORD_TOO_SHORT")]
    public async Task ChangePassword_Refused_ChangesNothing(string currentPassword, string newPassword, string code)
    {
        await using var host = await AuthTestHost.StartAsync();
        using var client = host.Client();
        var current = await AuthClient.SignUpAsync(client, "ada@example.com");

        var change = await AuthClient.PostAsync(client, "change-password", new { currentPassword, newPassword }, bearer: current);

        Assert.That(change.Status, Is.EqualTo(HttpStatusCode.BadRequest), change.ToString());
        Assert.That(change.Body.GetProperty("code").GetString(), Is.EqualTo(code));
        Assert.That(await Live(client, current), Is.True, "the session survives a refused change");
        Assert.That((await AuthClient.PostAsync(client, "sign-in/email", new { email = "ada@example.com", password = AuthClient.Password })).Status, Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task<string> SignInAsync(HttpClient client)
    {
        var response = await AuthClient.PostAsync(client, "sign-in/email", new { email = "ada@example.com", password = AuthClient.Password });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return response.Body.GetProperty("token").GetString()!;
    }

    private static async Task<bool> Live(HttpClient client, string token) =>
        (await AuthClient.GetAsync(client, "get-session", bearer: token)).Text != "null";
}
