using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data;
using static ObjectStack.Hosting.Rest.RestRequest;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// The bulk routes: <c>createMany</c> (atomic), <c>updateMany</c>, <c>deleteMany</c> and <c>batch</c> per object
/// (per-row results; atomic on request), and the cross-object <c>POST /batch</c> (always atomic, with <c>{"$ref": n}</c>).
/// </summary>
internal static class BatchEndpoints
{
    /// <summary>Maps the per-object routes on <paramref name="data"/> and the cross-object route on <paramref name="api"/>.</summary>
    public static void Map(RouteGroupBuilder data, RouteGroupBuilder api)
    {
        data.MapPost("/{object}/createMany", CreateManyAsync).WithName("objectstack.data.createMany");
        data.MapPost("/{object}/updateMany", UpdateManyAsync).WithName("objectstack.data.updateMany");
        data.MapPost("/{object}/deleteMany", DeleteManyAsync).WithName("objectstack.data.deleteMany");
        data.MapPost("/{object}/batch", BatchAsync).WithName("objectstack.data.batch");
        api.MapPost("/batch", (Delegate)CrossObjectAsync).WithName("objectstack.batch");
    }

    private delegate Task<RowResult> RowOperation(IDataOperations operations, OperationContext caller, CancellationToken cancellationToken);

    private static async Task<IResult> CreateManyAsync(HttpContext http, string @object)
    {
        var obj = ObjectApiGate.Require(Registry(http), @object, ApiMethods.Bulk | ApiMethods.Create);
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body.ValueKind != JsonValueKind.Array)
        {
            throw RestException.BadRequest("VALIDATION_FAILED", "Invalid createMany request — the body must be a JSON array of record objects.", obj.Name);
        }

