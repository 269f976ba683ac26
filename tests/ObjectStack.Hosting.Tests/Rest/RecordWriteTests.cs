using System.Net;
using System.Text.Json;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>POST /api/v1/data/:object</c>: the created envelope, dropped fields and every kind of refused write.</summary>
public sealed class RecordWriteTests : RestHostFixture
{
    [Test]
    public async Task Create_ValidRecord_Is201WithObjectIdRecordAndLocation()
    {
        var name = Unique("created");

        var response = await PostAsync(Client, "/api/v1/data/account", $$"""{ "name": "{{name}}", "amount": 42, "status": "closed" }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        Assert.That(Keys(response.Body), Is.EqualTo(new[] { "id", "object", "record" }), "no droppedFields when nothing was dropped");
        var id = response.Body.GetProperty("id").GetString();
        Assert.That(id, Is.Not.Empty);
        Assert.That(response.Body.GetProperty("object").GetString(), Is.EqualTo("account"));
        var record = response.Body.GetProperty("record");
        Assert.That(record.GetProperty("id").GetString(), Is.EqualTo(id));
        Assert.That(record.GetProperty("name").GetString(), Is.EqualTo(name));
        Assert.That(record.GetProperty("amount").GetDecimal(), Is.EqualTo(42m));
        Assert.That(record.GetProperty("created_by").GetString(), Is.EqualTo("alice"));
        Assert.That(record.GetProperty("created_at").GetString(), Is.EqualTo(record.GetProperty("updated_at").GetString()));
        Assert.That(response.Header("Location"), Is.EqualTo($"/api/v1/data/account/{id}"));
        Assert.That(response.Header("X-ObjectStack-Dropped-Fields"), Is.Null);

        var stored = await RecordAsync(Client, "account", id!);
        Assert.That(stored.GetProperty("name").GetString(), Is.EqualTo(name));
    }

    [Test]
    public async Task Create_ReadOnlyAndSystemFields_AreDroppedAndReported()
    {
        var name = Unique("dropped");

        var response = await PostAsync(Client, "/api/v1/data/account", $$"""
            { "name": "{{name}}", "id": "chosen-id", "code": "X-1", "created_at": "2020-01-01T00:00:00.000Z", "owner_id": "mallory" }
            """);

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Created), response.ToString());
        var dropped = response.Body.GetProperty("droppedFields").EnumerateArray().ToList();
        Assert.That(dropped.Select(d => d.GetProperty("object").GetString()), Has.All.EqualTo("account"));
        var readonlyGroup = dropped.Single(d => d.GetProperty("reason").GetString() == "readonly");
        Assert.That(readonlyGroup.GetProperty("fields").EnumerateArray().Select(f => f.GetString()), Is.EquivalentTo(new[] { "code", "created_at", "owner_id" }));
        var keyGroup = dropped.Single(d => d.GetProperty("reason").GetString() == "primary_key");
        Assert.That(keyGroup.GetProperty("fields").EnumerateArray().Select(f => f.GetString()), Is.EqualTo(new[] { "id" }));

        var header = response.Header("X-ObjectStack-Dropped-Fields");
        Assert.That(header?.Split(", "), Is.EquivalentTo(new[] { "id;reason=primary_key", "code;reason=readonly", "created_at;reason=readonly", "owner_id;reason=readonly" }));

        var record = response.Body.GetProperty("record");
        Assert.That(record.GetProperty("id").GetString(), Is.Not.EqualTo("chosen-id"));
        Assert.That(record.GetProperty("code").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(record.GetProperty("owner_id").GetString(), Is.EqualTo("alice"));
        Assert.That(record.GetProperty("created_at").GetString(), Does.Not.StartWith("2020"));
    }

    [Test]
    public async Task Create_RequiredFieldMissing_Is400ValidationFailedRequired()
    {
        var response = await PostAsync(Client, "/api/v1/data/account", """{ "amount": 1 }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(FieldErrors(error), Is.EqualTo(new[] { ("name", "required") }));
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("name"));
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("account"));
    }

    [Test]
    public async Task Create_SeveralProblems_AreReportedTogether()
    {
        var response = await PostAsync(Client, "/api/v1/data/contact", """{ "age": "old" }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(FieldErrors(error), Is.EquivalentTo(new[] { ("age", "invalid_type"), ("first_name", "required"), ("last_name", "required") }));
    }

    [Test]
    public async Task Create_RequiredFieldBlank_IsRequired()
    {
        var response = await PostAsync(Client, "/api/v1/data/contact", """{ "first_name": "  ", "last_name": "Hopper" }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(FieldErrors(error), Is.EqualTo(new[] { ("first_name", "required") }));
    }

    [Test]
    public async Task Create_UnknownField_Is400InvalidField()
    {
        var response = await PostAsync(Client, "/api/v1/data/account", $$"""{ "name": "{{Unique("unknown")}}", "colour": "red" }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
        Assert.That(error.GetProperty("error").GetString(), Does.StartWith("Unknown field 'colour' on object 'account'"));
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("colour"));
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("account"));
    }

    [TestCase("{ \"name\": ")]
    [TestCase("not json")]
    [TestCase("")]
    public async Task Create_MalformedJson_Is400InvalidRequest(string body)
    {
        var response = await PostAsync(Client, "/api/v1/data/account", body);

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_REQUEST");
    }

    [TestCase("[]")]
    [TestCase("\"text\"")]
    [TestCase("42")]
    public async Task Create_BodyNotAnObject_Is400ValidationFailed(string body)
    {
        var response = await PostAsync(Client, "/api/v1/data/account", body);

        AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Test]
    public async Task Create_DuplicateUniqueValue_Is409DuplicateValue()
    {
        var name = Unique("twin");
        await CreateAsync(Client, "account", $$"""{ "name": "{{name}}" }""");

        var response = await PostAsync(Client, "/api/v1/data/account", $$"""{ "name": "{{name}}" }""");

        var error = AssertError(response, HttpStatusCode.Conflict, "DUPLICATE_VALUE");
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("name"));
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("account"));
        Assert.That(await FindAsync(Client, "account", $$"""{"name":"{{name}}"}"""), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Create_LookupToMissingRecord_Is400ReferenceNotFound()
    {
        var name = Unique("orphan");

        var response = await PostAsync(Client, "/api/v1/data/account", $$"""{ "name": "{{name}}", "parent": "no-such-account" }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(FieldErrors(error), Is.EqualTo(new[] { ("parent", "reference_not_found") }));
        Assert.That(await FindAsync(Client, "account", $$"""{"name":"{{name}}"}"""), Is.Empty);
    }

    [TestCase("amount", "\"lots\"", "invalid_type")]
    [TestCase("amount", "true", "invalid_type")]
    [TestCase("name", "42", "invalid_type")]
    [TestCase("status", "\"pending\"", "invalid_option")]
    public async Task Create_WrongValue_Is400ValidationFailedOnThatField(string field, string value, string code)
    {
        var name = Unique("typed");
        var record = field == "name" ? $$"""{ "name": {{value}} }""" : $$"""{ "name": "{{name}}", "{{field}}": {{value}} }""";

        var response = await PostAsync(Client, "/api/v1/data/account", record);

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(FieldErrors(error), Is.EqualTo(new[] { (field, code) }));
    }

    [Test]
    public async Task Create_DuplicateKeyInBody_Is400()
    {
        var response = await PostAsync(Client, "/api/v1/data/account", """{ "name": "a-dup-key", "name": "b-dup-key" }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
        Assert.That(await FindAsync(Client, "account", """{"name":{"$in":["a-dup-key","b-dup-key"]}}"""), Is.Empty);
    }
}
