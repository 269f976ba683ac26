using System.Net;
using System.Text.Json;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>GET /api/v1/data/:object</c>: the list envelope, paging and its spellings, and refused parameters.</summary>
public sealed class ListQueryTests : ListDataFixture
{
    [Test]
    public async Task List_NoParameters_ReturnsEnvelopeWithDefaultPageOf50()
    {
        var response = await GetAsync(Client, "/api/v1/data/item");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var body = response.Body;
        Assert.That(Keys(body), Is.EqualTo(new[] { "hasMore", "object", "records", "total" }));
        Assert.That(body.GetProperty("object").GetString(), Is.EqualTo("item"));
        Assert.That(body.GetProperty("records").GetArrayLength(), Is.EqualTo(50));
        Assert.That(body.GetProperty("total").GetInt32(), Is.EqualTo(ListData.ItemCount));
        Assert.That(body.GetProperty("hasMore").GetBoolean(), Is.True);
        Assert.That(response.Header("Cache-Control"), Is.EqualTo("no-store"));
    }

    [Test]
    public async Task List_BodyIsBare_NoSuccessEnvelope()
    {
        var response = await GetAsync(Client, "/api/v1/data/account");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.TryGetProperty("success", out _), Is.False);
        Assert.That(response.Body.TryGetProperty("data", out _), Is.False);
        Assert.That(response.Body.GetProperty("total").GetInt32(), Is.EqualTo(5));
        Assert.That(response.Body.GetProperty("hasMore").GetBoolean(), Is.False);
    }

    [TestCase("top")]
    [TestCase("$top")]
    [TestCase("limit")]
    public async Task List_PageSizeSpelling_LimitsThePage(string spelling)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/item", (spelling, "7"), ("sort", "rank")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Column(response, "rank"), Is.EqualTo(new[] { "1", "2", "3", "4", "5", "6", "7" }));
        Assert.That(response.Body.GetProperty("total").GetInt32(), Is.EqualTo(ListData.ItemCount));
        Assert.That(response.Body.GetProperty("hasMore").GetBoolean(), Is.True);
    }

    [TestCase("skip")]
    [TestCase("$skip")]
    [TestCase("offset")]
    public async Task List_OffsetSpelling_SkipsRecords(string spelling)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/item", (spelling, "55"), ("top", "10"), ("sort", "rank")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Column(response, "rank"), Is.EqualTo(new[] { "56", "57", "58", "59", "60" }));
        Assert.That(response.Body.GetProperty("total").GetInt32(), Is.EqualTo(ListData.ItemCount));
        Assert.That(response.Body.GetProperty("hasMore").GetBoolean(), Is.False);
    }

    [Test]
    public async Task List_LastFullPage_HasMoreIsFalse()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/item", ("top", "10"), ("skip", "50")));

        Assert.That(response.Body.GetProperty("records").GetArrayLength(), Is.EqualTo(10));
        Assert.That(response.Body.GetProperty("hasMore").GetBoolean(), Is.False);
    }

    [Test]
    public async Task List_TopOfMaximum1000_IsAccepted()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/item", ("top", "1000")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("records").GetArrayLength(), Is.EqualTo(ListData.ItemCount));
    }

    [TestCase("0")]
    [TestCase("1001")]
    [TestCase("-1")]
    [TestCase("ten")]
    public async Task List_TopOutOfRange_Is400InvalidQuery(string top)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/item", ("top", top)));

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_QUERY");
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("item"));
    }

    [Test]
    public async Task List_NegativeSkip_Is400InvalidQuery()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/item", ("skip", "-5")));

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_QUERY");
    }

    [TestCase("count")]
    [TestCase("$count")]
    public async Task List_CountFalse_OmitsTotalAndComputesHasMore(string spelling)
    {
        var partial = await GetAsync(Client, Url("/api/v1/data/item", (spelling, "false"), ("top", "10")));
        var exact = await GetAsync(Client, Url("/api/v1/data/item", (spelling, "false"), ("top", "60")));
        var beyond = await GetAsync(Client, Url("/api/v1/data/item", (spelling, "false"), ("top", "100")));

        Assert.That(partial.Status, Is.EqualTo(HttpStatusCode.OK), partial.ToString());
        Assert.That(partial.Body.TryGetProperty("total", out _), Is.False, "count=false omits total: " + partial.Text);
        Assert.That(partial.Body.GetProperty("records").GetArrayLength(), Is.EqualTo(10));
        Assert.That(partial.Body.GetProperty("hasMore").GetBoolean(), Is.True);
        Assert.That(exact.Body.GetProperty("records").GetArrayLength(), Is.EqualTo(60));
        Assert.That(exact.Body.GetProperty("hasMore").GetBoolean(), Is.False, "exactly the remaining records: no more");
        Assert.That(beyond.Body.TryGetProperty("total", out _), Is.False);
        Assert.That(beyond.Body.GetProperty("hasMore").GetBoolean(), Is.False);
    }

    [Test]
    public async Task List_CountTrue_KeepsTotal()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/item", ("count", "true"), ("top", "1")));

        Assert.That(response.Body.GetProperty("total").GetInt32(), Is.EqualTo(ListData.ItemCount));
    }

    [Test]
    public async Task List_ConflictingFilterSpellings_Is400InvalidRequest()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """{"status":"open"}"""), ("where", """{"status":"closed"}""")));

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.That(error.GetProperty("error").GetString(), Does.Contain("'filter'").And.Contain("'where'"));
    }

    [Test]
    public async Task List_SameFilterUnderTwoSpellings_IsAccepted()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """{"status":"open"}"""), ("$filter", """{"status":"open"}""")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("total").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task List_ConflictingPageSizes_Is400InvalidRequest()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/item", ("top", "5"), ("limit", "6")));

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Test]
    public async Task List_RepeatedFilter_Is400InvalidFilter()
    {
        var response = await GetAsync(Client, "/api/v1/data/account?filter=%7B%22status%22%3A%22open%22%7D&filter=%7B%22status%22%3A%22closed%22%7D");

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_FILTER");
        Assert.That(error.GetProperty("error").GetString(), Does.Contain("Repeated"));
    }

    [Test]
    public async Task List_RepeatedTop_Is400InvalidRequest()
    {
        var response = await GetAsync(Client, "/api/v1/data/item?top=5&top=6");

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Test]
    public async Task List_UnknownDollarParameter_Is400UnsupportedQueryParam()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("$foo", "1")));

        var error = AssertError(response, HttpStatusCode.BadRequest, "UNSUPPORTED_QUERY_PARAM");
        Assert.That(error.GetProperty("error").GetString(), Does.Contain("$foo").And.Contain("$top"));
    }

    [Test]
    public async Task List_ImplicitEqualityParameter_FiltersOnThatField()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("status", "open"), ("sort", "name")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Acme Corp", "Hooli", "Initech" }));
        Assert.That(response.Body.GetProperty("total").GetInt32(), Is.EqualTo(3));
    }

    [Test]
    public async Task List_TwoImplicitParameters_AreAnded()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("status", "open"), ("amount", "20")));

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Hooli" }));
    }

    [Test]
    public async Task List_ImplicitParameterWithFilter_AreAnded()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """{"amount":{"$gt":10}}"""), ("status", "open"), ("sort", "-amount")));

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Acme Corp", "Hooli" }));
    }

    [Test]
    public async Task List_UnknownImplicitParameter_Is400InvalidFieldWithParameterHint()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/item", ("pagesize", "10")));

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("pagesize"));
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("item"));
        Assert.That(error.GetProperty("error").GetString(), Does.StartWith("Unknown field 'pagesize' on object 'item'"));
        Assert.That(error.GetProperty("hint").GetString(), Does.Contain("'top'"));
    }

    [Test]
    public async Task List_MisspelledFieldParameter_HintsTheField()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("stauts", "open")));

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
        Assert.That(error.GetProperty("hint").GetString(), Does.Contain("'status'"));
    }

    [Test]
    public async Task List_UnknownObject_Is404ObjectNotFound()
    {
        var response = await GetAsync(Client, "/api/v1/data/nothing_here");

        var error = AssertError(response, HttpStatusCode.NotFound, "OBJECT_NOT_FOUND");
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("nothing_here"));
    }

    [Test]
    public async Task List_RecordsCarrySystemFields()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("name", "Initech")));

        var record = response.Body.GetProperty("records")[0];
        Assert.That(record.GetProperty("id").GetString(), Is.EqualTo(Ids["Initech"]));
        Assert.That(record.GetProperty("created_by").GetString(), Is.EqualTo("alice"));
        Assert.That(record.GetProperty("created_at").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
        Assert.That(record.GetProperty("amount").GetDecimal(), Is.EqualTo(5m));
        Assert.That(record.GetProperty("amount").ValueKind, Is.EqualTo(JsonValueKind.Number));
    }
}
