using System.Net;
using static ObjectStack.Hosting.Tests.Rest.BulkWriteTests;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>Upsert in <c>/data/:object/batch</c>: ids are assigned by the server, so an unknown id is an error, not a silent new id.</summary>
public sealed class BatchUpsertTests : RestHostFixture
{
    [Test]
    public async Task Upsert_WithAnIdThatDoesNotExist_FailsThatRowAndInsertsNothing()
    {
        var tag = Unique("ups");

        var response = await PostAsync(Client, "/api/v1/data/item/batch", $$"""
            { "operation": "upsert", "records": [{ "id": "no-such-id", "data": { "label": "{{tag}}" } }], "options": { "continueOnError": true } }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertSummary(response.Body, "upsert", success: false, total: 1, succeeded: 0, failed: 1);
        var error = response.Body.GetProperty("results")[0].GetProperty("errors")[0];
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("RECORD_NOT_FOUND"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("omit 'id' to insert"));
        Assert.That(await FindAsync(Client, "item", $$"""{"label":"{{tag}}"}"""), Is.Empty);
    }
}
