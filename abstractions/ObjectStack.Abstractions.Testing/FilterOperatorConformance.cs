using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Every filter operator, over five records chosen so that each operator's edges show: nulls, ties, letter case,
/// non-ASCII text, wildcards inside values, and list fields.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class FilterOperatorConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override string Objects => """
        {
          "specimen": {
            "fields": {
              "name": { "type": "text", "required": true },
              "label": { "type": "text" },
              "qty": { "type": "number", "scale": 0 },
              "price": { "type": "currency" },
              "born": { "type": "date" },
              "seen": { "type": "datetime" },
              "at": { "type": "time" },
              "active": { "type": "boolean" },
              "tags": { "type": "tags" },
              "colors": { "type": "multiselect", "options": [ { "value": "red" }, { "value": "green" }, { "value": "blue" } ] },
              "meta": { "type": "json" }
            }
          }
        }
        """;

    /// <inheritdoc />
    protected override async Task SeedAsync()
    {
        await InsertAsync("specimen",
            ("name", "alpha"), ("label", "Alpha Beta"), ("qty", 1), ("price", 1.50m), ("born", new DateOnly(2024, 1, 10)),
            ("seen", Instant("2024-01-10T08:00:00Z")), ("at", new TimeOnly(8, 0)), ("active", true),
            ("tags", new List<string> { "a", "b" }), ("colors", new List<string> { "red" }), ("meta", Json("""{ "x": 1 }""")));
        await InsertAsync("specimen",
            ("name", "bravo"), ("label", "alphabet soup"), ("qty", 5), ("price", 10m), ("born", new DateOnly(2024, 6, 15)),
            ("seen", Instant("2024-06-15T12:30:00Z")), ("at", new TimeOnly(17, 45)), ("active", false),
            ("tags", new List<string> { "b" }), ("colors", new List<string> { "green", "blue" }));
        await InsertAsync("specimen",
            ("name", "charlie"), ("label", "100% pure_cotton"), ("qty", 10), ("price", 99.99m), ("born", new DateOnly(2025, 1, 1)),
            ("seen", Instant("2025-01-01T00:00:00Z")), ("active", true), ("tags", new List<string> { "c" }), ("colors", new List<string>()));
        await InsertAsync("specimen", ("name", "delta"), ("label", "Ünïcode"));
        await InsertAsync("specimen",
            ("name", "echo"), ("qty", 7), ("born", new DateOnly(2024, 6, 15)), ("seen", Instant("2024-06-15T12:30:00.001Z")),
            ("active", false), ("tags", new List<string> { "A" }));
    }

    /// <summary><c>$eq</c> and the implicit equality match equal values only: case-sensitive text, null as a value, dates, and instants compared in UTC.</summary>
    [TestCase("""{ "qty": 5 }""", "bravo")]
    [TestCase("""{ "qty": { "$eq": 5 } }""", "bravo")]
    [TestCase("""{ "label": "Alpha Beta" }""", "alpha")]
    [TestCase("""{ "label": "alpha beta" }""", "", TestName = "Eq_TextDiffersInCase_MatchesNothing")]
    [TestCase("""{ "qty": null }""", "delta")]
    [TestCase("""{ "qty": { "$eq": null } }""", "delta")]
    [TestCase("""{ "born": "2024-06-15" }""", "bravo,echo")]
    [TestCase("""{ "seen": "2024-06-15T14:30:00+02:00" }""", "bravo", TestName = "Eq_InstantWithOffset_ComparesAsUtc")]
    public async Task Eq_Value_MatchesEqualRecordsOnly(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary><c>$ne</c> also matches records whose field is null.</summary>
    [TestCase("""{ "qty": { "$ne": 5 } }""", "alpha,charlie,delta,echo")]
    [TestCase("""{ "label": { "$ne": "Alpha Beta" } }""", "bravo,charlie,delta,echo")]
    [TestCase("""{ "active": { "$ne": true } }""", "bravo,delta,echo")]
    [TestCase("""{ "qty": { "$ne": null } }""", "alpha,bravo,charlie,echo")]
    public async Task Ne_Value_IsNullSafe(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Range operators compare numbers numerically and never match nulls.</summary>
    [TestCase("""{ "qty": { "$gt": 5 } }""", "charlie,echo")]
    [TestCase("""{ "qty": { "$gte": 5 } }""", "bravo,charlie,echo")]
    [TestCase("""{ "qty": { "$lt": 5 } }""", "alpha")]
    [TestCase("""{ "qty": { "$lte": 5 } }""", "alpha,bravo")]
    [TestCase("""{ "price": { "$gt": 1.5 } }""", "bravo,charlie")]
    [TestCase("""{ "price": { "$gte": 1.5 } }""", "alpha,bravo,charlie")]
    [TestCase("""{ "qty": { "$gt": -1000 } }""", "alpha,bravo,charlie,echo")]
    public async Task Range_Numbers_CompareNumericallyAndSkipNulls(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Range operators compare dates chronologically.</summary>
    [TestCase("""{ "born": { "$gt": "2024-06-15" } }""", "charlie")]
    [TestCase("""{ "born": { "$gte": "2024-06-15" } }""", "bravo,charlie,echo")]
    [TestCase("""{ "born": { "$lt": "2024-06-15" } }""", "alpha")]
    [TestCase("""{ "born": { "$lte": "2024-06-15" } }""", "alpha,bravo,echo")]
    public async Task Range_Dates_CompareChronologically(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Range operators compare instants (in UTC) and times chronologically, to the millisecond.</summary>
    [TestCase("""{ "seen": { "$gt": "2024-06-15T12:30:00Z" } }""", "charlie,echo")]
    [TestCase("""{ "seen": { "$gte": "2024-06-15T12:30:00Z" } }""", "bravo,charlie,echo")]
    [TestCase("""{ "seen": { "$lt": "2024-06-15T14:30:00+02:00" } }""", "alpha")]
    [TestCase("""{ "seen": { "$lte": "2024-06-15T14:30:00+02:00" } }""", "alpha,bravo")]
    [TestCase("""{ "seen": { "$gt": "2024-06-15" } }""", "bravo,charlie,echo", TestName = "Range_DatetimeAgainstDate_MeansMidnightUtc")]
    [TestCase("""{ "at": { "$gt": "09:00" } }""", "bravo")]
    [TestCase("""{ "at": { "$lte": "08:00:00" } }""", "alpha")]
    public async Task Range_InstantsAndTimes_CompareChronologicallyToTheMillisecond(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary><c>$in</c> and <c>$nin</c> test membership, with null as a member and empty lists matching nothing or everything.</summary>
    [TestCase("""{ "qty": { "$in": [1, 10] } }""", "alpha,charlie")]
    [TestCase("""{ "qty": { "$in": [1, null] } }""", "alpha,delta")]
    [TestCase("""{ "name": { "$in": ["alpha", "zulu"] } }""", "alpha")]
    [TestCase("""{ "qty": { "$in": [] } }""", "")]
    [TestCase("""{ "qty": { "$nin": [1, 10] } }""", "bravo,delta,echo")]
    [TestCase("""{ "qty": { "$nin": [1, null] } }""", "bravo,charlie,echo")]
    [TestCase("""{ "qty": { "$nin": [] } }""", "alpha,bravo,charlie,delta,echo")]
    [TestCase("""{ "born": { "$in": ["2024-01-10", "2025-01-01"] } }""", "alpha,charlie")]
    public async Task InNin_List_MatchMembershipWithNullAsAMember(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary><c>$between</c> includes both ends, on numbers, currency, dates and instants.</summary>
    [TestCase("""{ "qty": { "$between": [5, 10] } }""", "bravo,charlie,echo")]
    [TestCase("""{ "price": { "$between": [1.5, 10] } }""", "alpha,bravo")]
    [TestCase("""{ "born": { "$between": ["2024-01-10", "2024-06-15"] } }""", "alpha,bravo,echo")]
    [TestCase("""{ "seen": { "$between": ["2024-01-10T08:00:00Z", "2024-06-15T12:30:00Z"] } }""", "alpha,bravo")]
    public async Task Between_Range_IsInclusiveAtBothEnds(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary><c>$contains</c>, <c>$startsWith</c> and <c>$endsWith</c> are case-sensitive and treat wildcard characters literally.</summary>
    [TestCase("""{ "label": { "$contains": "alpha" } }""", "bravo")]
    [TestCase("""{ "label": { "$contains": "Alpha" } }""", "alpha")]
    [TestCase("""{ "label": { "$contains": "% pure_" } }""", "charlie", TestName = "Contains_WildcardCharacters_AreLiteral")]
    [TestCase("""{ "label": { "$startsWith": "Alpha" } }""", "alpha")]
    [TestCase("""{ "label": { "$startsWith": "alpha" } }""", "bravo")]
    [TestCase("""{ "label": { "$startsWith": "ALPHA" } }""", "")]
    [TestCase("""{ "label": { "$startsWith": "100%" } }""", "charlie")]
    [TestCase("""{ "label": { "$endsWith": "soup" } }""", "bravo")]
    [TestCase("""{ "label": { "$endsWith": "Soup" } }""", "")]
    [TestCase("""{ "label": { "$endsWith": "Beta" } }""", "alpha")]
    [TestCase("""{ "label": { "$endsWith": "a much longer suffix than any label" } }""", "")]
    public async Task ContainsStartsEnds_Text_AreCaseSensitive(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary><c>$icontains</c> ignores case, including outside ASCII.</summary>
    [TestCase("""{ "label": { "$icontains": "ALPHA" } }""", "alpha,bravo")]
    [TestCase("""{ "label": { "$icontains": "alpha b" } }""", "alpha")]
    [TestCase("""{ "label": { "$icontains": "Ünïcode" } }""", "delta")]
    [TestCase("""{ "label": { "$icontains": "ünïCODE" } }""", "delta")]
    [TestCase("""{ "label": { "$icontains": "ÜNÏ" } }""", "delta")]
    public async Task IContains_Text_IgnoresCaseIncludingNonAscii(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary><c>$notContains</c> is case-sensitive and matches null fields.</summary>
    [TestCase("""{ "label": { "$notContains": "alpha" } }""", "alpha,charlie,delta,echo")]
    [TestCase("""{ "label": { "$notContains": "a" } }""", "charlie,delta,echo")]
    public async Task NotContains_Text_IsCaseSensitiveAndNullSafe(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary><c>$like</c> and <c>$ilike</c> honour <c>%</c>, <c>_</c> and the <c>\</c> escape, case-sensitively and not.</summary>
    [TestCase("""{ "label": { "$like": "alpha%" } }""", "bravo")]
    [TestCase("""{ "label": { "$like": "Alpha%" } }""", "alpha")]
    [TestCase("""{ "label": { "$like": "_lpha%" } }""", "alpha,bravo")]
    [TestCase("""{ "label": { "$like": "%Beta" } }""", "alpha")]
    [TestCase("""{ "label": { "$like": "alpha" } }""", "", TestName = "Like_NoWildcard_NeedsTheWholeValue")]
    [TestCase("""{ "label": { "$like": "100\\% pure%" } }""", "charlie", TestName = "Like_EscapedPercent_IsLiteral")]
    [TestCase("""{ "label": { "$like": "Alpha_Beta" } }""", "alpha")]
    [TestCase("""{ "label": { "$like": "Alpha__Beta" } }""", "", TestName = "Like_Underscore_MatchesExactlyOneCharacter")]
    [TestCase("""{ "label": { "$ilike": "ALPHA%" } }""", "alpha,bravo")]
    [TestCase("""{ "label": { "$ilike": "%SOUP" } }""", "bravo")]
    [TestCase("""{ "label": { "$ilike": "ü_ïcode" } }""", "delta")]
    public async Task LikeILike_Patterns_HonourPercentAndUnderscore(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary><c>$null</c> and <c>$exists</c> match the presence or absence of a value, on numbers, text and json.</summary>
    [TestCase("""{ "qty": { "$null": true } }""", "delta")]
    [TestCase("""{ "qty": { "$null": false } }""", "alpha,bravo,charlie,echo")]
    [TestCase("""{ "qty": { "$exists": true } }""", "alpha,bravo,charlie,echo")]
    [TestCase("""{ "qty": { "$exists": false } }""", "delta")]
    [TestCase("""{ "meta": { "$exists": true } }""", "alpha")]
    [TestCase("""{ "meta": { "$null": true } }""", "bravo,charlie,delta,echo")]
    [TestCase("""{ "label": { "$null": true } }""", "echo")]
    public async Task NullExists_Flag_MatchesPresenceOfAValue(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>On tags and multiselect fields, operators test membership of items, case-sensitively.</summary>
    [TestCase("""{ "tags": "b" }""", "alpha,bravo")]
    [TestCase("""{ "tags": { "$eq": "a" } }""", "alpha", TestName = "ListEq_IsCaseSensitive")]
    [TestCase("""{ "tags": { "$contains": "A" } }""", "echo")]
    [TestCase("""{ "tags": { "$in": ["c", "A"] } }""", "charlie,echo")]
    [TestCase("""{ "tags": { "$nin": ["b"] } }""", "charlie,delta,echo")]
    [TestCase("""{ "tags": { "$notContains": "b" } }""", "charlie,delta,echo")]
    [TestCase("""{ "colors": "blue" }""", "bravo")]
    [TestCase("""{ "colors": { "$in": ["red", "blue"] } }""", "alpha,bravo")]
    [TestCase("""{ "colors": { "$nin": ["red"] } }""", "bravo,charlie,delta,echo")]
    [TestCase("""{ "colors": { "$in": [] } }""", "")]
    public async Task ListFields_Operators_TestMembershipOfItems(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>Booleans match exactly; null is neither true nor false.</summary>
    [TestCase("""{ "active": true }""", "alpha,charlie")]
    [TestCase("""{ "active": false }""", "bravo,echo")]
    [TestCase("""{ "active": { "$in": [true, null] } }""", "alpha,charlie,delta")]
    public async Task Boolean_Values_MatchExactly(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>String comparands on number and boolean fields are coerced to the field's type.</summary>
    [TestCase("""{ "qty": { "$gt": "5" } }""", "charlie,echo")]
    [TestCase("""{ "qty": "10" }""", "charlie")]
    [TestCase("""{ "price": { "$lte": "1.5" } }""", "alpha")]
    [TestCase("""{ "active": "false" }""", "bravo,echo")]
    [TestCase("""{ "active": { "$ne": "true" } }""", "bravo,delta,echo")]
    [TestCase("""{ "qty": { "$in": ["1", "7"] } }""", "alpha,echo")]
    [TestCase("""{ "qty": { "$between": ["2", "8"] } }""", "bravo,echo")]
    public async Task StringComparands_NumberAndBooleanFields_AreCoerced(string filter, string expected) =>
        Assert.That(await NamesAsync(filter), Is.EqualTo(Split(expected)));

    /// <summary>String comparands that do not parse as the field's type are invalid filters.</summary>
    [TestCase("""{ "qty": { "$gt": "five" } }""")]
    [TestCase("""{ "active": "yes" }""")]
    [TestCase("""{ "born": { "$gt": "15/06/2024" } }""")]
    [TestCase("""{ "seen": { "$gt": "2024-06-15T12:30:00" } }""", TestName = "StringComparand_InstantWithoutOffset_IsRefused")]
    public void StringComparands_Unparsable_AreInvalidFilters(string filter) =>
        Refused(DataErrorCode.InvalidFilter, () => NamesAsync(filter));

    private Task<List<string>> NamesAsync(string filter) => ValuesOfAsync(Engine, "specimen", Where(filter));
}
