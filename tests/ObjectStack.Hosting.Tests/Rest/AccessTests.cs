using System.Net;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>Who may call the data, batch and metadata routes: anonymous callers, denied and read-only users, and the organization wall.</summary>
public sealed class AccessTests : RestHostFixture
{
    private string _accountId = null!;

    protected override async Task SeedAsync() =>
        _accountId = await CreateAsync(Client, "account", """{ "name": "visible to alice" }""");

    private static IEnumerable<TestCaseData> EveryRoute()
    {
        yield return new TestCaseData("GET", "/api/v1/data/account", null).SetName("{m}_List");
        yield return new TestCaseData("GET", "/api/v1/data/account/x", null).SetName("{m}_Get");
        yield return new TestCaseData("POST", "/api/v1/data/account", """{ "name": "anon" }""").SetName("{m}_Create");
        yield return new TestCaseData("POST", "/api/v1/data/account/query", "{}").SetName("{m}_Query");
        yield return new TestCaseData("PATCH", "/api/v1/data/account/x", """{ "amount": 1 }""").SetName("{m}_Update");
        yield return new TestCaseData("DELETE", "/api/v1/data/account/x", null).SetName("{m}_Delete");
        yield return new TestCaseData("POST", "/api/v1/data/account/createMany", "[]").SetName("{m}_CreateMany");
        yield return new TestCaseData("POST", "/api/v1/data/account/updateMany", """{ "records": [] }""").SetName("{m}_UpdateMany");
        yield return new TestCaseData("POST", "/api/v1/data/account/deleteMany", """{ "ids": [] }""").SetName("{m}_DeleteMany");
        yield return new TestCaseData("POST", "/api/v1/data/account/batch", """{ "operation": "create", "records": [] }""").SetName("{m}_ObjectBatch");
        yield return new TestCaseData("POST", "/api/v1/batch", """{ "operations": [] }""").SetName("{m}_Batch");
        yield return new TestCaseData("GET", "/api/v1/meta", null).SetName("{m}_MetaTypes");
        yield return new TestCaseData("GET", "/api/v1/meta/object", null).SetName("{m}_MetaItems");
        yield return new TestCaseData("GET", "/api/v1/meta/object/account", null).SetName("{m}_MetaItem");
        yield return new TestCaseData("GET", "/api/v1/data/nothing_here", null).SetName("{m}_UnknownObject");
    }

