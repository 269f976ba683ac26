using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ObjectStack.Plugins.Auth.Tests.Endpoints;

/// <summary>Raw calls to the auth routes: status, headers and the JSON body, with an optional bearer token or cookie.</summary>
internal static class AuthClient
{
    public const string Password = "Correct-Horse-Battery-42";

    public static async Task<AuthResponse> PostAsync(HttpClient client, string route, object? body = null, string? bearer = null, string? cookie = null) =>
        await SendAsync(client, HttpMethod.Post, route, body is null ? "{}" : JsonSerializer.Serialize(body), bearer, cookie);

    public static Task<AuthResponse> GetAsync(HttpClient client, string route, string? bearer = null, string? cookie = null) =>
        SendAsync(client, HttpMethod.Get, route, null, bearer, cookie);

    public static async Task<AuthResponse> SendAsync(HttpClient client, HttpMethod method, string route, string? json, string? bearer = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(route.StartsWith('/') ? route : "/api/v1/auth/" + route, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && text.TrimStart()[0] is '{' or '[' or 'n' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new AuthResponse(response.StatusCode, response.Headers, text, body);
    }

    public static async Task<string> SignUpAsync(HttpClient client, string email, string password = Password, string name = "Test User")
    {
        var response = await PostAsync(client, "sign-up/email", new { email, password, name });
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return response.Body.GetProperty("token").GetString()!;
    }
}

internal sealed record AuthResponse(HttpStatusCode Status, HttpResponseHeaders Headers, string Text, JsonElement Body)
{
    public string? Header(string name) => Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    public IReadOnlyList<string> Cookies => Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    public override string ToString() => $"{(int)Status} {Text}";
}
