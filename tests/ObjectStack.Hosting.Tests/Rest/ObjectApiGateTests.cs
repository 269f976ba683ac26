using System.Net;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>enable.apiEnabled</c> and <c>enable.apiMethods</c> on the data routes.</summary>
public sealed class ObjectApiGateTests : RestHostFixture
{
    [TestCase("GET", "/api/v1/data/archive", null)]
    [TestCase("GET", "/api/v1/data/archive/x", null)]
    [TestCase("POST", "/api/v1/data/archive", """{ "name": "a" }""")]
    [TestCase("POST", "/api/v1/data/archive/query", "{}")]
    [TestCase("PATCH", "/api/v1/data/archive/x", """{ "name": "a" }""")]
    [TestCase("DELETE", "/api/v1/data/archive/x", null)]
    [TestCase("POST", "/api/v1/data/archive/createMany", """[{ "name": "a" }]""")]
    [TestCase("POST", "/api/v1/data/archive/batch", """{ "operation": "create", "records": [] }""")]
    public async Task ApiDisabled_Is404ObjectApiDisabled(string method, string path, string? body)
    {
        var response = await SendAsync(Client, new HttpMethod(method), path, body);

        var error = AssertError(response, HttpStatusCode.NotFound, "OBJECT_API_DISABLED");
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("archive"));
    }

    [Test]
    public async Task ApiDisabled_CrossObjectBatch_Is404ObjectApiDisabled()
    {
        var response = await PostAsync(Client, "/api/v1/batch", """{ "operations": [{ "object": "archive", "data": { "name": "a" } }] }""");

        AssertError(response, HttpStatusCode.NotFound, "OBJECT_API_DISABLED");
    }

    [Test]
    public async Task ApiMethodsGetAndList_AllowReads()
    {
        var list = await GetAsync(Client, "/api/v1/data/report");
        var query = await PostAsync(Client, "/api/v1/data/report/query", "{}");
        var get = await GetAsync(Client, "/api/v1/data/report/missing");

        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK), list.ToString());
        Assert.That(list.Body.GetProperty("object").GetString(), Is.EqualTo("report"));
        Assert.That(query.Status, Is.EqualTo(HttpStatusCode.OK), query.ToString());
        AssertError(get, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [TestCase("POST", "/api/v1/data/report", """{ "name": "r" }""")]
    [TestCase("PATCH", "/api/v1/data/report/x", """{ "name": "r" }""")]
    [TestCase("DELETE", "/api/v1/data/report/x", null)]
    [TestCase("POST", "/api/v1/data/report/createMany", """[{ "name": "r" }]""")]
    [TestCase("POST", "/api/v1/data/report/updateMany", """{ "records": [] }""")]
    [TestCase("POST", "/api/v1/data/report/deleteMany", """{ "ids": [] }""")]
    [TestCase("POST", "/api/v1/data/report/batch", """{ "operation": "delete", "records": [] }""")]
    public async Task ApiMethodsGetAndList_RefuseWritesWith405(string method, string path, string? body)
    {
        var response = await SendAsync(Client, new HttpMethod(method), path, body);

        var error = AssertError(response, HttpStatusCode.MethodNotAllowed, "OBJECT_API_METHOD_NOT_ALLOWED");
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("report"));
        Assert.That(error.GetProperty("allowed").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "get", "list" }));
    }

    [Test]
    public async Task ApiMethodsGetAndList_RefusedCreateWritesNothing()
    {
        var name = Unique("report");

        await PostAsync(Client, "/api/v1/data/report", $$"""{ "name": "{{name}}" }""");

        var list = await GetAsync(Client, Url("/api/v1/data/report", ("name", name)));
        Assert.That(list.Body.GetProperty("total").GetInt32(), Is.Zero);
    }
}
