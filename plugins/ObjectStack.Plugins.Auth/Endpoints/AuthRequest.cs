using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace ObjectStack.Plugins.Auth.Endpoints;

/// <summary>Reads an auth route's JSON body: one object of at most 64 KiB, with typed members.</summary>
internal sealed class AuthRequest
{
    private const int MaxBytes = 64 * 1024;
    private readonly JsonElement _body;

    private AuthRequest(JsonElement body) => _body = body;

    /// <summary>Reads the body; an empty body reads as an empty object.</summary>
    /// <exception cref="AuthException">The body is too large, not JSON, or not an object.</exception>
    public static async Task<AuthRequest> ReadAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBytes)
        {
            throw new AuthException(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
        }

        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > MaxBytes)
        {
            throw new AuthException(413, "PAYLOAD_TOO_LARGE", "The request body is too large.");
        }

        if (buffer.Length == 0)
        {
            return new AuthRequest(JsonDocument.Parse("{}").RootElement.Clone());
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new AuthRequest(document.RootElement.Clone())
                : throw AuthException.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw AuthException.BadRequest("The request body is not valid JSON.");
        }
    }

    /// <summary>Returns a string member, or null when absent or null.</summary>
    /// <exception cref="AuthException">The member is present with another type.</exception>
    public string? String(string name) => _body.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        _ => throw AuthException.BadRequest($"'{name}' must be a string."),
    } : null;

    /// <summary>Returns a required, non-empty string member.</summary>
    /// <exception cref="AuthException">The member is missing, empty or not a string.</exception>
    public string Required(string name) =>
        String(name) is { Length: > 0 } value ? value : throw new AuthException(400, "VALIDATION_ERROR", $"'{name}' is required.");

    /// <summary>Returns a boolean member, or <paramref name="fallback"/> when absent.</summary>
    public bool Boolean(string name, bool fallback) => _body.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => fallback,
        _ => throw AuthException.BadRequest($"'{name}' must be true or false."),
    } : fallback;
}
