using System.Net;
using System.Text.Json;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>The metadata routes under <c>/api/v1/meta</c>, and the discovery document's data and metadata routes.</summary>
public sealed class MetaTests : RestHostFixture
{
    private static readonly string[] SystemFields = ["id", "created_at", "updated_at", "created_by", "updated_by", "owner_id", "organization_id"];

    [Test]
    public async Task Meta_Root_ListsTypesAndEntries()
    {
        var response = await GetAsync(Client, "/api/v1/meta");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("types").EnumerateArray().Select(t => t.GetString()), Does.Contain("object"));
        var entries = response.Body.GetProperty("entries").EnumerateArray().ToList();
        Assert.That(entries.Select(e => e.GetProperty("type").GetString()), Does.Contain("object"));
    }

    [TestCase("object")]
    [TestCase("objects")]
    public async Task Meta_ObjectType_ListsEveryObjectWithFieldsAsAMap(string type)
    {
        var response = await GetAsync(Client, $"/api/v1/meta/{type}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("type").GetString(), Is.EqualTo("object"));
        var items = response.Body.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("name").GetString()), Is.SupersetOf(new[] { "account", "contact", "item", "archive", "report" }));
        var account = items.Single(i => i.GetProperty("name").GetString() == "account");
        var fields = account.GetProperty("fields");
        Assert.That(fields.ValueKind, Is.EqualTo(JsonValueKind.Object), "fields is a name-keyed map");
        Assert.That(Keys(fields), Is.SupersetOf(SystemFields.Concat(["name", "amount", "status", "description", "code", "parent"])));
    }

    [Test]
    public async Task Meta_ObjectItem_IsAnEnvelopeWithTheDefinition()
    {
        var response = await GetAsync(Client, "/api/v1/meta/object/account");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("type").GetString(), Is.EqualTo("object"));
        Assert.That(response.Body.GetProperty("name").GetString(), Is.EqualTo("account"));
        var item = response.Body.GetProperty("item");
        Assert.That(item.GetProperty("name").GetString(), Is.EqualTo("account"));
        var fields = item.GetProperty("fields");
        Assert.That(Keys(fields), Is.SupersetOf(SystemFields));
        Assert.That(fields.GetProperty("name").GetProperty("type").GetString(), Is.EqualTo("text"));
        Assert.That(fields.GetProperty("name").GetProperty("required").GetBoolean(), Is.True);
        Assert.That(fields.GetProperty("name").GetProperty("unique").GetBoolean(), Is.True);
        Assert.That(fields.GetProperty("parent").GetProperty("reference").GetString(), Is.EqualTo("account"));
        Assert.That(fields.GetProperty("status").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()), Is.EqualTo(new[] { "open", "closed" }));
        Assert.That(fields.GetProperty("id").GetProperty("system").GetBoolean(), Is.True);
        Assert.That(response.Header("ETag"), Does.Match("^\"[^\"]+\"$"));
    }

    [Test]
    public async Task Meta_ObjectItem_ReportsApiSettings()
    {
        var report = await GetAsync(Client, "/api/v1/meta/object/report");

        var enable = report.Body.GetProperty("item").GetProperty("enable");
        Assert.That(enable.GetProperty("apiMethods").EnumerateArray().Select(m => m.GetString()), Is.EqualTo(new[] { "get", "list" }));
    }

    [Test]
    public async Task Meta_ObjectItem_IfNoneMatchWithItsETag_Is304()
    {
        var first = await GetAsync(Client, "/api/v1/meta/object/contact");
        var etag = first.Header("ETag")!;

        var strong = await GetAsync(Client, "/api/v1/meta/object/contact", ("If-None-Match", etag));
        var weak = await GetAsync(Client, "/api/v1/meta/object/contact", ("If-None-Match", "W/" + etag));
        var other = await GetAsync(Client, "/api/v1/meta/object/contact", ("If-None-Match", "\"something-else\""));

        Assert.That(strong.Status, Is.EqualTo(HttpStatusCode.NotModified), strong.ToString());
        Assert.That(strong.Text, Is.Empty);
        Assert.That(strong.Header("ETag"), Is.EqualTo(etag), "a 304 repeats the validator");
        Assert.That(weak.Status, Is.EqualTo(HttpStatusCode.NotModified), weak.ToString());
        Assert.That(other.Status, Is.EqualTo(HttpStatusCode.OK), other.ToString());
        Assert.That(other.Header("ETag"), Is.EqualTo(etag), "the ETag is stable");
    }

    [Test]
    public async Task Meta_ObjectItem_ETagDiffersBetweenObjects()
    {
        var account = await GetAsync(Client, "/api/v1/meta/object/account");
        var contact = await GetAsync(Client, "/api/v1/meta/object/contact");

        Assert.That(account.Header("ETag"), Is.Not.EqualTo(contact.Header("ETag")));
    }

    [Test]
    public async Task Meta_UnknownItem_Is404ResourceNotFound()
    {
        var response = await GetAsync(Client, "/api/v1/meta/object/nothing_here");

        var error = AssertError(response, HttpStatusCode.NotFound, "RESOURCE_NOT_FOUND");
        Assert.That(error.GetProperty("error").GetString(), Is.EqualTo("Metadata item object/nothing_here not found"));
    }

    [Test]
    public async Task Meta_UnknownType_Is400()
    {
        var response = await GetAsync(Client, "/api/v1/meta/flows");

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [Test]
    public async Task Discovery_AnnouncesDataAndMetadataRoutes()
    {
        using var anonymous = Host.Client(user: null);

        var response = await GetAsync(anonymous, "/api/v1/discovery");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var routes = response.Body.GetProperty("routes");
        Assert.That(routes.GetProperty("data").GetString(), Is.EqualTo("/api/v1/data"));
        Assert.That(routes.GetProperty("metadata").GetString(), Is.EqualTo("/api/v1/meta"));
    }
}
