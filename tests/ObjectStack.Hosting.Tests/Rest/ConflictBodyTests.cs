using System.Net;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>What a refused request tells the client: the current record on a version conflict, and no unsupported options silently ignored.</summary>
public sealed class ConflictBodyTests : RestHostFixture
{
    [Test]
    public async Task Update_StaleVersion_409CarriesTheCurrentRecordToMergeWith()
    {
        var id = await CreateAsync(Client, "account", $$"""{ "name": "{{Unique("conflict")}}", "amount": 3 }""");

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "amount": 4 }""", ("If-Match", "\"2020-01-01T00:00:00.000Z\""));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Conflict), response.ToString());
        var current = response.Body.GetProperty("currentRecord");
        Assert.That(current.GetProperty("id").GetString(), Is.EqualTo(id));
        Assert.That(current.GetProperty("amount").GetDecimal(), Is.EqualTo(3m));
        Assert.That(current.GetProperty("updated_at").GetString(), Is.EqualTo(response.Body.GetProperty("currentVersion").GetString()));
    }

    [TestCase("orderBy", "[{\"field\":\"name\"}]")]
    [TestCase("limit", "5")]
    [TestCase("offset", "1")]
    public async Task Query_NestedExpandOptionThatIsNotSupported_IsRefusedNotIgnored(string key, string value)
    {
        var response = await PostAsync(Client, "/api/v1/data/contact/query", $$"""{ "expand": { "account": { "{{key}}": {{value}} } } }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
        Assert.That(response.Body.GetProperty("error").GetString(), Does.Contain(key));
    }
}
