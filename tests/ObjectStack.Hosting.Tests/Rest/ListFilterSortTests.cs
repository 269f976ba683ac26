using System.Net;
using System.Text.Json;
using static ObjectStack.Hosting.Tests.Rest.RestApi;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary><c>GET /api/v1/data/:object</c>: sort, select, filter (object and array forms), search and expand.</summary>
public sealed class ListFilterSortTests : ListDataFixture
{
    private static readonly string[] ByAmountDescending = ["Acme Corp", "Globex", "Hooli", "Initech", "Umbrella"];

    [TestCase("-amount")]
    [TestCase("amount desc")]
    [TestCase("amount DESC")]
    [TestCase("""[{"field":"amount","order":"desc"}]""")]
    public async Task List_SortDescending_OrdersRecords(string sort)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("sort", sort)));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Column(response, "name"), Is.EqualTo(ByAmountDescending));
    }

    [TestCase("sort")]
    [TestCase("$orderby")]
    [TestCase("orderBy")]
    public async Task List_SortSpellings_SortAscending(string spelling)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", (spelling, "amount")));

        Assert.That(Column(response, "name"), Is.EqualTo(ByAmountDescending.Reverse()));
    }

    [Test]
    public async Task List_SortOnTwoFields_AppliesBothInOrder()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("sort", "status asc,-amount")));

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Globex", "Umbrella", "Acme Corp", "Hooli", "Initech" }));
    }

    [TestCase("amount sideways")]
    [TestCase("amount:desc")]
    [TestCase("nope")]
    [TestCase("""[{"field":"amount","direction":"desc"}]""")]
    public async Task List_InvalidSort_Is400InvalidSort(string sort)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("sort", sort)));

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_SORT");
    }

    [Test]
    public async Task List_ColonDirection_HintsTheSpelling()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("sort", "amount:desc")));

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_SORT");
        Assert.That(error.GetProperty("error").GetString(), Does.Contain("'-name'").Or.Contain("leading '-'"));
    }

    [TestCase("select")]
    [TestCase("$select")]
    [TestCase("fields")]
    public async Task List_Select_ReturnsIdAndSelectedFieldsOnly(string spelling)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", (spelling, "name,amount")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var records = response.Body.GetProperty("records").EnumerateArray().ToList();
        Assert.That(records, Has.Count.EqualTo(5));
        Assert.That(records.Select(Keys), Has.All.EqualTo(new[] { "amount", "id", "name" }));
    }

    [Test]
    public async Task List_SelectUnknownField_Is400InvalidField()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("select", "name,colour")));

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("colour"));
    }

    [TestCase("""{"amount":{"$gt":5}}""")]
    [TestCase("""["amount",">",5]""")]
    [TestCase("""["amount","gt",5]""")]
    [TestCase("""{"$or":[{"amount":100},{"amount":{"$in":[50,20]}}]}""")]
    public async Task List_FilterGreaterThanFive_FindsThreeAccounts(string filter)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", filter), ("sort", "-amount")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Acme Corp", "Globex", "Hooli" }));
        Assert.That(response.Body.GetProperty("total").GetInt32(), Is.EqualTo(3));
    }

    [TestCase("""["and",["amount",">",5],["status","=","open"]]""")]
    [TestCase("""[["amount",">",5],["status","=","open"]]""")]
    [TestCase("""{"$and":[{"amount":{"$gt":5}},{"status":"open"}]}""")]
    [TestCase("""{"amount":{"$gt":5},"status":"open"}""")]
    public async Task List_FilterConjunction_FindsOpenAccountsAboveFive(string filter)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("where", filter), ("sort", "-amount")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Acme Corp", "Hooli" }));
    }

    [Test]
    public async Task List_FilterNestedOrInsideAnd_Combines()
    {
        var filter = """["and",["status","=","closed"],["or",["amount","<",3],["name","=","Nobody"]]]""";

        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", filter)));

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Umbrella" }));
    }

    [Test]
    public async Task List_FilterOnNullParent_FindsAccountsWithoutParent()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", """["parent","is_not_null",true]""")));

        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Hooli" }));
    }

    [TestCase("""{"colour":"red"}""")]
    [TestCase("""["colour","=","red"]""")]
    [TestCase("""{"$or":[{"status":"open"},{"colour":"red"}]}""")]
    public async Task List_FilterOnUnknownField_Is400InvalidField(string filter)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", filter)));

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("colour"));
        Assert.That(error.GetProperty("object").GetString(), Is.EqualTo("account"));
    }

    [TestCase("{not json")]
    [TestCase("""["amount"]""")]
    [TestCase("""{"amount":{"$regex":"1"}}""")]
    [TestCase("42")]
    public async Task List_MalformedFilter_Is400InvalidFilter(string filter)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("filter", filter)));

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_FILTER");
    }

    [Test]
    public async Task List_Search_MatchesOnlySearchableFields()
    {
        // "acme" is in Acme Corp's name and in Globex's description; only name is searchable.
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("search", "ACME")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(Column(response, "name"), Is.EqualTo(new[] { "Acme Corp" }));
    }

    [Test]
    public async Task List_SearchWithTwoTerms_RequiresBoth()
    {
        var both = await GetAsync(Client, Url("/api/v1/data/account", ("$search", "acme corp")));
        var one = await GetAsync(Client, Url("/api/v1/data/account", ("search", "acme globex")));

        Assert.That(Column(both, "name"), Is.EqualTo(new[] { "Acme Corp" }));
        Assert.That(one.Body.GetProperty("records").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task List_SearchFieldsOutsideSearchable_Is400InvalidField()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/account", ("search", "acme"), ("searchFields", "description")));

        AssertError(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
    }

    [Test]
    public async Task List_WithoutExpand_LookupIsTheId()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/contact", ("last_name", "Lovelace")));

        Assert.That(response.Body.GetProperty("records")[0].GetProperty("account").GetString(), Is.EqualTo(Ids["Hooli"]));
    }

    [TestCase("expand")]
    [TestCase("$expand")]
    [TestCase("populate")]
    public async Task List_ExpandLookup_ReplacesIdWithRecord(string spelling)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/contact", ("last_name", "Lovelace"), (spelling, "account")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var account = response.Body.GetProperty("records")[0].GetProperty("account");
        Assert.That(account.ValueKind, Is.EqualTo(JsonValueKind.Object), response.Text);
        Assert.That(account.GetProperty("id").GetString(), Is.EqualTo(Ids["Hooli"]));
        Assert.That(account.GetProperty("name").GetString(), Is.EqualTo("Hooli"));
        Assert.That(account.GetProperty("parent").GetString(), Is.EqualTo(Ids["Acme Corp"]), "one level only");
    }

    [Test]
    public async Task List_DottedExpand_ExpandsTheNestedLookup()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/contact", ("last_name", "Lovelace"), ("expand", "account.parent")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var parent = response.Body.GetProperty("records")[0].GetProperty("account").GetProperty("parent");
        Assert.That(parent.ValueKind, Is.EqualTo(JsonValueKind.Object), response.Text);
        Assert.That(parent.GetProperty("name").GetString(), Is.EqualTo("Acme Corp"));
    }

    [Test]
    public async Task List_ExpandWithSelect_KeepsTheLookupAndExpandsIt()
    {
        var response = await GetAsync(Client, Url("/api/v1/data/contact", ("last_name", "Turing"), ("select", "last_name"), ("expand", "account")));

        var record = response.Body.GetProperty("records")[0];
        Assert.That(Keys(record), Is.EqualTo(new[] { "account", "id", "last_name" }));
        Assert.That(record.GetProperty("account").GetProperty("name").GetString(), Is.EqualTo("Acme Corp"));
    }

    [TestCase("last_name")]
    [TestCase("employer")]
    [TestCase("account.name")]
    public async Task List_ExpandOfNonLookup_Is400InvalidField(string expand)
    {
        var response = await GetAsync(Client, Url("/api/v1/data/contact", ("expand", expand)));

        var error = AssertError(response, HttpStatusCode.BadRequest, "INVALID_FIELD");
        Assert.That(error.GetProperty("object").GetString(), Is.AnyOf("contact", "account"));
    }
}
