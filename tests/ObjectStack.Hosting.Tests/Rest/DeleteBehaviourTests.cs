using System.Net;
using System.Text.Json;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>DELETE /api/v1/data/:object/:id</c> and the delete behaviour of the lookups that refer to the record.</summary>
public sealed class DeleteBehaviourTests : RestHostFixture
{
    [Test]
    public async Task Delete_Existing_ReturnsSuccessAndTheRecordIsGone()
    {
        var id = await CreateAsync(Client, "region", """{ "name": "gone" }""");

        var response = await DeleteAsync(Client, $"/api/v1/data/region/{id}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Keys(response.Body), Is.EqualTo(new[] { "id", "object", "success" }));
        Assert.That(response.Body.GetProperty("object").GetString(), Is.EqualTo("region"));
        Assert.That(response.Body.GetProperty("id").GetString(), Is.EqualTo(id));
        Assert.That(response.Body.GetProperty("success").GetBoolean(), Is.True);
        AssertError(await GetAsync(Client, $"/api/v1/data/region/{id}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [Test]
    public async Task Delete_Twice_SecondIs404RecordNotFound()
    {
        var id = await CreateAsync(Client, "region", """{ "name": "twice" }""");
        var first = await DeleteAsync(Client, $"/api/v1/data/region/{id}");
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());

        var second = await DeleteAsync(Client, $"/api/v1/data/region/{id}");

        var error = AssertError(second, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("region"));
    }

    [Test]
    public async Task Delete_RestrictedByAReference_Is409AndDeletesNothing()
    {
        var region = await CreateAsync(Client, "region", """{ "name": "north" }""");
        var store = await CreateAsync(Client, "store", $$"""{ "name": "north store", "region": "{{region}}" }""");

        var response = await DeleteAsync(Client, $"/api/v1/data/region/{region}");

        var error = AssertError(response, HttpStatusCode.Conflict, "DELETE_RESTRICTED");
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("region"));
        Assert.That((await RecordAsync(Client, "region", region)).GetProperty("name").GetString(), Is.EqualTo("north"));
        Assert.That((await RecordAsync(Client, "store", store)).GetProperty("region").GetString(), Is.EqualTo(region));
    }

    [Test]
    public async Task Delete_RestrictionLifted_DeletesOnceTheReferenceIsGone()
    {
        var region = await CreateAsync(Client, "region", """{ "name": "south" }""");
        var store = await CreateAsync(Client, "store", $$"""{ "name": "south store", "region": "{{region}}" }""");
        Assert.That((await DeleteAsync(Client, $"/api/v1/data/store/{store}")).Status, Is.EqualTo(HttpStatusCode.OK));

        var response = await DeleteAsync(Client, $"/api/v1/data/region/{region}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
    }

    [Test]
    public async Task Delete_MasterDetailParent_CascadesToItsDetailsOnly()
    {
        var project = await CreateAsync(Client, "project", """{ "name": "doomed" }""");
        var other = await CreateAsync(Client, "project", """{ "name": "kept" }""");
        var first = await CreateAsync(Client, "task", $$"""{ "name": "t1", "project": "{{project}}" }""");
        var second = await CreateAsync(Client, "task", $$"""{ "name": "t2", "project": "{{project}}" }""");
        var unrelated = await CreateAsync(Client, "task", $$"""{ "name": "t3", "project": "{{other}}" }""");

        var response = await DeleteAsync(Client, $"/api/v1/data/project/{project}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertError(await GetAsync(Client, $"/api/v1/data/task/{first}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        AssertError(await GetAsync(Client, $"/api/v1/data/task/{second}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
        Assert.That(await FindAsync(Client, "task", $$"""{"project":"{{project}}"}"""), Is.Empty);
        Assert.That((await RecordAsync(Client, "task", unrelated)).GetProperty("project").GetString(), Is.EqualTo(other));
    }

    [Test]
    public async Task Delete_SetNullLookup_ClearsTheReferenceAndKeepsTheRecord()
    {
        var team = await CreateAsync(Client, "team", """{ "name": "red" }""");
        var member = await CreateAsync(Client, "member", $$"""{ "name": "rose", "team": "{{team}}" }""");

        var response = await DeleteAsync(Client, $"/api/v1/data/team/{team}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var record = await RecordAsync(Client, "member", member);
        Assert.That(record.GetProperty("name").GetString(), Is.EqualTo("rose"));
        Assert.That(record.GetProperty("team").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Delete_DefaultLookupBehaviour_IsSetNull()
    {
        var parent = await CreateAsync(Client, "account", """{ "name": "parent-of-one" }""");
        var child = await CreateAsync(Client, "account", $$"""{ "name": "child-of-one", "parent": "{{parent}}" }""");

        var response = await DeleteAsync(Client, $"/api/v1/data/account/{parent}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That((await RecordAsync(Client, "account", child)).GetProperty("parent").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Delete_ThroughDeleteMany_AlsoCascades()
    {
        var project = await CreateAsync(Client, "project", """{ "name": "bulk doomed" }""");
        var task = await CreateAsync(Client, "task", $$"""{ "name": "bulk t", "project": "{{project}}" }""");

        var response = await PostAsync(Client, "/api/v1/data/project/deleteMany", $$"""{ "ids": ["{{project}}"] }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("success").GetBoolean(), Is.True, response.Text);
        AssertError(await GetAsync(Client, $"/api/v1/data/task/{task}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }
}
