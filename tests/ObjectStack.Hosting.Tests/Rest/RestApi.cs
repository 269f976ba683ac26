using System.Net;
using System.Text;
using System.Text.Json;
using ObjectStack.Hosting.Tests.Data;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>Small HTTP helpers for the REST tests: raw requests with any header, URLs with encoded parameters, and flat-error checks.</summary>
internal static class RestApi
{
    /// <summary>Starts a host serving <see cref="RestObjects.Json"/> on a fresh SQLite database.</summary>
    public static Task<DataTestHost> StartAsync() => DataTestHost.StartAsync(RestObjects.Json);

    /// <summary>Sends a request with an optional JSON body and raw headers (added without validation, so malformed values go out as written).</summary>
    public static async Task<ApiResponse> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            Assert.That(request.Headers.TryAddWithoutValidation(name, value), Is.True, $"header {name}");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            all[name] = string.Join(", ", values);
        }

        JsonElement body = default;
        if (text.Length > 0)
        {
            using var document = JsonDocument.Parse(text);
            body = document.RootElement.Clone();
        }

        return new ApiResponse(response.StatusCode, all, body, text);
    }

    public static Task<ApiResponse> GetAsync(HttpClient client, string path, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Get, path, null, headers);

    public static Task<ApiResponse> PostAsync(HttpClient client, string path, string json, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Post, path, json, headers);

    public static Task<ApiResponse> PatchAsync(HttpClient client, string path, string json, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Patch, path, json, headers);

    public static Task<ApiResponse> DeleteAsync(HttpClient client, string path, params (string Name, string Value)[] headers) =>
        SendAsync(client, HttpMethod.Delete, path, null, headers);

    /// <summary>Builds <c>path?k=v&amp;...</c> with each name and value percent-encoded.</summary>
    public static string Url(string path, params (string Name, string Value)[] parameters) =>
        parameters.Length == 0 ? path : path + "?" + string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>Serializes a value as JSON.</summary>
    public static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>Returns a name no other test uses.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Creates a record through <c>POST /data/:object</c> and returns its id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, string objectName, string json)
    {
        var response = await PostAsync(client, $"/api/v1/data/{objectName}", json);
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        return response.Body.GetProperty("id").GetString()!;
    }

    /// <summary>Reads a record through <c>GET /data/:object/:id</c>, asserting that it exists.</summary>
    public static async Task<JsonElement> RecordAsync(HttpClient client, string objectName, string id)
    {
        var response = await GetAsync(client, $"/api/v1/data/{objectName}/{id}");
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return response.Body.GetProperty("record");
    }

    /// <summary>Returns the records a list with <paramref name="filterJson"/> finds (up to 1000).</summary>
    public static async Task<List<JsonElement>> FindAsync(HttpClient client, string objectName, string filterJson)
    {
        var response = await GetAsync(client, Url($"/api/v1/data/{objectName}", ("filter", filterJson), ("top", "1000")));
        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        return [.. response.Body.GetProperty("records").EnumerateArray()];
    }

    /// <summary>Returns the value of <paramref name="field"/> of each record of a list response.</summary>
    public static List<string?> Column(ApiResponse response, string field) =>
        [.. response.Body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty(field).ValueKind == JsonValueKind.Null ? null : r.GetProperty(field).ToString())];

    /// <summary>Returns the property names of a JSON object.</summary>
    public static List<string> Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>Asserts a flat error <c>{error, code, ...}</c> with the given status and code, and returns the body.</summary>
    public static JsonElement AssertError(ApiResponse response, HttpStatusCode status, string code)
    {
        Assert.That(response.Status, Is.EqualTo(status), response.ToString());
        Assert.That(response.Body.ValueKind, Is.EqualTo(JsonValueKind.Object), response.ToString());
        Assert.That(response.Body.GetProperty("code").GetString(), Is.EqualTo(code), response.ToString());
        Assert.That(response.Body.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.String), "the error body is flat: 'error' is the message");
        Assert.That(response.Body.GetProperty("error").GetString(), Is.Not.Empty);
        return response.Body;
    }

    /// <summary>Returns the <c>fields[]</c> of an error as (field, code) pairs.</summary>
    public static List<(string Field, string Code)> FieldErrors(JsonElement error) =>
        [.. error.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("field").GetString()!, f.GetProperty("code").GetString()!))];
}