    [TestCaseSource(nameof(EveryRoute))]
    public async Task Anonymous_Is401Unauthenticated(string method, string path, string? body)
    {
        using var anonymous = Host.Client(user: null);

        var response = await SendAsync(anonymous, new HttpMethod(method), path, body);

        AssertError(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.That(response.Header("WWW-Authenticate"), Is.EqualTo("Bearer"));
    }

    [TestCaseSource(nameof(EveryRoute))]
    public async Task UnrecognisedToken_Is401Unauthenticated(string method, string path, string? body)
    {
        using var client = Host.Client(user: null);

        var response = await SendAsync(client, new HttpMethod(method), path, body, ("Authorization", "Bearer not-a-test-token"));

        AssertError(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.That(response.Header("WWW-Authenticate"), Is.EqualTo("Bearer"));
    }

    [Test]
    public async Task Anonymous_CreateWritesNothing()
    {
        using var anonymous = Host.Client(user: null);
        var name = Unique("anon");

        await PostAsync(anonymous, "/api/v1/data/account", $$"""{ "name": "{{name}}" }""");

        Assert.That(await FindAsync(Client, "account", $$"""{"name":"{{name}}"}"""), Is.Empty);
    }

    [Test]
    public async Task Denied_ListAndCreate_Are403PermissionDenied()
    {
        using var denied = Host.Client("denied");
        var name = Unique("denied");

        var list = await GetAsync(denied, "/api/v1/data/account");
        var get = await GetAsync(denied, $"/api/v1/data/account/{_accountId}");
        var create = await PostAsync(denied, "/api/v1/data/account", $$"""{ "name": "{{name}}" }""");

        var error = AssertError(list, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("account"));
        AssertError(get, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        AssertError(create, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        Assert.That(await FindAsync(Client, "account", $$"""{"name":"{{name}}"}"""), Is.Empty);
    }

    [Test]
    public async Task Reader_CanReadButNotWrite()
    {
        using var reader = Host.Client("reader1");
        var name = Unique("reader");

        var list = await GetAsync(reader, "/api/v1/data/account");
        var get = await GetAsync(reader, $"/api/v1/data/account/{_accountId}");
        var query = await PostAsync(reader, "/api/v1/data/account/query", "{}");
        var create = await PostAsync(reader, "/api/v1/data/account", $$"""{ "name": "{{name}}" }""");
        var update = await PatchAsync(reader, $"/api/v1/data/account/{_accountId}", """{ "amount": 5 }""");
        var delete = await DeleteAsync(reader, $"/api/v1/data/account/{_accountId}");
        var createMany = await PostAsync(reader, "/api/v1/data/account/createMany", $$"""[{ "name": "{{name}}" }]""");
        var batch = await PostAsync(reader, "/api/v1/batch", $$"""{ "operations": [{ "object": "account", "data": { "name": "{{name}}" } }] }""");

        Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK), list.ToString());
        Assert.That(Column(list, "id"), Does.Contain(_accountId));
        Assert.That(get.Status, Is.EqualTo(HttpStatusCode.OK), get.ToString());
        Assert.That(query.Status, Is.EqualTo(HttpStatusCode.OK), query.ToString());
        AssertError(create, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        AssertError(update, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        AssertError(delete, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        AssertError(createMany, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        AssertError(batch, HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        Assert.That(await FindAsync(Client, "account", $$"""{"name":"{{name}}"}"""), Is.Empty);
        Assert.That((await RecordAsync(Client, "account", _accountId)).GetProperty("amount").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task OrganizationWall_OtherOrganizationCannotSeeOrChangeTheRecord()
    {
        using var bob = Host.Client("bob", "org1");
        using var carol = Host.Client("carol", "org2");
        var name = Unique("walled");
        var id = await CreateAsync(bob, "account", $$"""{ "name": "{{name}}", "amount": 1 }""");

        var bobsView = await RecordAsync(bob, "account", id);
        var carolsList = await GetAsync(carol, Url("/api/v1/data/account", ("name", name)));
        var carolsGet = await GetAsync(carol, $"/api/v1/data/account/{id}");
        var carolsUpdate = await PatchAsync(carol, $"/api/v1/data/account/{id}", """{ "amount": 2 }""");
        var carolsDelete = await DeleteAsync(carol, $"/api/v1/data/account/{id}");

        Assert.That(bobsView.GetProperty("organization_id").GetString(), Is.EqualTo("org1"));
        Assert.That(carolsList.Status, Is.EqualTo(HttpStatusCode.OK), carolsList.ToString());
        Assert.That(carolsList.Body.GetProperty("records").GetArrayLength(), Is.Zero);
        Assert.That(carolsList.Body.GetProperty("total").GetInt32(), Is.Zero);
        AssertError(carolsGet, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        AssertError(carolsUpdate, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        AssertError(carolsDelete, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        Assert.That((await RecordAsync(bob, "account", id)).GetProperty("amount").GetDecimal(), Is.EqualTo(1m));
    }

    [Test]
    public async Task OrganizationWall_ListShowsOnlyTheCallersOrganization()
    {
        using var bob = Host.Client("bob", "org1");
        using var dave = Host.Client("dave", "org2");
        var tag = Unique("orgs");
        await CreateAsync(bob, "item", $$"""{ "label": "{{tag}}", "rank": 1 }""");
        await CreateAsync(dave, "item", $$"""{ "label": "{{tag}}", "rank": 2 }""");

        var bobs = await GetAsync(bob, Url("/api/v1/data/item", ("label", tag)));
        var daves = await GetAsync(dave, Url("/api/v1/data/item", ("label", tag)));

        Assert.That(Column(bobs, "rank"), Is.EqualTo(new[] { "1" }));
        Assert.That(Column(daves, "rank"), Is.EqualTo(new[] { "2" }));
        Assert.That(await FindAsync(Client, "item", $$"""{"label":"{{tag}}"}"""), Has.Count.EqualTo(2), "a caller without an organization is not walled");
    }

    [Test]
    public async Task OrganizationWall_SameUniqueValueInOneOrganization_Is409()
    {
        using var bob = Host.Client("bob", "org1");
        using var erin = Host.Client("erin", "org1");
        var name = Unique("same-org");
        await CreateAsync(bob, "account", $$"""{ "name": "{{name}}" }""");

        var response = await PostAsync(erin, "/api/v1/data/account", $$"""{ "name": "{{name}}" }""");

        AssertError(response, HttpStatusCode.Conflict, "DUPLICATE_VALUE");
    }

    [Test]
    public async Task OrganizationWall_SameUniqueValueInAnotherOrganization_IsAccepted()
    {
        // Spec §1: "unique: true" on a tenant-scoped object means unique per organization. A global index would also
        // tell carol that a record she cannot see exists in another organization.
        using var bob = Host.Client("bob", "org1");
        using var carol = Host.Client("carol", "org2");
        var name = Unique("per-org");
        await CreateAsync(bob, "account", $$"""{ "name": "{{name}}" }""");

        var response = await PostAsync(carol, "/api/v1/data/account", $$"""{ "name": "{{name}}" }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        Assert.That(response.Body.GetProperty("record").GetProperty("organization_id").GetString(), Is.EqualTo("org2"));
    }

    [Test]
    public async Task OrganizationWall_LookupToAnotherOrganizationsRecord_IsReferenceNotFound()
    {
        using var bob = Host.Client("bob", "org1");
        using var carol = Host.Client("carol", "org2");
        var bobsAccount = await CreateAsync(bob, "account", $$"""{ "name": "{{Unique("bobs")}}" }""");

        var response = await PostAsync(carol, "/api/v1/data/contact", $$"""{ "first_name": "C", "last_name": "D", "account": "{{bobsAccount}}" }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(FieldErrors(error), Is.EqualTo(new[] { ("account", "reference_not_found") }));
    }
}