        CheckSize(http, obj.Name, body.GetArrayLength());
        var rows = body.EnumerateArray().Select((r, i) => ToValues(r, $"createMany request (record {i})")).ToList();
        var caller = RequestIdentity.Current(http);
        await using var transaction = await Engine(http).BeginTransactionAsync(http.RequestAborted).ConfigureAwait(false);
        var records = new List<IReadOnlyDictionary<string, object?>>(rows.Count);
        var dropped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var result = await transaction.InsertAsync(caller, obj.Name, row, http.RequestAborted).ConfigureAwait(false);
            records.Add(result.Record);
            dropped.UnionWith(result.DroppedFields);
        }

        await transaction.CommitAsync(http.RequestAborted).ConfigureAwait(false);
        var droppedFields = Dropped(obj.Name, [.. dropped]);
        SetDroppedHeader(http, droppedFields);
        return Json(new { @object = obj.Name, records, count = records.Count, droppedFields }, StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateManyAsync(HttpContext http, string @object)
    {
        var obj = ObjectApiGate.Require(Registry(http), @object, ApiMethods.Bulk | ApiMethods.Update);
        var body = RequireObject(await ReadBodyAsync(http).ConfigureAwait(false), "updateMany", obj.Name);
        var records = RequireArray(body, "records", "updateMany", obj.Name);
        CheckSize(http, obj.Name, records.Count);
        var rows = records.Select((r, i) =>
        {
            var id = RowId(r) ?? throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid updateMany request: records[{i}] has no id.", obj.Name);
            var values = ToValues(r.TryGetProperty("data", out var d) ? d : default, $"updateMany request (records[{i}].data)");
            return ((string?)id, Run: (RowOperation)((ops, caller, ct) => UpdateRowAsync(ops, caller, obj.Name, id, values, ct)));
        }).ToList();
        return await RunRowsAsync(http, obj, "update", rows, ReadOptions(body, obj.Name)).ConfigureAwait(false);
    }

    private static async Task<IResult> DeleteManyAsync(HttpContext http, string @object)
    {
        var obj = ObjectApiGate.Require(Registry(http), @object, ApiMethods.Bulk | ApiMethods.Delete);
        var body = RequireObject(await ReadBodyAsync(http).ConfigureAwait(false), "deleteMany", obj.Name);
        var ids = RequireArray(body, "ids", "deleteMany", obj.Name).Select((e, i) => e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid deleteMany request: ids[{i}] must be a string.", obj.Name)).ToList();
        CheckSize(http, obj.Name, ids.Count);
        var rows = ids.Select(id => ((string?)id, Run: (RowOperation)((ops, caller, ct) => DeleteRowAsync(ops, caller, obj.Name, id, ct)))).ToList();
        return await RunRowsAsync(http, obj, "delete", rows, ReadOptions(body, obj.Name)).ConfigureAwait(false);
    }

    private static async Task<IResult> BatchAsync(HttpContext http, string @object)
    {
        var registry = Registry(http);
        _ = registry.Find(@object) ?? throw DataErrors.ObjectNotFound(@object);
        var body = RequireObject(await ReadBodyAsync(http).ConfigureAwait(false), "batch", @object);
        var operation = body.TryGetProperty("operation", out var op) && op.ValueKind == JsonValueKind.String ? op.GetString()! : null;
        var verb = operation switch
        {
            "create" => ApiMethods.Create,
            "update" => ApiMethods.Update,
            "upsert" => ApiMethods.Create | ApiMethods.Update,
            "delete" => ApiMethods.Delete,
            _ => throw RestException.BadRequest("VALIDATION_FAILED", "Invalid batch request: 'operation' must be create, update, upsert or delete.", @object),
        };
        var obj = ObjectApiGate.Require(registry, @object, ApiMethods.Bulk | verb);
        var records = RequireArray(body, "records", "batch", obj.Name);
        CheckSize(http, obj.Name, records.Count);
        var options = ReadOptions(body, obj.Name);
        var rows = records.Select((record, i) =>
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid batch request: records[{i}] must be an object.", obj.Name);
            }

            var id = RowId(record);
            var values = record.TryGetProperty("data", out var data) ? ToValues(data, $"batch request (records[{i}].data)") : null;
            RowOperation run = operation switch
            {
                "create" => (ops, caller, ct) => CreateRowAsync(ops, caller, obj.Name, values ?? WithoutKeys(record, "id", "externalId"), ct),
                "update" => (ops, caller, ct) => UpdateRowAsync(ops, caller, obj.Name, RequireId(id, operation), values ?? [], ct),
                "upsert" => (ops, caller, ct) => UpsertRowAsync(ops, caller, obj.Name, id, values ?? WithoutKeys(record, "id", "externalId"), ct),
                _ => (ops, caller, ct) => DeleteRowAsync(ops, caller, obj.Name, RequireId(id, operation), ct),
            };
            return (id, Run: run);
        }).ToList();
        return await RunRowsAsync(http, obj, operation, rows, options).ConfigureAwait(false);
    }

    private static async Task<IResult> CrossObjectAsync(HttpContext http)
    {
        var registry = Registry(http);
        var body = RequireObject(await ReadBodyAsync(http).ConfigureAwait(false), "batch", null);
        if (body.TryGetProperty("atomic", out var atomic) && atomic.ValueKind == JsonValueKind.False)
        {
            throw RestException.BadRequest("BATCH_NOT_ATOMIC", "Cross-object batch is always atomic; use POST /data/:object/batch for non-atomic per-object batches.");
        }

        var operations = RequireArray(body, "operations", "batch", null);
        CheckSize(http, null, operations.Count);
        var planned = operations.Select((operation, i) => PlanOperation(registry, operation, i)).ToList();
        var caller = RequestIdentity.Current(http);
        var results = new List<object>(planned.Count);
        var ids = new List<string?>(planned.Count);
        var dropped = new List<object>();
        await using var transaction = await Engine(http).BeginTransactionAsync(http.RequestAborted).ConfigureAwait(false);
        for (var i = 0; i < planned.Count; i++)
        {
            var (obj, action, id, data) = planned[i];
            var values = ResolveReferences(data, ids, i);
            switch (action)
            {
                case "create":
                    var created = await transaction.InsertAsync(caller, obj.Name, values, http.RequestAborted).ConfigureAwait(false);
                    results.Add(created.Record);
                    ids.Add(created.Id);
                    AddDropped(dropped, obj.Name, created.DroppedFields, i);
                    break;
                case "update":
                    var updated = await transaction.UpdateAsync(caller, obj.Name, id!, values, cancellationToken: http.RequestAborted).ConfigureAwait(false);
                    results.Add(updated.Record);
                    ids.Add(updated.Id);
                    AddDropped(dropped, obj.Name, updated.DroppedFields, i);
                    break;
                default:
                    await transaction.DeleteAsync(caller, obj.Name, id!, cancellationToken: http.RequestAborted).ConfigureAwait(false);
                    results.Add(true);
                    ids.Add(id);
                    break;
            }
        }

        await transaction.CommitAsync(http.RequestAborted).ConfigureAwait(false);
        return Json(new { results, droppedFields = dropped.Count == 0 ? null : dropped });
    }

    private static (ObjectDefinition Object, string Action, string? Id, Dictionary<string, object?> Data) PlanOperation(IMetadataRegistry registry, JsonElement operation, int index)
    {
        if (operation.ValueKind != JsonValueKind.Object
            || !operation.TryGetProperty("object", out var objectName) || objectName.ValueKind != JsonValueKind.String)
        {
            throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid batch request: operations[{index}] must be an object with an 'object' name.");
        }

        var action = !operation.TryGetProperty("action", out var a) ? "create" : a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        var verb = action switch
        {
            "create" => ApiMethods.Create,
            "update" => ApiMethods.Update,
            "delete" => ApiMethods.Delete,
            _ => throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid batch request: operations[{index}].action must be create, update or delete."),
        };
        var obj = ObjectApiGate.Require(registry, objectName.GetString()!, ApiMethods.Bulk | verb);
        var data = operation.TryGetProperty("data", out var d) ? ToValues(d, $"batch request (operations[{index}].data)") : [];
        var id = RowId(operation) ?? (data.TryGetValue(SystemFieldNames.Id, out var dataId) && dataId is JsonElement { ValueKind: JsonValueKind.String } s ? s.GetString() : null);
        if (action != "create" && id is null)
        {
            throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid batch request: operations[{index}] ({action}) needs an 'id'.", obj.Name);
        }

        if (action == "update")
        {
            data.Remove(SystemFieldNames.Id);
        }

        return (obj, action!, id, data);
    }

    private static Dictionary<string, object?> ResolveReferences(Dictionary<string, object?> data, List<string?> ids, int index)
    {
        var resolved = new Dictionary<string, object?>(data, StringComparer.Ordinal);
        foreach (var (field, value) in data)
        {
            if (value is JsonElement { ValueKind: JsonValueKind.Object } element && element.TryGetProperty("$ref", out var reference))
            {
                resolved[field] = reference.ValueKind == JsonValueKind.Number && reference.TryGetInt32(out var target) && target >= 0 && target < index && ids[target] is { } id
                    ? id
                    : throw RestException.BadRequest(
                        "BATCH_UNRESOLVED_REF", $"Unresolved $ref {reference.GetRawText()} on field '{field}' of operations[{index}] — must reference an earlier operation in the same batch.");
            }
        }

        return resolved;
    }

    private static async Task<IResult> RunRowsAsync(HttpContext http, ObjectDefinition obj, string operation, List<(string? Id, RowOperation Run)> rows, BatchOptions options)
    {
        var caller = RequestIdentity.Current(http);
        var engine = Engine(http);
        var results = new List<RowResult>(rows.Count);
        if (options.Atomic)
        {
            await using var transaction = await engine.BeginTransactionAsync(http.RequestAborted).ConfigureAwait(false);
            for (var i = 0; i < rows.Count; i++)
            {
                try
                {
                    results.Add(await rows[i].Run(transaction, caller, http.RequestAborted).ConfigureAwait(false) with { index = i });
                }
                catch (DataOperationException ex)
                {
                    var cause = $"record {i} failed — {ex.Message}";
                    var rolledBack = results.Select(r => r with { success = false, data = null, droppedFields = null, errors = [new RowError("ROLLED_BACK", cause, null)] });
                    var notAttempted = rows.Skip(i + 1).Select((r, k) => new RowResult(r.Id, false, i + 1 + k) { errors = [new RowError("NOT_ATTEMPTED", $"atomic batch aborted by record {i}", null)] });
                    var all = rolledBack.Append(Failure(rows[i].Id, i, ex)).Concat(notAttempted).ToList();
                    return Json(new BatchResponse(false, operation, all.Count, 0, all.Count, all));
                }
            }

            await transaction.CommitAsync(http.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            for (var i = 0; i < rows.Count; i++)
            {
                try
                {
                    results.Add(await rows[i].Run(engine, caller, http.RequestAborted).ConfigureAwait(false) with { index = i });
                }
                catch (DataOperationException ex)
                {
                    results.Add(Failure(rows[i].Id, i, ex));
                    if (!options.ContinueOnError)
                    {
                        var cause = $"record {i} failed — {ex.Message}; the batch stopped there. Set options.continueOnError to process the remaining records.";
                        results.AddRange(rows.Skip(i + 1).Select((r, k) => new RowResult(r.Id, false, i + 1 + k) { errors = [new RowError("NOT_ATTEMPTED", cause, null)] }));
                        break;
                    }
                }
            }
        }

        if (!options.ReturnRecords)
        {
            results = [.. results.Select(r => r with { data = null })];
        }

        var failed = results.Count(r => !r.success);
        return Json(new BatchResponse(failed == 0, operation, results.Count, results.Count - failed, failed, results));
    }

    private static RowResult Failure(string? id, int index, DataOperationException ex)
    {
        var (status, code) = RestErrors.Classify(ex.Code);
        return new RowResult(id, false, index) { errors = [new RowError(code, RestErrors.PublicMessage(ex, status), status)] };
    }

    private static async Task<RowResult> CreateRowAsync(IDataOperations ops, OperationContext caller, string objectName, Dictionary<string, object?> values, CancellationToken ct)
    {
        var result = await ops.InsertAsync(caller, objectName, values, ct).ConfigureAwait(false);
        return new RowResult(result.Id, true, 0) { data = result.Record, droppedFields = Dropped(objectName, result.DroppedFields) };
    }

    private static async Task<RowResult> UpdateRowAsync(IDataOperations ops, OperationContext caller, string objectName, string id, Dictionary<string, object?> values, CancellationToken ct)
    {
        var result = await ops.UpdateAsync(caller, objectName, id, values, cancellationToken: ct).ConfigureAwait(false);
        return new RowResult(id, true, 0) { data = result.Record, droppedFields = Dropped(objectName, result.DroppedFields) };
    }

    private static async Task<RowResult> UpsertRowAsync(IDataOperations ops, OperationContext caller, string objectName, string? id, Dictionary<string, object?> values, CancellationToken ct)
    {
        if (id is null)
        {
            return await CreateRowAsync(ops, caller, objectName, values, ct).ConfigureAwait(false);
        }

        // Ids are assigned by the server, so an id that does not exist cannot be created as asked: say so.
        return await ops.GetAsync(caller, objectName, id, [SystemFieldNames.Id], cancellationToken: ct).ConfigureAwait(false) is not null
            ? await UpdateRowAsync(ops, caller, objectName, id, values, ct).ConfigureAwait(false)
            : throw new DataOperationException(
                DataErrorCode.RecordNotFound, $"Record {id} not found in {objectName}; ids are assigned by the server, so omit 'id' to insert a new record.")
            { ObjectName = objectName };
    }

    private static async Task<RowResult> DeleteRowAsync(IDataOperations ops, OperationContext caller, string objectName, string id, CancellationToken ct)
    {
        await ops.DeleteAsync(caller, objectName, id, cancellationToken: ct).ConfigureAwait(false);
        return new RowResult(id, true, 0);
    }

    private static string RequireId(string? id, string operation) =>
        id ?? throw new DataOperationException(DataErrorCode.ValidationFailed, $"Record id is required for {operation}.", [new FieldError("id", "required", "is required.")]);

    private static string? RowId(JsonElement row) =>
        row.ValueKind == JsonValueKind.Object && row.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static Dictionary<string, object?> WithoutKeys(JsonElement record, params string[] keys)
    {
        var values = ToValues(record, "batch request");
        foreach (var key in keys)
        {
            values.Remove(key);
        }

        return values;
    }

    private static void AddDropped(List<object> dropped, string objectName, IReadOnlyList<string> fields, int index)
    {
        foreach (var group in Dropped(objectName, fields) ?? [])
        {
            dropped.Add(new { @object = group.@object, group.fields, group.reason, index });
        }
    }

    private static JsonElement RequireObject(JsonElement body, string what, string? objectName) => body.ValueKind == JsonValueKind.Object
        ? body
        : throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid {what} request: the body must be a JSON object.", objectName);

    private static List<JsonElement> RequireArray(JsonElement body, string key, string what, string? objectName) =>
        body.TryGetProperty(key, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray()]
            : throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid {what} request: '{key}' must be an array.", objectName);

    private static void CheckSize(HttpContext http, string? objectName, int count)
    {
        var max = http.RequestServices.GetRequiredService<DataEngineOptions>().MaxBatchSize;
        if (count > max)
        {
            throw new RestException(400, "BATCH_TOO_LARGE", $"Batch too large: {count} records (max {max}).")
            {
                ObjectName = objectName,
                Extra = new Dictionary<string, object?> { ["count"] = count, ["max"] = max },
            };
        }
    }

    private static BatchOptions ReadOptions(JsonElement body, string objectName)
    {
        if (!body.TryGetProperty("options", out var options) || options.ValueKind == JsonValueKind.Null)
        {
            return new BatchOptions(false, false, true);
        }

        bool Flag(string name, bool fallback) => !options.TryGetProperty(name, out var value) ? fallback : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw RestException.BadRequest("VALIDATION_FAILED", $"Invalid batch request: options.{name} must be true or false.", objectName),
        };

        return options.ValueKind == JsonValueKind.Object
            ? new BatchOptions(Flag("atomic", false), Flag("continueOnError", false), Flag("returnRecords", true))
            : throw RestException.BadRequest("VALIDATION_FAILED", "Invalid batch request: options must be an object.", objectName);
    }

    private sealed record BatchOptions(bool Atomic, bool ContinueOnError, bool ReturnRecords);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Wire names.")]
    private sealed record RowError(string code, string message, int? httpStatus);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Wire names.")]
    private sealed record RowResult(string? id, bool success, int index)
    {
        public IReadOnlyDictionary<string, object?>? data { get; init; }

        public List<DroppedFields>? droppedFields { get; init; }

        public List<RowError>? errors { get; init; }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006", Justification = "Wire names.")]
    private sealed record BatchResponse(bool success, string operation, int total, int succeeded, int failed, IReadOnlyList<RowResult> results);
}
