using System.Net;
using System.Text.Json;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>GET /api/v1/data/:object/:id</c>.</summary>
public sealed class RecordReadTests : RestHostFixture
{
    private string _parentId = null!;
    private string _childId = null!;

    protected override async Task SeedAsync()
    {
        _parentId = await CreateAsync(Client, "account", """{ "name": "Parent", "amount": 12.5, "status": "open" }""");
        _childId = await CreateAsync(Client, "account", $$"""{ "name": "Child", "parent": "{{_parentId}}" }""");
    }

    [Test]
    public async Task Get_Existing_ReturnsObjectIdAndRecord()
    {
        var response = await GetAsync(Client, $"/api/v1/data/account/{_parentId}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Keys(response.Body), Is.EqualTo(new[] { "id", "object", "record" }));
        Assert.That(response.Body.GetProperty("object").GetString(), Is.EqualTo("account"));
        Assert.That(response.Body.GetProperty("id").GetString(), Is.EqualTo(_parentId));
        var record = response.Body.GetProperty("record");
        Assert.That(record.GetProperty("id").GetString(), Is.EqualTo(_parentId));
        Assert.That(record.GetProperty("name").GetString(), Is.EqualTo("Parent"));
        Assert.That(record.GetProperty("amount").GetDecimal(), Is.EqualTo(12.5m));
        Assert.That(record.GetProperty("status").GetString(), Is.EqualTo("open"));
        Assert.That(record.GetProperty("owner_id").GetString(), Is.EqualTo("alice"));
    }

    [Test]
    public async Task Get_Existing_ETagIsTheQuotedUpdatedAt()
    {
        var response = await GetAsync(Client, $"/api/v1/data/account/{_parentId}");

        var updatedAt = response.Body.GetProperty("record").GetProperty("updated_at").GetString();
        Assert.That(updatedAt, Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"));
        Assert.That(response.Header("ETag"), Is.EqualTo($"\"{updatedAt}\""));
    }

    [TestCase("select")]
    [TestCase("fields")]
    [TestCase("$select")]
    public async Task Get_Select_ReturnsIdAndSelectedFields(string spelling)
    {
        var response = await GetAsync(Client, Url($"/api/v1/data/account/{_parentId}", (spelling, "name,status")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Keys(response.Body.GetProperty("record")), Is.EqualTo(new[] { "id", "name", "status" }));
    }

    [Test]
    public async Task Get_Expand_ReplacesLookupWithRecord()
    {
        var response = await GetAsync(Client, Url($"/api/v1/data/account/{_childId}", ("expand", "parent")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var parent = response.Body.GetProperty("record").GetProperty("parent");
        Assert.That(parent.ValueKind, Is.EqualTo(JsonValueKind.Object), response.Text);
        Assert.That(parent.GetProperty("name").GetString(), Is.EqualTo("Parent"));
    }

    [Test]
    public async Task Get_ExpandOfNonLookup_Is400InvalidField()
    {
        var response = await GetAsync(Client, Url($"/api/v1/data/account/{_childId}", ("expand", "name")));

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
    }

    [TestCase("top", "1")]
    [TestCase("filter", "{}")]
    [TestCase("foo", "bar")]
    public async Task Get_OtherQueryParameter_Is400(string name, string value)
    {
        var response = await GetAsync(Client, Url($"/api/v1/data/account/{_parentId}", (name, value)));

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.That(error.GetProperty("error").GetString(), Does.Contain($"'{name}'"));
    }

    [Test]
    public async Task Get_Missing_Is404RecordNotFound()
    {
        var response = await GetAsync(Client, "/api/v1/data/account/does-not-exist");

        var error = AssertError(response, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("account"));
        Assert.That(error.GetProperty("error").GetString(), Is.EqualTo("Record does-not-exist not found in account"));
        Assert.That(response.Header("ETag"), Is.Null);
    }

    [Test]
    public async Task Get_IdOfAnotherObject_Is404RecordNotFound()
    {
        var response = await GetAsync(Client, $"/api/v1/data/contact/{_parentId}");

        AssertError(response, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [Test]
    public async Task Get_UnknownObject_Is404ObjectNotFound()
    {
        var response = await GetAsync(Client, $"/api/v1/data/nothing_here/{_parentId}");

        AssertError(response, HttpStatusCode.NotFound, "OBJECT_NOT_FOUND");
    }
}
