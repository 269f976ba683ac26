using System.Globalization;
using System.Net;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>PATCH /api/v1/data/:object/:id</c> and optimistic concurrency through <c>If-Match</c> and <c>expectedVersion</c>.</summary>
public sealed class ConcurrencyTests : RestHostFixture
{
    [Test]
    public async Task Update_WithoutVersion_ReturnsObjectIdAndChangedRecord()
    {
        var id = await NewAccountAsync();

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "amount": 7 }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Keys(response.Body), Is.EqualTo(new[] { "id", "object", "record" }));
        Assert.That(response.Body.GetProperty("object").GetString(), Is.EqualTo("account"));
        Assert.That(response.Body.GetProperty("id").GetString(), Is.EqualTo(id));
        Assert.That(response.Body.GetProperty("record").GetProperty("amount").GetDecimal(), Is.EqualTo(7m));
        Assert.That(response.Body.GetProperty("record").GetProperty("status").GetString(), Is.EqualTo("open"), "fields not sent are kept");
        Assert.That((await RecordAsync(Client, "account", id)).GetProperty("amount").GetDecimal(), Is.EqualTo(7m));
    }

    [TestCase("quoted")]
    [TestCase("unquoted")]
    [TestCase("weak")]
    [TestCase("offset")]
    public async Task Update_IfMatchCurrentVersion_Succeeds(string form)
    {
        var id = await NewAccountAsync();
        var version = await VersionAsync(id);
        var token = form switch
        {
            "quoted" => $"\"{version}\"",
            "unquoted" => version,
            "weak" => $"W/\"{version}\"",
            _ => $"\"{version.Replace("Z", "+00:00", StringComparison.Ordinal)}\"",
        };

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "amount": 8 }""", ("If-Match", token));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That((await RecordAsync(Client, "account", id)).GetProperty("amount").GetDecimal(), Is.EqualTo(8m));
    }

    [Test]
    public async Task Update_StaleIfMatch_Is409ConcurrentUpdateWithCurrentVersion()
    {
        var id = await NewAccountAsync();
        var stale = await VersionAsync(id);
        var first = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "amount": 1 }""", ("If-Match", $"\"{stale}\""));
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.ToString());
        var current = await VersionAsync(id);

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "amount": 2 }""", ("If-Match", $"\"{stale}\""));

        var error = AssertError(response, HttpStatusCode.Conflict, "CONCURRENT_UPDATE");
        Assert.That(error.GetProperty("currentVersion").GetString(), Is.EqualTo(current));
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("account"));
        Assert.That((await RecordAsync(Client, "account", id)).GetProperty("amount").GetDecimal(), Is.EqualTo(1m), "the refused write changed nothing");
    }

    [Test]
    public async Task Update_ExpectedVersionInBody_IsCheckedAndNotStored()
    {
        var id = await NewAccountAsync();
        var version = await VersionAsync(id);

        var ok = await PatchAsync(Client, $"/api/v1/data/account/{id}", $$"""{ "amount": 3, "expectedVersion": "{{version}}" }""");
        var stale = await PatchAsync(Client, $"/api/v1/data/account/{id}", $$"""{ "amount": 4, "expectedVersion": "{{version}}" }""");

        Assert.That(ok.Status, Is.EqualTo(HttpStatusCode.OK), ok.ToString());
        Assert.That(ok.Body.GetProperty("record").TryGetProperty("expectedVersion", out _), Is.False);
        var error = AssertError(stale, HttpStatusCode.Conflict, "CONCURRENT_UPDATE");
        Assert.That(error.GetProperty("currentVersion").GetString(), Is.EqualTo(ok.Body.GetProperty("record").GetProperty("updated_at").GetString()));
        Assert.That((await RecordAsync(Client, "account", id)).GetProperty("amount").GetDecimal(), Is.EqualTo(3m));
    }

    [Test]
    public async Task Update_ExpectedVersionInBody_WinsOverIfMatch()
    {
        var id = await NewAccountAsync();
        var version = await VersionAsync(id);

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", $$"""{ "amount": 5, "expectedVersion": "{{version}}" }""", ("If-Match", "\"2001-01-01T00:00:00.000Z\""));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
    }

    [Test]
    public async Task Update_ExpectedVersionNull_MeansNoCheck()
    {
        // Spec §5: expectedVersion = body.expectedVersion ?? If-Match; a missing token means no check.
        var id = await NewAccountAsync();

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "amount": 6, "expectedVersion": null }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That((await RecordAsync(Client, "account", id)).GetProperty("amount").GetDecimal(), Is.EqualTo(6m));
    }

    [Test]
    public async Task Update_ExpectedVersionAsEpochMilliseconds_MatchesTheSameInstant()
    {
        // Spec §5: a number is read as epoch milliseconds and compared as an instant.
        var id = await NewAccountAsync();
        var milliseconds = Parse(await VersionAsync(id)).ToUnixTimeMilliseconds();

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", $$"""{ "amount": 6, "expectedVersion": {{milliseconds}} }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
    }

    [Test]
    public async Task Update_EmptyIfMatch_Is400ValidationFailed()
    {
        var id = await NewAccountAsync();

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "amount": 9 }""", ("If-Match", "\"\""));

        AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That((await RecordAsync(Client, "account", id)).GetProperty("amount").GetDecimal(), Is.EqualTo(10m));
    }

    [Test]
    public async Task Update_NotAnInstant_Is409WithRawComparison()
    {
        var id = await NewAccountAsync();

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "amount": 9 }""", ("If-Match", "\"v1\""));

        AssertError(response, HttpStatusCode.Conflict, "CONCURRENT_UPDATE");
    }

    [Test]
    public async Task Update_UpdatedAtStrictlyIncreasesOnEveryWrite()
    {
        var id = await NewAccountAsync();
        var versions = new List<DateTimeOffset> { Parse(await VersionAsync(id)) };

        for (var i = 0; i < 4; i++)
        {
            var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", $$"""{ "amount": {{i}} }""");
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
            versions.Add(Parse(response.Body.GetProperty("record").GetProperty("updated_at").GetString()!));
        }

        Assert.That(versions, Is.Ordered.Ascending);
        Assert.That(versions.Distinct().Count(), Is.EqualTo(versions.Count), string.Join(", ", versions));
        Assert.That(Parse(await VersionAsync(id)), Is.EqualTo(versions[^1]), "the ETag follows the last write");
    }

    [Test]
    public async Task Update_ReadOnlyField_IsDroppedAndReported()
    {
        var id = await NewAccountAsync();

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "code": "C-9", "amount": 11 }""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Body.GetProperty("droppedFields")[0].GetProperty("fields")[0].GetString(), Is.EqualTo("code"));
        Assert.That(response.Header("X-ObjectStack-Dropped-Fields"), Is.EqualTo("code;reason=readonly"));
    }

    [Test]
    public async Task Update_ClearingRequiredField_Is400Required()
    {
        var id = await NewAccountAsync();

        var response = await PatchAsync(Client, $"/api/v1/data/account/{id}", """{ "name": null }""");

        var error = AssertError(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.That(FieldErrors(error), Is.EqualTo(new[] { ("name", "required") }));
    }

    [Test]
    public async Task Update_Missing_Is404RecordNotFound()
    {
        var response = await PatchAsync(Client, "/api/v1/data/account/does-not-exist", """{ "amount": 1 }""", ("If-Match", "\"2020-01-01T00:00:00.000Z\""));

        AssertError(response, HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    [Test]
    public async Task Delete_StaleIfMatch_Is409AndKeepsTheRecord()
    {
        var id = await NewAccountAsync();

        var header = await DeleteAsync(Client, $"/api/v1/data/account/{id}", ("If-Match", "\"2001-01-01T00:00:00.000Z\""));
        var query = await DeleteAsync(Client, Url($"/api/v1/data/account/{id}", ("expectedVersion", "2001-01-01T00:00:00.000Z")));

        AssertError(header, HttpStatusCode.Conflict, "CONCURRENT_UPDATE");
        AssertError(query, HttpStatusCode.Conflict, "CONCURRENT_UPDATE");
        await RecordAsync(Client, "account", id);
    }

    [Test]
    public async Task Delete_CurrentIfMatch_Deletes()
    {
        var id = await NewAccountAsync();
        var version = await VersionAsync(id);

        var response = await DeleteAsync(Client, $"/api/v1/data/account/{id}", ("If-Match", $"\"{version}\""));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        AssertError(await GetAsync(Client, $"/api/v1/data/account/{id}"), HttpStatusCode.NotFound, "RECORD_NOT_FOUND");
    }

    private static DateTimeOffset Parse(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private Task<string> NewAccountAsync() => CreateAsync(Client, "account", $$"""{ "name": "{{Unique("occ")}}", "amount": 10, "status": "open" }""");

    /// <summary>Returns the record's version: its ETag without quotes, which must equal its updated_at.</summary>
    private async Task<string> VersionAsync(string id)
    {
        var response = await GetAsync(Client, $"/api/v1/data/account/{id}");
        var updatedAt = response.Body.GetProperty("record").GetProperty("updated_at").GetString()!;
        Assert.That(response.Header("ETag"), Is.EqualTo($"\"{updatedAt}\""));
        return updatedAt;
    }
}
