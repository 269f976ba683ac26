using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data.Values;
using static ObjectStack.Hosting.Rest.RestRequest;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// The record routes under <c>/api/v1/data</c> (protocol §3): list, query, get, create, update, delete. Every route
/// passes <see cref="RestRequest.GuardAsync"/> and <see cref="ObjectApiGate"/>, then the data engine — which applies
/// the caller's access — does the work.
/// </summary>
internal static class DataEndpoints
{
    /// <summary>Maps the routes on <paramref name="data"/>, a group at <c>/data</c>.</summary>
    public static void Map(RouteGroupBuilder data)
    {
        data.MapGet("/{object}", ListAsync).WithName("objectstack.data.list");
        data.MapPost("/{object}", CreateAsync).WithName("objectstack.data.create");
        data.MapPost("/{object}/query", QueryAsync).WithName("objectstack.data.query");
        data.MapGet("/{object}/{id}", GetAsync).WithName("objectstack.data.get");
        data.MapPatch("/{object}/{id}", UpdateAsync).WithName("objectstack.data.update");
        data.MapDelete("/{object}/{id}", DeleteAsync).WithName("objectstack.data.delete");
    }

    private static async Task<IResult> ListAsync(HttpContext http, string @object)
    {
        var obj = ObjectApiGate.Require(Registry(http), @object, ApiMethods.List);
        var query = ListQueryReader.Read(obj, http.Request.Query);
        return ListResponse(obj, await Engine(http).FindAsync(RequestIdentity.Current(http), query, http.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> QueryAsync(HttpContext http, string @object)
    {
        var obj = ObjectApiGate.Require(Registry(http), @object, ApiMethods.List);
        var query = QueryBodyReader.Read(obj, await ReadBodyAsync(http).ConfigureAwait(false));
        return ListResponse(obj, await Engine(http).FindAsync(RequestIdentity.Current(http), query, http.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(HttpContext http, string @object, string id)
    {
        var obj = ObjectApiGate.Require(Registry(http), @object, ApiMethods.Get);
        List<string>? fields = null;
        List<ExpandRequest> expand = [];
        foreach (var (key, values) in http.Request.Query)
        {
            switch (key)
            {
                case "select" or "fields" or "$select":
                    fields = [.. values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
                    break;
                case "expand" or "$expand" or "populate":
                    expand = ExpandReader.ReadNames(values.OfType<string>());
                    break;
                default:
                    throw RestException.BadRequest("INVALID_REQUEST", $"GET /data/{obj.Name}/:id accepts only 'select' and 'expand', not '{key}'.", obj.Name);
            }
        }

        var record = await Engine(http).GetAsync(RequestIdentity.Current(http), obj.Name, id, fields, expand, http.RequestAborted).ConfigureAwait(false)
            ?? throw Data.DataErrors.RecordNotFound(obj, id);
        if (record.GetValueOrDefault(SystemFieldNames.UpdatedAt) is DateTimeOffset version)
        {
            http.Response.Headers.ETag = $"\"{ValueFormats.FormatDateTime(version)}\"";
        }

        return Json(new { @object = obj.Name, id, record });
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string @object)
    {
        var obj = ObjectApiGate.Require(Registry(http), @object, ApiMethods.Create);
        var values = ToValues(await ReadBodyAsync(http).ConfigureAwait(false), "create request");
        var result = await Engine(http).InsertAsync(RequestIdentity.Current(http), obj.Name, values, http.RequestAborted).ConfigureAwait(false);
        var dropped = Dropped(obj.Name, result.DroppedFields);
        SetDroppedHeader(http, dropped);
        http.Response.Headers.Location = $"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(result.Id)}";
        return Json(new { @object = obj.Name, id = result.Id, record = result.Record, droppedFields = dropped }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string @object, string id)
    {
        var obj = ObjectApiGate.Require(Registry(http), @object, ApiMethods.Update);
        var values = ToValues(await ReadBodyAsync(http).ConfigureAwait(false), "update request");
        var expectedVersion = http.Request.Headers.IfMatch.Count > 0 ? http.Request.Headers.IfMatch.ToString() : null;
        if (values.Remove("expectedVersion", out var bodyVersion) && bodyVersion is System.Text.Json.JsonElement token)
        {
            expectedVersion = token.ValueKind switch
            {
                System.Text.Json.JsonValueKind.Null => expectedVersion,
                System.Text.Json.JsonValueKind.String => token.GetString(),
                System.Text.Json.JsonValueKind.Number when token.TryGetInt64(out var epochMs) && epochMs is >= 0 and <= 253402300799999 =>
                    ValueFormats.FormatDateTime(DateTimeOffset.FromUnixTimeMilliseconds(epochMs)),
                _ => throw RestException.BadRequest("VALIDATION_FAILED", "expectedVersion must be the record's updated_at, as ISO 8601 text or epoch milliseconds.", obj.Name),
            };
        }

        var result = await Engine(http).UpdateAsync(RequestIdentity.Current(http), obj.Name, id, values, expectedVersion, http.RequestAborted).ConfigureAwait(false);
        var dropped = Dropped(obj.Name, result.DroppedFields);
        SetDroppedHeader(http, dropped);
        return Json(new { @object = obj.Name, id, record = result.Record, droppedFields = dropped });
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string @object, string id)
    {
        var obj = ObjectApiGate.Require(Registry(http), @object, ApiMethods.Delete);
        var expectedVersion = http.Request.Query.TryGetValue("expectedVersion", out var v) ? v.ToString()
            : http.Request.Headers.IfMatch.Count > 0 ? http.Request.Headers.IfMatch.ToString() : null;
        await Engine(http).DeleteAsync(RequestIdentity.Current(http), obj.Name, id, expectedVersion, http.RequestAborted).ConfigureAwait(false);
        return Json(new { @object = obj.Name, id, success = true });
    }

    private static IResult ListResponse(ObjectDefinition obj, QueryResult result) =>
        Json(new { @object = obj.Name, records = result.Records, total = result.Total, hasMore = result.HasMore });
}
