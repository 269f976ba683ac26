using Microsoft.AspNetCore.Http;
using ObjectStack.Abstractions.Data;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// Writes data-route errors in ObjectStack's flat shape, <c>{error, code, object?, field?, fields?, currentVersion?, hint?}</c>,
/// and maps engine error codes to HTTP statuses.
/// </summary>
internal static class RestErrors
{
    /// <summary>Returns the response for an engine error.</summary>
    public static IResult From(DataOperationException ex, string? objectName)
    {
        var (status, code) = Classify(ex.Code);
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["error"] = PublicMessage(ex, status),
            ["code"] = code,
            ["object"] = ex.ObjectName ?? objectName,
        };
        if (ex.Fields.Count > 0)
        {
            body["field"] = ex.Fields[0].Field;
            body["fields"] = ex.Fields.Select(f => new { field = f.Field, code = f.Code, message = f.Message }).ToList();
        }

        if (ex.CurrentVersion is not null)
        {
            body["currentVersion"] = ex.CurrentVersion;
        }

        if (ex.CurrentRecord is not null)
        {
            body["currentRecord"] = ex.CurrentRecord;
        }

        if (ex.Hint is not null)
        {
            body["hint"] = ex.Hint;
        }

        return Write(status, body, ex.RetryAfter);
    }

    /// <summary>The message a caller sees: the engine's own for 4xx; for 5xx a fixed text, so internals never leak.</summary>
    public static string PublicMessage(DataOperationException ex, int status) =>
        status >= 500 ? "The data store is unavailable; retry shortly." : ex.Message;

    /// <summary>Returns the HTTP status and wire code of an engine error code.</summary>
    public static (int Status, string Code) Classify(DataErrorCode code) => code switch
        {
            DataErrorCode.ValidationFailed => (400, "VALIDATION_FAILED"),
            DataErrorCode.InvalidField => (400, "INVALID_FIELD"),
            DataErrorCode.InvalidFilter => (400, "INVALID_FILTER"),
            DataErrorCode.InvalidSort => (400, "INVALID_SORT"),
            DataErrorCode.InvalidQuery => (400, "INVALID_QUERY"),
            DataErrorCode.Unauthenticated => (401, "UNAUTHENTICATED"),
            DataErrorCode.PermissionDenied => (403, "PERMISSION_DENIED"),
            DataErrorCode.ObjectNotFound => (404, "OBJECT_NOT_FOUND"),
            DataErrorCode.RecordNotFound => (404, "RECORD_NOT_FOUND"),
            DataErrorCode.DuplicateValue => (409, "DUPLICATE_VALUE"),
            DataErrorCode.ConcurrentUpdate => (409, "CONCURRENT_UPDATE"),
            DataErrorCode.DeleteRestricted => (409, "DELETE_RESTRICTED"),
            DataErrorCode.Unavailable => (503, "SERVICE_UNAVAILABLE"),
            _ => (500, "INTERNAL_ERROR"),
        };

    /// <summary>Returns the response for a refused request.</summary>
    public static IResult From(RestException ex, string? objectName)
    {
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["error"] = ex.Message,
            ["code"] = ex.Code,
            ["object"] = ex.ObjectName ?? objectName,
        };
        foreach (var (key, value) in ex.Extra ?? new Dictionary<string, object?>())
        {
            body[key] = value;
        }

        return Write(ex.Status, body);
    }

    /// <summary>Returns a flat error body.</summary>
    public static IResult Write(int status, string code, string message) =>
        Write(status, new Dictionary<string, object?>(StringComparer.Ordinal) { ["error"] = message, ["code"] = code });

    private static ErrorResult Write(int status, Dictionary<string, object?> body, TimeSpan? retryAfter = null)
    {
        if (body.TryGetValue("object", out var name) && name is null)
        {
            body.Remove("object");
        }

        return new ErrorResult(status, body, retryAfter);
    }

    /// <summary>The <c>Retry-After</c> value in whole seconds: at least 1, at most an hour.</summary>
    public static string RetryAfterSeconds(TimeSpan? retryAfter) =>
        Math.Clamp((int)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds), 1, 3600).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class ErrorResult(int status, Dictionary<string, object?> body, TimeSpan? retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
            }

            if (status >= 500)
            {
                body["error"] = $"{body["error"]} Reference: {httpContext.TraceIdentifier}.";
                body["reference"] = httpContext.TraceIdentifier;
            }

            httpContext.Response.Headers.CacheControl = "no-store";
            return httpContext.Response.WriteAsJsonAsync(body, RestJson.Options, httpContext.RequestAborted);
        }
    }
}
