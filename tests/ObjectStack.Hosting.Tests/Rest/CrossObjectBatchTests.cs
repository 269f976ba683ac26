using System.Net;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>POST /api/v1/batch</c>: always atomic, with <c>{"$ref": n}</c> naming the id an earlier operation produced.</summary>
public sealed class CrossObjectBatchTests : RestHostFixture
{
    [Test]
    public async Task Batch_RefToEarlierCreate_ResolvesToItsId()
    {
        var name = Unique("ref");

        var response = await PostAsync(Client, "/api/v1/batch", $$"""
            { "operations": [
                { "object": "account", "action": "create", "data": { "name": "{{name}}" } },
                { "object": "contact", "data": { "first_name": "Grace", "last_name": "Hopper", "account": { "$ref": 0 } } } ] }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var results = response.Body.GetProperty("results");
        Assert.That(results.GetArrayLength(), Is.EqualTo(2));
        var accountId = results[0].GetProperty("id").GetString();
        Assert.That(results[0].GetProperty("name").GetString(), Is.EqualTo(name));
        Assert.That(results[1].GetProperty("account").GetString(), Is.EqualTo(accountId));
        var contact = await RecordAsync(Client, "contact", results[1].GetProperty("id").GetString()!);
        Assert.That(contact.GetProperty("account").GetString(), Is.EqualTo(accountId));
    }

    [Test]
    public async Task Batch_DroppedFields_AreReportedWithTheOperationIndex()
    {
        var response = await PostAsync(Client, "/api/v1/batch", $$"""
            { "operations": [
                { "object": "item", "data": { "label": "plain" } },
                { "object": "account", "data": { "name": "{{Unique("dropped")}}", "code": "X" } } ] }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var dropped = response.Body.GetProperty("droppedFields").EnumerateArray().Single();
        Assert.That(dropped.GetProperty("object").GetString(), Is.EqualTo("account"));
        Assert.That(dropped.GetProperty("fields")[0].GetString(), Is.EqualTo("code"));
        Assert.That(dropped.GetProperty("reason").GetString(), Is.EqualTo("readonly"));
        Assert.That(dropped.GetProperty("index").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Batch_DeleteWithIdInData_Deletes()
    {
        var id = await CreateAsync(Client, "item", """{ "label": "delete via data.id" }""");

        var response = await PostAsync(Client, "/api/v1/batch", $$"""{ "operations": [ { "object": "item", "action": "delete", "data": { "id": "{{id}}" } } ] }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertError(await GetAsync(Client, $"/api/v1/data/item/{id}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [Test]
    public async Task Batch_UpdateAndDelete_RunInOrder()
    {
        var keep = await CreateAsync(Client, "item", """{ "label": "keep", "rank": 1 }""");
        var drop = await CreateAsync(Client, "item", """{ "label": "drop" }""");

        var response = await PostAsync(Client, "/api/v1/batch", $$"""
            { "atomic": true, "operations": [
                { "object": "item", "action": "update", "id": "{{keep}}", "data": { "rank": 2 } },
                { "object": "item", "action": "delete", "id": "{{drop}}" } ] }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("results")[0].GetProperty("rank").GetInt32(), Is.EqualTo(2));
        Assert.That(response.Body.GetProperty("results")[1].GetBoolean(), Is.True);
        AssertError(await GetAsync(Client, $"/api/v1/data/item/{drop}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [Test]
    public async Task Batch_ForwardRef_Is400UnresolvedRefAndWritesNothing()
    {
        var name = Unique("fwd");

        var response = await PostAsync(Client, "/api/v1/batch", $$"""
            { "operations": [
                { "object": "account", "data": { "name": "{{name}}" } },
                { "object": "contact", "data": { "first_name": "A", "last_name": "B", "account": { "$ref": 2 } } },
                { "object": "account", "data": { "name": "{{name}}-later" } } ] }
            """);

        var error = AssertError(response, HttpStatusCode.BadRequest, "BATCH_UNRESOLVED_REF");
        Assert.That(error.GetProperty("error").GetString(), Does.Contain("'account'"));
        Assert.That(await FindAsync(Client, "account", $$$"""{"name":{"$in":["{{{name}}}","{{{name}}}-later"]}}"""), Is.Empty);
    }

    [TestCase("""{ "$ref": 0 }""")]
    [TestCase("""{ "$ref": "0.id" }""")]
    [TestCase("""{ "$ref": -1 }""")]
    public async Task Batch_RefThatNamesNoEarlierOperation_Is400UnresolvedRef(string reference)
    {
        var response = await PostAsync(Client, "/api/v1/batch", $$"""
            { "operations": [ { "object": "contact", "data": { "first_name": "A", "last_name": "B", "account": {{reference}} } } ] }
            """);

        AssertError(response, HttpStatusCode.BadRequest, "BATCH_UNRESOLVED_REF");
    }

    [Test]
    public async Task Batch_AtomicFalse_Is400BatchNotAtomic()
    {
        var name = Unique("natomic");

        var response = await PostAsync(Client, "/api/v1/batch", $$"""{ "atomic": false, "operations": [ { "object": "account", "data": { "name": "{{name}}" } } ] }""");

        AssertError(response, HttpStatusCode.BadRequest, "BATCH_NOT_ATOMIC");
        Assert.That(await FindAsync(Client, "account", $$"""{"name":"{{name}}"}"""), Is.Empty);
    }

    [Test]
    public async Task Batch_FailingOperation_RollsBackEarlierOperations()
    {
        var name = Unique("rollback");
        var item = await CreateAsync(Client, "item", """{ "label": "untouched", "rank": 1 }""");

        var response = await PostAsync(Client, "/api/v1/batch", $$"""
            { "operations": [
                { "object": "account", "data": { "name": "{{name}}" } },
                { "object": "item", "action": "update", "id": "{{item}}", "data": { "rank": 99 } },
                { "object": "contact", "data": { "first_name": "no last name", "account": { "$ref": 0 } } } ] }
            """);

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(RestApi.FieldErrors(error), Is.EqualTo(new[] { ("last_name", "required") }));
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("contact"));
        Assert.That(await FindAsync(Client, "account", $$"""{"name":"{{name}}"}"""), Is.Empty);
        Assert.That((await RecordAsync(Client, "item", item)).GetProperty("rank").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task Batch_UpdateWithoutId_Is400ValidationFailed()
    {
        var response = await PostAsync(Client, "/api/v1/batch", """{ "operations": [ { "object": "item", "action": "update", "data": { "rank": 1 } } ] }""");

        AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [TestCase("5")]
    [TestCase("true")]
    [TestCase("{}")]
    public async Task Batch_ActionNotAString_Is400ValidationFailed(string action)
    {
        var response = await PostAsync(Client, "/api/v1/batch", $$"""{ "operations": [ { "object": "item", "action": {{action}}, "data": { "rank": 1 } } ] }""");

        AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Test]
    public async Task Batch_UnknownObject_Is404ObjectNotFound()
    {
        var response = await PostAsync(Client, "/api/v1/batch", """{ "operations": [ { "object": "nothing_here", "data": {} } ] }""");

        AssertError(response, HttpStatusCode.NotFound, "OBJECT_NOT_FOUND");
    }

    [Test]
    public async Task Batch_NoOperations_ReturnsEmptyResults()
    {
        var response = await PostAsync(Client, "/api/v1/batch", """{ "operations": [] }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("results").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Batch_201Operations_Is400BatchTooLarge()
    {
        var operations = Enumerable.Range(0, 201).Select(i => new { @object = "item", data = new { rank = i } }).ToArray();

        var response = await PostAsync(Client, "/api/v1/batch", RestApi.Json(new { operations }));

        AssertError(response, HttpStatusCode.BadRequest, "BATCH_TOO_LARGE");
    }
}
