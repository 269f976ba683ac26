using System.Net;
using System.Text.Json;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>POST /api/v1/data/:object/query</c> with a QueryAST body.</summary>
public sealed class QueryBodyTests : ListDataFixture
{
    [Test]
    public async Task Query_WhereFieldsOrderByLimit_ReturnsListEnvelope()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", """
            { "where": { "status": "open" }, "fields": ["name", "amount"], "orderBy": [{ "field": "amount", "order": "desc" }], "limit": 2, "offset": 0 }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Keys(response.Body), Is.EqualTo(new[] { "hasMore", "object", "records", "total" }));
        Assert.That(response.Body.GetProperty("object").GetString(), Is.EqualTo("account"));
        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Acme Corp", "Hooli" }));
        Assert.That(response.Body.GetProperty("records").EnumerateArray().Select(Keys), Has.All.EqualTo(new[] { "amount", "id", "name" }));
        Assert.That(response.Body.GetProperty("total").GetInt32(), Is.EqualTo(3));
        Assert.That(response.Body.GetProperty("hasMore").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Query_Offset_ReturnsTheNextPage()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", """
            { "where": { "status": "open" }, "orderBy": [{ "field": "amount", "order": "desc" }], "limit": 2, "offset": 2 }
            """);

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Initech" }));
        Assert.That(response.Body.GetProperty("hasMore").GetBoolean(), Is.False);
    }

    [Test]
    public async Task Query_ArrayWhereAndStringOrderBy_AreAccepted()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", """
            { "where": ["and", ["amount", ">", 5], ["status", "=", "open"]], "orderBy": "-amount" }
            """);

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Acme Corp", "Hooli" }));
    }

    [Test]
    public async Task Query_CountFalse_OmitsTotal()
    {
        var response = await PostAsync(Client, "/api/v1/data/item/query", """{ "count": false, "limit": 10, "orderBy": "rank" }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.TryGetProperty("total", out _), Is.False, response.Text);
        Assert.That(response.Body.GetProperty("hasMore").GetBoolean(), Is.True);
        Assert.That(Column(response, "rank"), Is.EqualTo(Enumerable.Range(1, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public async Task Query_EmptyBody_ReturnsEverything()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", "{}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("total").GetInt32(), Is.EqualTo(5));
    }

    [Test]
    public async Task Query_ExpandMapWithNestedFields_ExpandsTwoLevels()
    {
        var response = await PostAsync(Client, "/api/v1/data/contact/query", """
            {
              "where": { "last_name": "Lovelace" },
              "expand": {
                "account": { "object": "account", "fields": ["name"],
                             "expand": { "parent": { "object": "account", "fields": ["name"] } } }
              }
            }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var account = response.Body.GetProperty("records")[0].GetProperty("account");
        Assert.That(account.GetProperty("name").GetString(), Is.EqualTo("Hooli"));
        Assert.That(account.TryGetProperty("amount", out _), Is.False, "the nested fields list is honoured: " + account);
        var parent = account.GetProperty("parent");
        Assert.That(parent.ValueKind, Is.EqualTo(JsonValueKind.Object), account.ToString());
        Assert.That(parent.GetProperty("name").GetString(), Is.EqualTo("Acme Corp"));
        Assert.That(parent.TryGetProperty("status", out _), Is.False, parent.ToString());
    }

    [Test]
    public async Task Query_ExpandNestedWhere_KeepsIdWhenTheTargetIsFilteredOut()
    {
        var response = await PostAsync(Client, "/api/v1/data/contact/query", """
            { "where": { "last_name": "Turing" }, "expand": { "account": { "object": "account", "where": { "status": "closed" } } } }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("records")[0].GetProperty("account").GetString(), Is.EqualTo(Ids["Acme Corp"]));
    }

    [Test]
    public async Task Query_MatchingObject_IsAccepted()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", """{ "object": "account", "where": { "name": "Globex" } }""");

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Globex" }));
    }

    [Test]
    public async Task Query_ObjectMismatch_Is400QueryObjectMismatch()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", """{ "object": "contact" }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "QUERY_OBJECT_MISMATCH");
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("account"));
    }

    [TestCase("cursor")]
    [TestCase("joins")]
    [TestCase("colour")]
    public async Task Query_UnknownKey_Is400ValidationFailed(string key)
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", $$"""{ "{{key}}": "x" }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(error.GetProperty("error").GetString(), Does.Contain($"'{key}'"));
    }

    [Test]
    public async Task Query_NonObjectBody_Is400ValidationFailed()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", "[1, 2]");

        AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Test]
    public async Task Query_UnknownFieldInWhere_Is400InvalidField()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", """{ "where": { "colour": "red" } }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("colour"));
    }

    [Test]
    public async Task Query_LimitAbove1000_Is400InvalidQuery()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", """{ "limit": 1001 }""");

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_QUERY");
    }

    [Test]
    public async Task Query_SearchObject_SearchesNamedFields()
    {
        var response = await PostAsync(Client, "/api/v1/data/account/query", """{ "search": { "query": "glob", "fields": ["name"] } }""");

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Globex" }));
    }
}
