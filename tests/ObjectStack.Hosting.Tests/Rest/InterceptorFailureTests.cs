using System.Net;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>
/// A record interceptor that fails (the fixture's <c>__fail_before__</c> / <c>__fail_after__</c> markers) makes the
/// request a 503 with <c>Retry-After</c>, and the write — even one whose statement already ran — is not persisted.
/// </summary>
public sealed class InterceptorFailureTests : RestHostFixture
{
    [TestCase("__fail_before__")]
    [TestCase("__fail_after__")]
    public async Task Create_InterceptorFails_Is503AndNotPersisted(string marker)
    {
        var name = Unique("intercepted");

        var response = await PostAsync(Client, "/api/v1/data/account", $$"""{ "name": "{{name}}", "description": "{{marker}}" }""");

        AssertUnavailable(response);
        Assert.That(await FindAsync(Client, "account", $$"""{"name":"{{name}}"}"""), Is.Empty);
    }

    [TestCase("__fail_before__")]
    [TestCase("__fail_after__")]
    public async Task Update_InterceptorFails_Is503AndValueUnchanged(string marker)
    {
        var id = await CreateAsync(Client, "account", $$"""{ "name": "{{Unique("upd")}}", "description": "original" }""");

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", $$"""{ "description": "{{marker}}" }""");

        AssertUnavailable(response);
        Assert.That((await RecordAsync(Client, "account", id)).GetProperty("description").GetString(), Is.EqualTo("original"));
    }

    [TestCase("__fail_before__")]
    [TestCase("__fail_after__")]
    public async Task CreateMany_InterceptorFailsOnSecondRow_Is503AndNothingPersisted(string marker)
    {
        var tag = Unique("many");

        var response = await PostAsync(Client, "/api/v1/data/account/createMany", $$"""
            [{ "name": "{{tag}}-1", "description": "fine" }, { "name": "{{tag}}-2", "description": "{{marker}}" }]
            """);

        AssertUnavailable(response);
        Assert.That(await FindAsync(Client, "account", $$$"""{"name":{"$startsWith":"{{{tag}}}"}}"""), Is.Empty);
    }

    [Test]
    public async Task CrossObjectBatch_InterceptorFailsOnLastOperation_Is503AndNothingPersisted()
    {
        var name = Unique("batch");

        var response = await PostAsync(Client, "/api/v1/batch", $$"""
            { "operations": [
                { "object": "account", "data": { "name": "{{name}}" } },
                { "object": "contact", "data": { "first_name": "__fail_after__", "last_name": "x", "account": { "$ref": 0 } } } ] }
            """);

        AssertUnavailable(response);
        Assert.That(await FindAsync(Client, "account", $$"""{"name":"{{name}}"}"""), Is.Empty);
    }

    [Test]
    public async Task ObjectBatch_InterceptorFailsOnARow_ReportsItAs503Row()
    {
        var tag = Unique("rowfail");

        var response = await PostAsync(Client, "/api/v1/data/account/batch", $$"""
            { "operation": "create", "options": { "continueOnError": true },
              "records": [{ "data": { "name": "{{tag}}-1" } }, { "data": { "name": "{{tag}}-2", "description": "__fail_after__" } }] }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var row = response.Body.GetProperty("results")[1];
        Assert.That(row.GetProperty("success").GetBoolean(), Is.False);
        Assert.That(row.GetProperty("errors")[0].GetProperty("code").GetString(), Is.EqualTo("SERVICE_UNAVAILABLE"));
        Assert.That(row.GetProperty("errors")[0].GetProperty("httpStatus").GetInt32(), Is.EqualTo(503));
        var stored = (await FindAsync(Client, "account", $$$"""{"name":{"$startsWith":"{{{tag}}}"}}""")).Select(r => r.GetProperty("name").GetString());
        Assert.That(stored, Is.EqualTo(new[] { $"{tag}-1" }));
    }

    private static void AssertUnavailable(ApiResponse response)
    {
        var error = AssertError(response, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.That(response.Header("Retry-After"), Is.Not.Null.And.Not.Empty);
        Assert.That(error.GetProperty("error").GetString(), Does.Not.Contain("interceptor"), "5xx bodies are generic");
    }
}
