using System.Net;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>Filter semantics through <c>GET /api/v1/data/:object</c>: NULL-safe negation, empty combinators, literal text matching.</summary>
public sealed class FilterSemanticsTests : ListDataFixture
{
    [Test]
    public async Task List_NegatedFilters_AreNullSafe()
    {
        // Only Hooli has a parent: every negation of "parent is Acme" must keep the four accounts whose parent is empty.
        var acme = Ids["Acme Corp"];
        string[] withoutHooli = ["Acme Corp", "Globex", "Initech", "Umbrella"];

        var ne = await GetAsync(Client, Url("/api/v1/data/account", ("filter", $$$"""{"parent":{"$ne":"{{{acme}}}"}}"""), ("sort", "name")));
        var nin = await GetAsync(Client, Url("/api/v1/data/account", ("filter", $$$"""{"parent":{"$nin":["{{{acme}}}"]}}"""), ("sort", "name")));

        Assert.That(Column(ne, "name"), Is.EqualTo(withoutHooli));
        Assert.That(Column(nin, "name"), Is.EqualTo(withoutHooli));
    }

    [Test]
    public async Task List_NotFilter_ReturnsRecordsWhoseComparedColumnIsNull()
    {
        // Spec §7: "$not ... NULL-safe: a row whose compared column is NULL is returned by the negation".
        var acme = Ids["Acme Corp"];

        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", $$$"""{"$not":{"parent":"{{{acme}}}"}}"""), ("sort", "name")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Acme Corp", "Globex", "Initech", "Umbrella" }));
    }

    [Test]
    public async Task List_NotOverOr_ReturnsRecordsWhoseComparedColumnIsNull()
    {
        var acme = Ids["Acme Corp"];
        var filter = $$$"""{"$not":{"$or":[{"parent":"{{{acme}}}"},{"status":"closed"}]}}""";

        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", filter), ("sort", "name")));

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Acme Corp", "Initech" }));
    }

    [Test]
    public async Task List_EmptyCombinators_AndIsTrueOrIsFalse()
    {
        var and = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """{"$and":[]}""")));
        var or = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """{"$or":[]}""")));
        var not = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """{"$not":{}}""")));

        Assert.That(and.Body.GetProperty("total").GetInt32(), Is.EqualTo(5));
        Assert.That(or.Body.GetProperty("total").GetInt32(), Is.Zero);
        Assert.That(not.Body.GetProperty("total").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task List_ContainsWithLikeWildcards_MatchesLiterally()
    {
        var percent = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """{"name":{"$contains":"%"}}""")));
        var underscore = await GetAsync(Client, Url("/api/v1/data/account", ("search", "_")));

        Assert.That(percent.Body.GetProperty("total").GetInt32(), Is.Zero, percent.Text);
        Assert.That(underscore.Body.GetProperty("total").GetInt32(), Is.Zero, underscore.Text);
    }

    [Test]
    public async Task List_StartsWith_IsCaseSensitive()
    {
        var exact = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """["name","startswith","Acme"]""")));
        var lower = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """["name","startswith","acme"]""")));

        Assert.That(Column(exact, "name"), Is.EqualTo(new[] { "Acme Corp" }));
        Assert.That(lower.Body.GetProperty("total").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task List_RelatedObjectFilter_Is400()
    {
        var nested = await GetAsync(Client, Url("/api/v1/data/contact", ("filter", """{"account":{"name":"Hooli"}}""")));
        var dotted = await GetAsync(Client, Url("/api/v1/data/contact", ("filter", """{"account.name":"Hooli"}""")));

        AssertError(nested, HttpStatusCode.BadRequest, "INVALID_FILTER");
        AssertError(dotted, HttpStatusCode.BadRequest, "INVALID_FIELD");
    }
}
