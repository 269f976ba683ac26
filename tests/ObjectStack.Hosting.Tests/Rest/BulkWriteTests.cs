using System.Net;
using System.Text.Json;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>createMany</c> (always atomic), and <c>updateMany</c> / <c>deleteMany</c> with their per-row results.</summary>
public sealed class BulkWriteTests : RestHostFixture
{
    [Test]
    public async Task CreateMany_BareArray_Is201WithRecordsAndCount()
    {
        var tag = Unique("cm");

        var response = await PostAsync(Client, "/api/v1/data/item/createMany", $$"""[{ "label": "{{tag}}", "rank": 1 }, { "label": "{{tag}}", "rank": 2 }]""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        Assert.That(Keys(response.Body), Is.EqualTo(new[] { "count", "object", "records" }));
        Assert.That(response.Body.GetProperty("object").GetString(), Is.EqualTo("item"));
        Assert.That(response.Body.GetProperty("count").GetInt32(), Is.EqualTo(2));
        var records = response.Body.GetProperty("records").EnumerateArray().ToList();
        Assert.That(records.Select(r => r.GetProperty("rank").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(records.Select(r => r.GetProperty("id").GetString()), Is.Unique.And.All.Not.Empty);
        Assert.That(await FindAsync(Client, "item", $$"""{"label":"{{tag}}"}"""), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task CreateMany_OneInvalidRow_FailsWholeRequestAndWritesNothing()
    {
        var tag = Unique("cm-bad");

        var response = await PostAsync(Client, "/api/v1/data/contact/createMany", $$"""
            [{ "first_name": "{{tag}}", "last_name": "ok" }, { "first_name": "{{tag}}" }, { "first_name": "{{tag}}", "last_name": "ok too" }]
            """);

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(FieldErrors(error), Is.EqualTo(new[] { ("last_name", "required") }));
        Assert.That(await FindAsync(Client, "contact", $$"""{"first_name":"{{tag}}"}"""), Is.Empty);
    }

    [Test]
    public async Task CreateMany_DroppedFields_AreAggregated()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/createMany", $$"""
            [{ "name": "{{Unique("agg")}}", "code": "A" }, { "name": "{{Unique("agg")}}", "code": "B", "created_by": "x" }]
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        var dropped = response.Body.GetProperty("droppedFields").EnumerateArray().Single();
        Assert.That(dropped.GetProperty("reason").GetString(), Is.EqualTo("readonly"));
        Assert.That(dropped.GetProperty("fields").EnumerateArray().Select(f => f.GetString()), Is.EquivalentTo(new[] { "code", "created_by" }));
        Assert.That(response.Header("X-ObjectStack-Dropped-Fields"), Does.Contain("code;reason=readonly").And.Contain("created_by;reason=readonly"));
    }

    [TestCase("{}")]
    [TestCase("""{ "records": [] }""")]
    public async Task CreateMany_BodyNotAnArray_Is400ValidationFailed(string body)
    {
        var response = await PostAsync(Client, "/api/v1/data/item/createMany", body);

        AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Test]
    public async Task CreateMany_201Records_Is400BatchTooLargeAndWritesNothing()
    {
        var tag = Unique("big");
        var rows = RestApi.Json(Enumerable.Range(0, 201).Select(i => new { label = tag, rank = i }).ToArray());

        var response = await PostAsync(Client, "/api/v1/data/item/createMany", rows);

        var error = AssertError(response, HttpStatusCode.BadRequest, "BATCH_TOO_LARGE");
        Assert.That(error.GetProperty("count").GetInt32(), Is.EqualTo(201));
        Assert.That(error.GetProperty("max").GetInt32(), Is.EqualTo(200));
        Assert.That(await FindAsync(Client, "item", $$"""{"label":"{{tag}}"}"""), Is.Empty);
    }

    [Test]
    public async Task CreateMany_200Records_IsAccepted()
    {
        var tag = Unique("max");
        var rows = RestApi.Json(Enumerable.Range(0, 200).Select(i => new { label = tag, rank = i }).ToArray());

        var response = await PostAsync(Client, "/api/v1/data/item/createMany", rows);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        Assert.That(response.Body.GetProperty("count").GetInt32(), Is.EqualTo(200));
    }

    [Test]
    public async Task UpdateMany_AllValid_ReturnsBatchUpdateResponse()
    {
        var (a, b, _) = await ThreeItemsAsync();

        var response = await PostAsync(Client, "/api/v1/data/item/updateMany", $$"""
            { "records": [{ "id": "{{a}}", "data": { "rank": 100 } }, { "id": "{{b}}", "data": { "rank": 200 } }] }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertSummary(response.Body, "update", success: true, total: 2, succeeded: 2, failed: 0);
        var results = response.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { a, b }));
        Assert.That(results.Select(r => r.GetProperty("index").GetInt32()), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(results.Select(r => r.GetProperty("success").GetBoolean()), Has.All.True);
        Assert.That(results.Select(r => r.GetProperty("data").GetProperty("rank").GetInt32()), Is.EqualTo(new[] { 100, 200 }));
        Assert.That(await RankAsync(b), Is.EqualTo(200));
    }

    [Test]
    public async Task UpdateMany_FailureWithoutOptions_StopsThereAndMarksTheRestNotAttempted()
    {
        var (a, b, _) = await ThreeItemsAsync();

        var response = await PostAsync(Client, "/api/v1/data/item/updateMany", $$"""
            { "records": [{ "id": "{{a}}", "data": { "rank": 11 } }, { "id": "missing", "data": { "rank": 12 } }, { "id": "{{b}}", "data": { "rank": 13 } }] }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertSummary(response.Body, "update", success: false, total: 3, succeeded: 1, failed: 2);
        var results = response.Body.GetProperty("results");
        Assert.That(results[0].GetProperty("success").GetBoolean(), Is.True);
        Assert.That(RowCode(results[1]), Is.EqualTo("RECORD_NOT_FOUND"));
        Assert.That(results[1].GetProperty("errors")[0].GetProperty("httpStatus").GetInt32(), Is.EqualTo(404));
        Assert.That(RowCode(results[2]), Is.EqualTo("NOT_ATTEMPTED"));
        Assert.That(results[2].GetProperty("id").GetString(), Is.EqualTo(b));
        Assert.That(await RankAsync(a), Is.EqualTo(11), "earlier rows stay written");
        Assert.That(await RankAsync(b), Is.EqualTo(2), "later rows are not attempted");
    }

    [Test]
    public async Task UpdateMany_ContinueOnError_ProcessesTheRemainingRows()
    {
        var (a, b, _) = await ThreeItemsAsync();

        var response = await PostAsync(Client, "/api/v1/data/item/updateMany", $$"""
            { "records": [{ "id": "{{a}}", "data": { "rank": 21 } }, { "id": "missing", "data": { "rank": 22 } }, { "id": "{{b}}", "data": { "rank": 23 } }],
              "options": { "continueOnError": true } }
            """);

        AssertSummary(response.Body, "update", success: false, total: 3, succeeded: 2, failed: 1);
        Assert.That(RowCode(response.Body.GetProperty("results")[1]), Is.EqualTo("RECORD_NOT_FOUND"));
        Assert.That(await RankAsync(b), Is.EqualTo(23));
    }

    [Test]
    public async Task UpdateMany_AtomicFailure_RollsBackEverything()
    {
        var (a, b, _) = await ThreeItemsAsync();

        var response = await PostAsync(Client, "/api/v1/data/item/updateMany", $$"""
            { "records": [{ "id": "{{a}}", "data": { "rank": 31 } }, { "id": "{{b}}", "data": { "rank": "high" } }, { "id": "{{a}}", "data": { "rank": 33 } }],
              "options": { "atomic": true } }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertSummary(response.Body, "update", success: false, total: 3, succeeded: 0, failed: 3);
        var results = response.Body.GetProperty("results");
        Assert.That(RowCode(results[0]), Is.EqualTo("ROLLED_BACK"));
        Assert.That(results[0].TryGetProperty("data", out _), Is.False, "a rolled-back row carries no data");
        Assert.That(RowCode(results[1]), Is.EqualTo("VALIDATION_FAILED"));
        Assert.That(RowCode(results[2]), Is.EqualTo("NOT_ATTEMPTED"));
        Assert.That(await RankAsync(a), Is.EqualTo(1), "nothing persisted");
    }

    [Test]
    public async Task UpdateMany_RowWithoutId_Is400ValidationFailed()
    {
        var response = await PostAsync(Client, "/api/v1/data/item/updateMany", """{ "records": [{ "data": { "rank": 1 } }] }""");

        AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Test]
    public async Task DeleteMany_AllValid_DeletesEveryRecord()
    {
        var (a, b, _) = await ThreeItemsAsync();

        var response = await PostAsync(Client, "/api/v1/data/item/deleteMany", $$"""{ "ids": ["{{a}}", "{{b}}"] }""");

        AssertSummary(response.Body, "delete", success: true, total: 2, succeeded: 2, failed: 0);
        Assert.That(response.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()), Is.EqualTo(new[] { a, b }));
        AssertError(await GetAsync(Client, $"/api/v1/data/item/{a}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        AssertError(await GetAsync(Client, $"/api/v1/data/item/{b}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [Test]
    public async Task DeleteMany_MissingIdInTheMiddle_StopsAndKeepsTheRest()
    {
        var (a, b, c) = await ThreeItemsAsync();

        var response = await PostAsync(Client, "/api/v1/data/item/deleteMany", $$"""{ "ids": ["{{a}}", "missing", "{{b}}", "{{c}}"] }""");

        AssertSummary(response.Body, "delete", success: false, total: 4, succeeded: 1, failed: 3);
        var results = response.Body.GetProperty("results");
        Assert.That(RowCode(results[1]), Is.EqualTo("RECORD_NOT_FOUND"));
        Assert.That(RowCode(results[2]), Is.EqualTo("NOT_ATTEMPTED"));
        Assert.That(RowCode(results[3]), Is.EqualTo("NOT_ATTEMPTED"));
        await RecordAsync(Client, "item", b);
        await RecordAsync(Client, "item", c);
    }

    [Test]
    public async Task DeleteMany_AtomicFailure_DeletesNothing()
    {
        var (a, b, _) = await ThreeItemsAsync();

        var response = await PostAsync(Client, "/api/v1/data/item/deleteMany", $$"""{ "ids": ["{{a}}", "{{b}}", "missing"], "options": { "atomic": true } }""");

        AssertSummary(response.Body, "delete", success: false, total: 3, succeeded: 0, failed: 3);
        Assert.That(response.Body.GetProperty("results").EnumerateArray().Select(RowCode), Is.EqualTo(new[] { "ROLLED_BACK", "ROLLED_BACK", "RECORD_NOT_FOUND" }));
        await RecordAsync(Client, "item", a);
        await RecordAsync(Client, "item", b);
    }

    [TestCase("updateMany")]
    [TestCase("deleteMany")]
    public async Task ManyRoute_201Rows_Is400BatchTooLarge(string route)
    {
        var ids = Enumerable.Range(0, 201).Select(i => $"id-{i}").ToArray();
        var body = route == "deleteMany"
            ? RestApi.Json(new { ids })
            : RestApi.Json(new { records = ids.Select(id => new { id, data = new { rank = 1 } }).ToArray() });

        var response = await PostAsync(Client, $"/api/v1/data/item/{route}", body);

        AssertError(response, HttpStatusCode.BadRequest, "BATCH_TOO_LARGE");
    }

    internal static void AssertSummary(JsonElement body, string operation, bool success, int total, int succeeded, int failed)
    {
        Assert.That(body.GetProperty("success").GetBoolean(), Is.EqualTo(success), body.ToString());
        Assert.That(body.GetProperty("operation").GetString(), Is.EqualTo(operation));
        Assert.That(body.GetProperty("total").GetInt32(), Is.EqualTo(total));
        Assert.That(body.GetProperty("succeeded").GetInt32(), Is.EqualTo(succeeded));
        Assert.That(body.GetProperty("failed").GetInt32(), Is.EqualTo(failed));
        Assert.That(body.GetProperty("results").GetArrayLength(), Is.EqualTo(total));
        Assert.That(body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("index").GetInt32()), Is.EqualTo(Enumerable.Range(0, total)));
    }

    internal static string? RowCode(JsonElement row)
    {
        Assert.That(row.GetProperty("success").GetBoolean(), Is.False, row.ToString());
        return row.GetProperty("errors")[0].GetProperty("code").GetString();
    }

    private async Task<int> RankAsync(string id) => (await RecordAsync(Client, "item", id)).GetProperty("rank").GetInt32();

    private async Task<(string A, string B, string C)> ThreeItemsAsync()
    {
        var tag = Unique("three");
        return (
            await CreateAsync(Client, "item", $$"""{ "label": "{{tag}}", "rank": 1 }"""),
            await CreateAsync(Client, "item", $$"""{ "label": "{{tag}}", "rank": 2 }"""),
            await CreateAsync(Client, "item", $$"""{ "label": "{{tag}}", "rank": 3 }"""));
    }
}
