using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// The operators on the field types <see cref="FilterOperatorConformance{THarness}"/> leaves out — lookups, selects,
/// tags, percentages, the text variants, times — with nulls, empty lists, exact boundaries and text outside the Basic
/// Multilingual Plane, where one character is two UTF-16 units.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class FieldTypeFilterConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override string Objects => """
        {
          "person": { "fields": { "name": { "type": "text" } } },
          "thing": {
            "fields": {
              "name": { "type": "text" },
              "label": { "type": "text" },
              "body": { "type": "textarea" },
              "mail": { "type": "email" },
              "site": { "type": "url" },
              "tel": { "type": "phone" },
              "doc": { "type": "markdown" },
              "owner": { "type": "lookup", "reference": "person" },
              "status": { "type": "select", "options": [ { "value": "new" }, { "value": "open" }, { "value": "closed" } ] },
              "colors": { "type": "multiselect", "options": [ { "value": "red" }, { "value": "green" }, { "value": "blue" } ] },
              "tags": { "type": "tags" },
              "pct": { "type": "percent" },
              "price": { "type": "currency" },
              "clock": { "type": "time" },
              "day": { "type": "date" },
              "at": { "type": "datetime" },
              "flag": { "type": "boolean" },
              "meta": { "type": "json" }
            }
          }
        }
        """;

    /// <inheritdoc />
    protected override async Task SeedAsync()
    {
        var ann = await InsertAsync("person", ("name", "ann"));
        var bob = await InsertAsync("person", ("name", "bob"));
        await InsertAsync("thing",
            ("name", "one"), ("label", "Straße 😀 café"), ("body", "first line\nsecond line"), ("mail", "ann@example.com"), ("site", "https://example.com/a"),
            ("tel", "+1 555 0100"), ("doc", "# One"), ("owner", ann), ("status", "new"), ("colors", new List<string> { "red" }), ("tags", new List<string> { "x", "y" }),
            ("pct", 0m), ("price", 0.01m), ("clock", "00:00"), ("day", "2024-01-01"), ("at", "2024-01-01T00:00:00Z"), ("flag", true), ("meta", Json("""{ "a": 1 }""")));
        await InsertAsync("thing",
            ("name", "two"), ("label", "STRASSE cafe"), ("body", "second"), ("mail", "bob@example.org"), ("site", "http://example.org"),
            ("tel", "+44 20 7946 0000"), ("doc", "## Two"), ("owner", bob), ("status", "open"), ("colors", new List<string> { "green", "blue" }), ("tags", new List<string>()),
            ("pct", 100m), ("price", -0.01m), ("clock", "23:59:59.999"), ("day", "2024-12-31"), ("at", "2024-12-31T23:59:59.999Z"), ("flag", false), ("meta", Json("[1, 2]")));
        await InsertAsync("thing",
            ("name", "three"), ("label", "日本語テキスト"), ("status", "closed"), ("colors", new List<string>()), ("tags", new List<string> { "Y" }),
            ("pct", 50.5m), ("price", 1000000m), ("clock", "12:00"), ("day", "2024-06-15"), ("at", "2024-06-15T12:00:00Z"));
        await InsertAsync("thing", ("name", "four"));
        await InsertAsync("thing",
            ("name", "five"), ("label", "emoji 👍🏽 here"), ("owner", ann), ("status", "open"),
            ("pct", -0.5m), ("price", 0m), ("clock", "12:00:00.001"), ("day", "2024-06-16"), ("at", "2024-06-15T12:00:00.001Z"));
    }

    /// <summary>Lookups compare ids; <c>$ne</c> and <c>$nin</c> include records without a reference; a missing id matches nothing.</summary>
    [TestCase("""{ "owner": { "$eq": "{ann}" } }""", "five,one")]
    [TestCase("""{ "owner": { "$ne": "{ann}" } }""", "four,three,two")]
    [TestCase("""{ "owner": { "$in": ["{ann}", "{bob}"] } }""", "five,one,two")]
    [TestCase("""{ "owner": { "$nin": ["{ann}"] } }""", "four,three,two")]
    [TestCase("""{ "owner": { "$in": ["{ann}", null] } }""", "five,four,one,three")]
    [TestCase("""{ "owner": { "$null": true } }""", "four,three")]
    [TestCase("""{ "owner": { "$exists": true } }""", "five,one,two")]
    [TestCase("""{ "owner": "no-such-record" }""", "")]
    public async Task Lookup_Operators_CompareIdsNullSafely(string filter, string expected)
    {
        var people = await FindAllAsync(Engine, "person");
        var resolved = filter.Replace("{ann}", Id(people, "ann"), StringComparison.Ordinal).Replace("{bob}", Id(people, "bob"), StringComparison.Ordinal);
        Assert.That(await NamesAsync(resolved), Is.EqualTo(Split(expected)));
    }

    /// <summary>Select, multiselect and tags fields: option values compare exactly; an empty list is not null.</summary>
    [TestCase("""{ "status": "open" }""", "five,two")]
    [TestCase("""{ "status": { "$ne": "open" } }""", "four,one,three")]
    [TestCase("""{ "status": { "$in": ["new", "closed"] } }""", "one,three")]
    [TestCase("""{ "status": { "$nin": ["open"] } }""", "four,one,three")]
    [TestCase("""{ "status": { "$null": true } }""", "four")]
    [TestCase("""{ "colors": { "$contains": "blue" } }""", "two")]
    [TestCase("""{ "colors": { "$notContains": "red" } }""", "five,four,three,two")]
    [TestCase("""{ "colors": { "$null": true } }""", "five,four")]
    [TestCase("""{ "colors": "red" }""", "one")]
    [TestCase("""{ "colors": { "$in": ["red", "green"] } }""", "one,two")]
    [TestCase("""{ "colors": { "$nin": ["red", "green"] } }""", "five,four,three")]
    [TestCase("""{ "tags": "y" }""", "one")]
    [TestCase("""{ "tags": "Y" }""", "three")]
    [TestCase("""{ "tags": { "$in": ["y", "Y"] } }""", "one,three")]
    [TestCase("""{ "tags": { "$nin": ["x"] } }""", "five,four,three,two")]
    [TestCase("""{ "tags": { "$exists": false } }""", "five,four")]
    public async Task OptionAndListFields_Operators_MatchValuesExactly(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Percentages and amounts compare numerically, exactly at zero and one cent either side.</summary>
    [TestCase("""{ "pct": { "$gt": 0 } }""", "three,two")]
    [TestCase("""{ "pct": { "$gte": 0 } }""", "one,three,two")]
    [TestCase("""{ "pct": { "$lt": 0 } }""", "five")]
    [TestCase("""{ "pct": { "$between": [0, 50.5] } }""", "one,three")]
    [TestCase("""{ "pct": 100 }""", "two")]
    [TestCase("""{ "pct": { "$ne": 0 } }""", "five,four,three,two")]
    [TestCase("""{ "price": { "$gt": 0 } }""", "one,three")]
    [TestCase("""{ "price": { "$lt": 0 } }""", "two")]
    [TestCase("""{ "price": 0 }""", "five")]
    [TestCase("""{ "price": { "$between": [-0.01, 0.01] } }""", "five,one,two")]
    [TestCase("""{ "price": { "$gte": 1000000 } }""", "three")]
    [TestCase("""{ "price": { "$null": true } }""", "four")]
    public async Task PercentAndCurrency_Boundaries_CompareNumerically(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Times, dates and instants: membership, negation and ranges, exact to the millisecond and null-safe.</summary>
    [TestCase("""{ "clock": { "$gt": "12:00" } }""", "five,two")]
    [TestCase("""{ "clock": { "$gte": "12:00" } }""", "five,three,two")]
    [TestCase("""{ "clock": { "$lt": "00:00:00.001" } }""", "one")]
    [TestCase("""{ "clock": { "$lte": "23:59:59.998" } }""", "five,one,three")]
    [TestCase("""{ "clock": { "$between": ["12:00", "12:00:00.001"] } }""", "five,three")]
    [TestCase("""{ "clock": { "$in": ["00:00", "12:00"] } }""", "one,three")]
    [TestCase("""{ "clock": { "$nin": ["00:00"] } }""", "five,four,three,two")]
    [TestCase("""{ "clock": { "$ne": "12:00" } }""", "five,four,one,two")]
    [TestCase("""{ "day": { "$in": ["2024-01-01", "2024-12-31"] } }""", "one,two")]
    [TestCase("""{ "day": { "$nin": ["2024-01-01"] } }""", "five,four,three,two")]
    [TestCase("""{ "day": { "$ne": "2024-06-15" } }""", "five,four,one,two")]
    [TestCase("""{ "day": { "$between": ["2024-06-15", "2024-06-16"] } }""", "five,three")]
    [TestCase("""{ "day": { "$gt": "2024-06-15" } }""", "five,two")]
    [TestCase("""{ "at": { "$in": ["2024-06-15T12:00:00Z", "2024-12-31T23:59:59.999Z"] } }""", "three,two")]
    [TestCase("""{ "at": { "$nin": ["2024-01-01T00:00:00Z"] } }""", "five,four,three,two")]
    [TestCase("""{ "at": { "$gt": "2024-06-15T12:00:00Z" } }""", "five,two")]
    [TestCase("""{ "at": { "$lte": "2024-06-15T14:00:00.001+02:00" } }""", "five,one,three")]
    [TestCase("""{ "at": { "$ne": "2024-06-15T12:00:00.000Z" } }""", "five,four,one,two")]
    [TestCase("""{ "at": { "$between": ["2024-06-15T12:00:00.001Z", "2025-01-01T00:00:00Z"] } }""", "five,two")]
    public async Task Temporal_MembershipAndRanges_AreExactAndNullSafe(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Booleans with nulls: negation and membership include or exclude null records as written.</summary>
    [TestCase("""{ "flag": { "$nin": [true] } }""", "five,four,three,two")]
    [TestCase("""{ "flag": { "$ne": false } }""", "five,four,one,three")]
    [TestCase("""{ "flag": { "$in": [false, null] } }""", "five,four,three,two")]
    [TestCase("""{ "flag": null }""", "five,four,three")]
    public async Task Boolean_NullsAndNegation_AreNullSafe(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Textarea, e-mail, URL, phone and Markdown fields take the text operators like text.</summary>
    [TestCase("""{ "body": { "$contains": "second" } }""", "one,two")]
    [TestCase("""{ "body": { "$contains": "\n" } }""", "one")]
    [TestCase("""{ "mail": { "$endsWith": "@example.com" } }""", "one")]
    [TestCase("""{ "mail": { "$icontains": "EXAMPLE.ORG" } }""", "two")]
    [TestCase("""{ "site": { "$startsWith": "https://" } }""", "one")]
    [TestCase("""{ "tel": { "$contains": "555" } }""", "one")]
    [TestCase("""{ "doc": { "$startsWith": "##" } }""", "two")]
    [TestCase("""{ "doc": { "$notContains": "#" } }""", "five,four,three")]
    public async Task TextVariants_TextOperators_ApplyLikeText(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Text beyond ASCII and beyond the Basic Multilingual Plane: a surrogate pair is one character for <c>_</c>; case folding covers accented letters.</summary>
    [TestCase("""{ "label": "Straße 😀 café" }""", "one")]
    [TestCase("""{ "label": { "$ne": "STRASSE cafe" } }""", "five,four,one,three")]
    [TestCase("""{ "label": { "$contains": "😀" } }""", "one")]
    [TestCase("""{ "label": { "$startsWith": "Straße" } }""", "one")]
    [TestCase("""{ "label": { "$endsWith": "café" } }""", "one")]
    [TestCase("""{ "label": { "$endsWith": "テキスト" } }""", "three")]
    [TestCase("""{ "label": { "$icontains": "CAFÉ" } }""", "one")]
    [TestCase("""{ "label": { "$icontains": "CAFE" } }""", "two", TestName = "IContains_AccentedLetters_AreNotFolded")]
    [TestCase("""{ "label": { "$icontains": "日本語" } }""", "three")]
    [TestCase("""{ "label": { "$like": "%caf_" } }""", "one,two")]
    [TestCase("""{ "label": { "$like": "Straße _ café" } }""", "one", TestName = "Like_Underscore_MatchesOneCharacterOutsideTheBmp")]
    [TestCase("""{ "label": { "$like": "emoji __ here" } }""", "five", TestName = "Like_Underscores_MatchAnEmojiWithItsModifier")]
    [TestCase("""{ "label": { "$like": "emoji _ here" } }""", "")]
    [TestCase("""{ "label": { "$ilike": "%CAFÉ" } }""", "one")]
    public async Task Unicode_TextOperators_CountCharactersNotUnits(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Range operators on lower-case text compare alphabetically.</summary>
    [TestCase("""{ "name": { "$gt": "one" } }""", "three,two")]
    [TestCase("""{ "name": { "$lt": "four" } }""", "five")]
    [TestCase("""{ "name": { "$between": ["four", "three"] } }""", "four,one,three")]
    public async Task Text_Ranges_CompareAlphabetically(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>JSON fields take only <c>$null</c> and <c>$exists</c>.</summary>
    [TestCase("""{ "meta": { "$exists": true } }""", "one,two")]
    [TestCase("""{ "meta": { "$null": true } }""", "five,four,three")]
    public async Task Json_PresenceOperators_Apply(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Operators that do not apply to a field type are invalid filters.</summary>
    [TestCase("""{ "meta": { "$eq": 1 } }""")]
    [TestCase("""{ "flag": { "$gt": true } }""")]
    [TestCase("""{ "tags": { "$gt": "a" } }""")]
    [TestCase("""{ "flag": { "$contains": "t" } }""")]
    [TestCase("""{ "day": { "$like": "2024%" } }""")]
    public void Operators_NotApplicableToTheType_AreInvalidFilters(string filter) =>
        Refused(DataErrorCode.InvalidFilter, () => NamesAsync(filter));

    private static string Id(IReadOnlyList<IReadOnlyDictionary<string, object?>> records, string name) =>
        (string)records.Single(r => (string?)r["name"] == name)["id"]!;

    private Task<List<string>> NamesAsync(string filter) => ValuesOfAsync(Engine, "thing", Where(filter));
}
