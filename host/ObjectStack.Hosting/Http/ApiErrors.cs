using Microsoft.AspNetCore.Http;

namespace ObjectStack.Hosting.Http;

/// <summary>
/// Writes the ObjectStack error envelope used outside the data routes:
/// <c>{"success":false,"error":{"code","message","httpStatus"}}</c>.
/// </summary>
public static class ApiErrors
{
    /// <summary>Builds an error result with a stable SCREAMING_SNAKE <paramref name="code"/>.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">The error code, such as <c>ROUTE_NOT_FOUND</c>.</param>
    /// <param name="message">A message safe to show a caller: no internals, no secrets.</param>
    /// <returns>The result.</returns>
    public static IResult Result(int status, string code, string message) =>
        Results.Json(Envelope(status, code, message), statusCode: status);

    /// <summary>Writes an error response directly, for middleware.</summary>
    /// <param name="context">The request.</param>
    /// <param name="status">The HTTP status.</param>
    /// <param name="code">The error code.</param>
    /// <param name="message">A message safe to show a caller.</param>
    /// <returns>A task that completes when the body is written.</returns>
    public static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Envelope(status, code, message), context.RequestAborted);
    }

    /// <summary>The error code for a status that has no more specific one.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <returns>The code.</returns>
    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "VALIDATION_FAILED",
        StatusCodes.Status401Unauthorized => "UNAUTHENTICATED",
        StatusCodes.Status403Forbidden => "PERMISSION_DENIED",
        StatusCodes.Status404NotFound => "ROUTE_NOT_FOUND",
        StatusCodes.Status405MethodNotAllowed => "METHOD_NOT_ALLOWED",
        StatusCodes.Status429TooManyRequests => "RATE_LIMIT_EXCEEDED",
        StatusCodes.Status501NotImplemented => "NOT_IMPLEMENTED",
        StatusCodes.Status503ServiceUnavailable => "SERVICE_UNAVAILABLE",
        >= 500 => "INTERNAL_ERROR",
        _ => "REQUEST_FAILED",
    };

    private static object Envelope(int status, string code, string message) =>
        new { success = false, error = new { code, message, httpStatus = status } };
}
