using Microsoft.AspNetCore.Http;

namespace ObjectStack.Plugins.Auth.Sessions;

/// <summary>
/// How a session token travels: an <c>HttpOnly</c>, <c>SameSite=Lax</c> cookie — <c>__Host-os_session</c> with
/// <c>Secure</c> over TLS, <c>os_session</c> over plain HTTP — or, for clients without cookies, the
/// <c>Authorization: Bearer</c> header, the token being handed over once in the <c>set-auth-token</c> response
/// header (better-auth's bearer plugin). API keys (<c>osk_…</c>) are not session tokens.
/// </summary>
internal static class SessionTransport
{
    /// <summary>The cookie over TLS.</summary>
    public const string SecureCookie = "__Host-os_session";

    /// <summary>The cookie over plain HTTP (development, or TLS terminated before an untrusted hop).</summary>
    public const string PlainCookie = "os_session";

    /// <summary>The response header carrying a new token.</summary>
    public const string TokenHeader = "set-auth-token";

    /// <summary>Reads the session token of a request: the bearer header first, then the cookie.</summary>
    /// <returns>The token, or null when the request carries none.</returns>
    public static string? Read(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length is > 0 and <= 256 && !token.StartsWith("osk_", StringComparison.Ordinal) ? token : null;
        }

        var cookie = request.IsHttps ? request.Cookies[SecureCookie] : request.Cookies[PlainCookie] ?? request.Cookies[SecureCookie];
        return cookie is { Length: > 0 and <= 256 } ? cookie : null;
    }

    /// <summary>Hands a new token to the client: the cookie, and the <c>set-auth-token</c> header.</summary>
    public static void Write(HttpResponse response, string token, DateTimeOffset expires)
    {
        var secure = response.HttpContext.Request.IsHttps;
        response.Cookies.Append(secure ? SecureCookie : PlainCookie, token, Options(secure, expires));
        response.Headers[TokenHeader] = token;
        response.Headers.AccessControlExposeHeaders = TokenHeader;
    }

    /// <summary>Removes the session cookie.</summary>
    public static void Clear(HttpResponse response)
    {
        var secure = response.HttpContext.Request.IsHttps;
        response.Cookies.Delete(secure ? SecureCookie : PlainCookie, Options(secure, DateTimeOffset.UnixEpoch));
    }

    private static CookieOptions Options(bool secure, DateTimeOffset expires) => new()
    {
        HttpOnly = true,
        Secure = secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
