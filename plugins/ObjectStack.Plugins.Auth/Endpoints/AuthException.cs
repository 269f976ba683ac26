namespace ObjectStack.Plugins.Auth.Endpoints;

/// <summary>A refusal an auth route answers with its status and better-auth's flat body <c>{code, message}</c>.</summary>
internal sealed class AuthException(int status, string code, string message) : Exception(message)
{
    /// <summary>Gets the HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>Gets the stable code, such as <c>INVALID_EMAIL_OR_PASSWORD</c>.</summary>
    public string Code { get; } = code;

    /// <summary>Gets how long the client should wait, for 429 and 503; null otherwise.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The one answer to a failed sign-in, whatever failed: no account, no password, wrong password, locked.</summary>
    public static AuthException InvalidCredentials() => new(401, "INVALID_EMAIL_OR_PASSWORD", "Invalid email or password.");

    /// <summary>The request carries no valid session.</summary>
    public static AuthException Unauthorized() => new(401, "UNAUTHORIZED", "Sign in first.");

    /// <summary>The body is not the JSON object the route expects.</summary>
    public static AuthException BadRequest(string message) => new(400, "INVALID_REQUEST", message);
}
