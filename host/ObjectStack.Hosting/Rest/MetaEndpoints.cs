using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static ObjectStack.Hosting.Rest.RestRequest;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// The metadata routes under <c>/api/v1/meta</c> (protocol §3.2): the types, the items of a type, one item with an
/// ETag for conditional requests. This runtime serves the <c>object</c> type.
/// </summary>
internal static class MetaEndpoints
{
    private const string ObjectType = "object";

    /// <summary>Maps the routes on <paramref name="meta"/>, a group at <c>/meta</c>.</summary>
    public static void Map(RouteGroupBuilder meta)
    {
        meta.MapGet("/", (Delegate)Types).WithName("objectstack.meta.types");
        meta.MapGet("/{type}", (Delegate)Items).WithName("objectstack.meta.items");
        meta.MapGet("/{type}/{name}", (Delegate)Item).WithName("objectstack.meta.item");
    }

    private static IResult Types() => Json(new
    {
        types = new[] { ObjectType },
        entries = new[]
        {
            new { type = ObjectType, label = "Objects", description = "Business objects: their fields, indexes and API settings.", domain = "data" },
        },
    });

    private static IResult Items(HttpContext http, string type) =>
        Json(new { type = RequireType(type), items = Documents(http).Items });

    private static IResult Item(HttpContext http, string type, string name)
    {
        var canonical = RequireType(type);
        if (!Documents(http).TryGet(name, out var item, out var etag))
        {
            return RestErrors.Write(StatusCodes.Status404NotFound, "RESOURCE_NOT_FOUND", $"Metadata item {canonical}/{name} not found");
        }

        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "private, no-cache";
        var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && ifNoneMatch.Split(',').Any(t => t.Trim().Replace("W/", string.Empty, StringComparison.Ordinal) == etag || t.Trim() == "*"))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Json(new { type = canonical, name, item });
    }

    private static string RequireType(string type) => type is ObjectType or "objects"
        ? ObjectType
        : throw RestException.BadRequest("INVALID_REQUEST", $"Unknown metadata type '{type}'; this runtime serves: {ObjectType}.");

    private static MetadataDocuments Documents(HttpContext http) => http.RequestServices.GetRequiredService<MetadataDocuments>();
}
