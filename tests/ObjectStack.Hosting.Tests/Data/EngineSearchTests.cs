using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Free-text search: terms are ANDed, each term is ORed across the searchable fields (case-insensitively, and by
/// select option label), narrowing is limited to searchable fields, and the searchable set follows
/// <c>searchableFields</c>, then fields marked <c>searchable</c>, then visible text fields.
/// </summary>
public sealed class EngineSearchTests : SharedEngineHostFixture
{
    protected override string Objects => """
        {
          "product": {
            "fields": {
              "name": { "type": "text" },
              "description": { "type": "textarea" },
              "status": { "type": "select", "options": [ { "value": "in_stock", "label": "Available now" }, { "value": "gone", "label": "Sold out" } ] },
              "sku": { "type": "text" }
            },
            "searchableFields": [ "name", "description", "status" ]
          },
          "article": {
            "fields": {
              "title": { "type": "text", "searchable": true },
              "summary": { "type": "text", "searchable": true },
              "notes": { "type": "text" }
            }
          },
          "contact": {
            "fields": {
              "name": { "type": "text" },
              "city": { "type": "text" },
              "internal": { "type": "text", "hidden": true },
              "age": { "type": "number" }
            }
          },
          "hidden_thing": {
            "fields": { "name": { "type": "text" } },
            "enable": { "searchable": false }
          },
          "counter": {
            "fields": { "value": { "type": "number" } }
          }
        }
        """;

    protected override async Task SeedAsync()
    {
        await InsertAsync("product", ("name", "Red apple"), ("description", "crisp fruit"), ("status", "in_stock"), ("sku", "X1"));
        await InsertAsync("product", ("name", "Green apple"), ("description", "sour fruit"), ("status", "gone"), ("sku", "red-99"));
        await InsertAsync("product", ("name", "Red car"), ("description", "fast vehicle"), ("status", "gone"));
        await InsertAsync("product", ("name", "Blue car"), ("description", "red interior"), ("status", "in_stock"));

        await InsertAsync("article", ("title", "Tides"), ("summary", "the moon pulls"), ("notes", "marker-in-notes"));
        await InsertAsync("article", ("title", "Orbits"), ("summary", "marker-in-summary"));

        await InsertAsync("contact", ("name", "Ann"), ("city", "Oslo"), ("internal", "vip"));
        await InsertAsync("contact", ("name", "Bob"), ("city", "Bergen"), ("age", 42));
        await InsertAsync("hidden_thing", ("name", "x"));
    }

    [TestCase("red", "Blue car,Red apple,Red car", TestName = "Search_OneTerm_MatchesAnySearchableField")]
    [TestCase("RED", "Blue car,Red apple,Red car", TestName = "Search_UpperCaseTerm_IgnoresCase")]
    [TestCase("red apple", "Red apple", TestName = "Search_TwoTerms_MustBothMatch")]
    [TestCase("  apple   red  ", "Red apple", TestName = "Search_ExtraWhitespace_IsIgnored")]
    [TestCase("red fruit", "Red apple", TestName = "Search_TermsInDifferentFields_Match")]
    [TestCase("apple car", "", TestName = "Search_TermsMatchingDifferentRecords_MatchNothing")]
    [TestCase("available", "Blue car,Red apple", TestName = "Search_SelectOptionLabel_Matches")]
    [TestCase("SOLD out", "Green apple,Red car", TestName = "Search_TwoTermsOfOneLabel_Match")]
    [TestCase("stock", "Blue car,Red apple", TestName = "Search_SelectOptionValue_Matches")]
    [TestCase("x1", "", TestName = "Search_NonSearchableField_IsNotSearched")]
    [TestCase("ppl", "Green apple,Red apple", TestName = "Search_Term_MatchesInsideWords")]
    public async Task Search_Products(string search, string expected)
    {
        var names = await SearchAsync("product", search);

        Assert.That(names, Is.EqualTo(expected.Length == 0 ? [] : expected.Split(',').ToList()));
    }

    [Test]
    public async Task Search_NarrowedToOneSearchableField_LooksOnlyThere()
    {
        Assert.That(await SearchAsync("product", "red", ["description"]), Is.EqualTo(new[] { "Blue car" }));
        Assert.That(await SearchAsync("product", "red", ["name"]), Is.EqualTo(new[] { "Red apple", "Red car" }));
    }

    [Test]
    public void Search_NarrowedToANonSearchableField_IsInvalidField()
    {
        var exception = Refused(DataErrorCode.InvalidField, () => SearchAsync("product", "red", ["sku"]));

        Assert.That(exception.Message, Does.Contain("sku").And.Contain("not searchable"));
    }

    [Test]
    public void Search_NarrowedToAnUnknownField_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => SearchAsync("product", "red", ["nmae"]));

    [Test]
    public async Task Search_CombinedWithAFilter_BothApply()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "product",
            Search = "red",
            Filter = Where("""{ "status": "gone" }"""),
        });

        Assert.That(result.Records.Select(r => r["name"]), Is.EqualTo(new[] { "Red car" }));
    }

    [Test]
    public async Task Search_FieldsMarkedSearchable_FormTheSearchSetWithoutSearchableFields()
    {
        Assert.That(await SearchAsync("article", "marker", field: "title"), Is.EqualTo(new[] { "Orbits" }), "notes is not marked searchable");
        Assert.That(await SearchAsync("article", "moon", field: "title"), Is.EqualTo(new[] { "Tides" }));
        Refused(DataErrorCode.InvalidField, () => SearchAsync("article", "marker", ["notes"], field: "title"));
    }

    [Test]
    public async Task Search_NothingDeclared_SearchesVisibleTextFieldsOnly()
    {
        Assert.That(await SearchAsync("contact", "oslo"), Is.EqualTo(new[] { "Ann" }));
        Assert.That(await SearchAsync("contact", "vip"), Is.Empty, "hidden fields are not searched by default");
        Assert.That(await SearchAsync("contact", "42"), Is.Empty, "number fields are not searched");
    }

    [Test]
    public void Search_ObjectWithSearchDisabled_IsInvalidQuery() =>
        Refused(DataErrorCode.InvalidQuery, () => SearchAsync("hidden_thing", "x"));

    [Test]
    public void Search_ObjectWithoutTextFields_IsInvalidQuery() =>
        Refused(DataErrorCode.InvalidQuery, () => SearchAsync("counter", "1", field: "value"));

    [Test]
    public async Task Search_BlankText_MatchesEverything()
    {
        Assert.That(await SearchAsync("product", "   "), Has.Count.EqualTo(4));
    }

    private async Task<List<string>> SearchAsync(string objectName, string search, IReadOnlyList<string>? fields = null, string field = "name")
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = objectName, Search = search, SearchFields = fields });
        return result.Records.Select(r => (string)r[field]!).Order(StringComparer.Ordinal).ToList();
    }
}
