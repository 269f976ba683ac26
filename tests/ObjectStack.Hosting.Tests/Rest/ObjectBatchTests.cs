using System.Net;
using static ObjectStack.Hosting.Tests.Rest.BulkWriteTests;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>POST /api/v1/data/:object/batch</c>: create, update, upsert and delete with per-row results.</summary>
public sealed class ObjectBatchTests : RestHostFixture
{
    [Test]
    public async Task Batch_Create_WritesEveryRowAndReturnsData()
    {
        var tag = Unique("bc");

        var response = await PostAsync(Client, "/api/v1/data/item/batch", $$"""
            { "operation": "create", "records": [{ "data": { "label": "{{tag}}", "rank": 1 } }, { "data": { "label": "{{tag}}", "rank": 2 } }] }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertSummary(response.Body, "create", success: true, total: 2, succeeded: 2, failed: 0);
        var results = response.Body.GetProperty("results").EnumerateArray().ToList();
        Assert.That(results.Select(r => r.GetProperty("data").GetProperty("rank").GetInt32()), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(results.Select(r => r.GetProperty("id").GetString()), Is.EqualTo(results.Select(r => r.GetProperty("data").GetProperty("id").GetString())));
        Assert.That(await FindAsync(Client, "item", $$"""{"label":"{{tag}}"}"""), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Batch_ReturnRecordsFalse_OmitsData()
    {
        var response = await PostAsync(Client, "/api/v1/data/item/batch", """
            { "operation": "create", "records": [{ "data": { "label": "quiet" } }], "options": { "returnRecords": false } }
            """);

        AssertSummary(response.Body, "create", success: true, total: 1, succeeded: 1, failed: 0);
        Assert.That(response.Body.GetProperty("results")[0].TryGetProperty("data", out _), Is.False);
        Assert.That(response.Body.GetProperty("results")[0].GetProperty("id").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Batch_AtomicCreateWithInvalidRow_RollsBackAndPersistsNothing()
    {
        var tag = Unique("batom");

        var response = await PostAsync(Client, "/api/v1/data/contact/batch", $$"""
            { "operation": "create", "options": { "atomic": true },
              "records": [{ "data": { "first_name": "{{tag}}", "last_name": "a" } }, { "data": { "first_name": "{{tag}}", "last_name": "b" } },
                          { "data": { "first_name": "{{tag}}" } }, { "data": { "first_name": "{{tag}}", "last_name": "d" } }] }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertSummary(response.Body, "create", success: false, total: 4, succeeded: 0, failed: 4);
        Assert.That(response.Body.GetProperty("results").EnumerateArray().Select(RowCode), Is.EqualTo(new[] { "ROLLED_BACK", "ROLLED_BACK", "VALIDATION_FAILED", "NOT_ATTEMPTED" }));
        Assert.That(await FindAsync(Client, "contact", $$"""{"first_name":"{{tag}}"}"""), Is.Empty);
    }

    [Test]
    public async Task Batch_NonAtomicCreateWithInvalidRow_KeepsEarlierRowsAndStops()
    {
        var tag = Unique("bnon");

        var response = await PostAsync(Client, "/api/v1/data/contact/batch", $$"""
            { "operation": "create",
              "records": [{ "data": { "first_name": "{{tag}}", "last_name": "a" } }, { "data": { "first_name": "{{tag}}" } },
                          { "data": { "first_name": "{{tag}}", "last_name": "c" } }] }
            """);

        AssertSummary(response.Body, "create", success: false, total: 3, succeeded: 1, failed: 2);
        Assert.That(RowCode(response.Body.GetProperty("results")[2]), Is.EqualTo("NOT_ATTEMPTED"));
        Assert.That(Column(await GetAsync(Client, Url("/api/v1/data/contact", ("first_name", tag))), "last_name"), Is.EqualTo(new[] { "a" }));
    }

    [Test]
    public async Task Batch_NonAtomicContinueOnError_WritesEveryValidRow()
    {
        var tag = Unique("bcont");

        var response = await PostAsync(Client, "/api/v1/data/contact/batch", $$"""
            { "operation": "create", "options": { "continueOnError": true },
              "records": [{ "data": { "first_name": "{{tag}}", "last_name": "a" } }, { "data": { "first_name": "{{tag}}" } },
                          { "data": { "first_name": "{{tag}}", "last_name": "c" } }] }
            """);

        AssertSummary(response.Body, "create", success: false, total: 3, succeeded: 2, failed: 1);
        Assert.That(RowCode(response.Body.GetProperty("results")[1]), Is.EqualTo("VALIDATION_FAILED"));
        Assert.That(await FindAsync(Client, "contact", $$"""{"first_name":"{{tag}}"}"""), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Batch_Update_ChangesRowsAndRequiresIds()
    {
        var id = await CreateAsync(Client, "item", """{ "label": "to update", "rank": 1 }""");

        var response = await PostAsync(Client, "/api/v1/data/item/batch", $$"""
            { "operation": "update", "options": { "continueOnError": true }, "records": [{ "id": "{{id}}", "data": { "rank": 5 } }, { "data": { "rank": 6 } }] }
            """);

        AssertSummary(response.Body, "update", success: false, total: 2, succeeded: 1, failed: 1);
        Assert.That(RowCode(response.Body.GetProperty("results")[1]), Is.EqualTo("VALIDATION_FAILED"));
        Assert.That((await RecordAsync(Client, "item", id)).GetProperty("rank").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public async Task Batch_Upsert_UpdatesExistingAndInsertsNew()
    {
        var tag = Unique("bup");
        var id = await CreateAsync(Client, "item", $$"""{ "label": "{{tag}}", "rank": 1 }""");

        var response = await PostAsync(Client, "/api/v1/data/item/batch", $$"""
            { "operation": "upsert", "records": [{ "id": "{{id}}", "data": { "rank": 10 } }, { "data": { "label": "{{tag}}", "rank": 20 } }] }
            """);

        AssertSummary(response.Body, "upsert", success: true, total: 2, succeeded: 2, failed: 0);
        Assert.That((await RecordAsync(Client, "item", id)).GetProperty("rank").GetInt32(), Is.EqualTo(10));
        var ranks = (await FindAsync(Client, "item", $$"""{"label":"{{tag}}"}""")).Select(r => r.GetProperty("rank").GetInt32());
        Assert.That(ranks, Is.EquivalentTo(new[] { 10, 20 }));
    }

    [Test]
    public async Task Batch_Delete_DeletesById()
    {
        var id = await CreateAsync(Client, "item", """{ "label": "to delete" }""");

        var response = await PostAsync(Client, "/api/v1/data/item/batch", $$"""{ "operation": "delete", "records": [{ "id": "{{id}}" }] }""");

        AssertSummary(response.Body, "delete", success: true, total: 1, succeeded: 1, failed: 0);
        AssertError(await GetAsync(Client, $"/api/v1/data/item/{id}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [TestCase("""{ "records": [] }""")]
    [TestCase("""{ "operation": "merge", "records": [] }""")]
    [TestCase("""{ "operation": "create" }""")]
    [TestCase("""{ "operation": "create", "records": [], "options": { "atomic": "yes" } }""")]
    public async Task Batch_InvalidRequest_Is400ValidationFailed(string body)
    {
        var response = await PostAsync(Client, "/api/v1/data/item/batch", body);

        AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Test]
    public async Task Batch_201Records_Is400BatchTooLarge()
    {
        var records = Enumerable.Range(0, 201).Select(i => new { data = new { rank = i } }).ToArray();

        var response = await PostAsync(Client, "/api/v1/data/item/batch", RestApi.Json(new { operation = "create", records }));

        var error = AssertError(response, HttpStatusCode.BadRequest, "BATCH_TOO_LARGE");
        Assert.That(error.GetProperty("max").GetInt32(), Is.EqualTo(200));
    }
}
