using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Rest;

/// <summary>Helpers the data handlers share: the guard filter, body reading, services and responses.</summary>
internal static partial class RestRequest
{
    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = 32 };

    /// <summary>
    /// The filter every data and metadata route runs first: it resolves the caller (401 when anonymous), marks the
    /// response uncacheable, and turns engine and request errors into the protocol's flat error bodies.
    /// </summary>
    public static async ValueTask<object?> GuardAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers.CacheControl = "no-store";
        var objectName = http.Request.RouteValues.TryGetValue("object", out var o) ? o as string : null;
        if (await RequestIdentity.ResolveAsync(http).ConfigureAwait(false) is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return RestErrors.Write(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "Authentication is required.");
        }

        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (DataOperationException ex)
        {
            return RestErrors.From(ex, objectName);
        }
        catch (RestException ex)
        {
            return RestErrors.From(ex, objectName);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            // Anything else is a defect: logged with the request's reference, answered in the data routes' own shape.
            var logger = http.RequestServices.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("ObjectStack.Rest");
            LogUnexpected(logger, ex, http.Request.Method, http.Request.Path, http.TraceIdentifier);
            return RestErrors.Write(StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "An unexpected error occurred.");
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Error, Message = "Unexpected error for {Method} {Path} (reference {Reference}).")]
    private static partial void LogUnexpected(Microsoft.Extensions.Logging.ILogger logger, Exception exception, string method, PathString path, string reference);

    /// <summary>Gets the data engine.</summary>
    public static IDataEngine Engine(HttpContext http) => http.RequestServices.GetRequiredService<IDataEngine>();

    /// <summary>Gets the objects as requests see them: a request never runs as the system context, so internal fields
    /// do not exist for it.</summary>
    public static IMetadataRegistry Registry(HttpContext http) => http.RequestServices.GetRequiredService<Metadata.MetadataRegistry>().Public;

    /// <summary>Reads the request body as JSON.</summary>
    /// <exception cref="RestException">The body is empty or not JSON (400 INVALID_REQUEST).</exception>
    public static async Task<JsonElement> ReadBodyAsync(HttpContext http)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, BodyOptions, http.RequestAborted).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw RestException.BadRequest("INVALID_REQUEST", $"The request body is empty or not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Reads a JSON object of field values.</summary>
    /// <exception cref="RestException">The value is not an object, or repeats a key.</exception>
    public static Dictionary<string, object?> ToValues(JsonElement record, string what)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid {what}: the record must be a JSON object of field values.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in record.EnumerateObject())
        {
            if (!values.TryAdd(property.Name, property.Value))
            {
                throw RestException.BadRequest("INVALID_REQUEST", $"Invalid {what}: the key '{property.Name}' appears twice.");
            }
        }

        return values;
    }

    /// <summary>Returns a JSON response written with the API's value formats.</summary>
    public static IResult Json(object payload, int status = StatusCodes.Status200OK) =>
        Results.Json(payload, RestJson.Options, statusCode: status);

    /// <summary>Describes dropped fields as the protocol does, <c>[{object, fields, reason}]</c>, or returns null when none were dropped.</summary>
    public static List<DroppedFields>? Dropped(string objectName, IReadOnlyList<string> dropped) => dropped.Count == 0
        ? null
        : [.. dropped.GroupBy(f => f == SystemFieldNames.Id ? "primary_key" : "readonly").Select(g => new DroppedFields(objectName, [.. g], g.Key))];

    /// <summary>Sets <c>X-ObjectStack-Dropped-Fields: f1;reason=readonly, ...</c> when fields were dropped.</summary>
    public static void SetDroppedHeader(HttpContext http, List<DroppedFields>? dropped)
    {
        if (dropped is { Count: > 0 })
        {
            http.Response.Headers["X-ObjectStack-Dropped-Fields"] = string.Join(", ", dropped.SelectMany(d => d.fields.Select(f => $"{f};reason={d.reason}")));
        }
    }

    /// <summary>Fields the engine dropped from a write, and why.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Wire names.")]
    internal sealed record DroppedFields(string @object, IReadOnlyList<string> fields, string reason);
}
