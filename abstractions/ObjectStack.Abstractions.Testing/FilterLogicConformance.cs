using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Logical composition and the wire forms of a filter: <c>$and</c>/<c>$or</c>/<c>$not</c> (also empty and over null
/// values), the array form, the flat list of conditions, and filters built directly from the AST.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class FilterLogicConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override string Objects => """
        {
          "gadget": {
            "fields": {
              "name": { "type": "text", "required": true },
              "qty": { "type": "number" },
              "color": { "type": "text" },
              "active": { "type": "boolean" }
            }
          }
        }
        """;

    /// <inheritdoc />
    protected override async Task SeedAsync()
    {
        foreach (var (name, qty, color, active) in new (string, int?, string?, bool?)[]
        {
            ("a", 1, "red", true),
            ("b", 5, "blue", false),
            ("c", 10, null, true),
            ("d", null, "red", null),
        })
        {
            await InsertAsync("gadget", ("name", name), ("qty", qty), ("color", color), ("active", active));
        }
    }

    /// <summary><c>$and</c>, <c>$or</c> and <c>$not</c> combine conditions; empty groups and negations over null values follow two-valued logic.</summary>
    [TestCase("""{ "qty": { "$gt": 1 }, "color": "blue" }""", "b", TestName = "Object_SeveralFields_AreAnded")]
    [TestCase("""{ "qty": { "$gt": 1, "$lt": 10 } }""", "b", TestName = "Object_SeveralOperatorsOnOneField_AreAnded")]
    [TestCase("""{ "$or": [ { "qty": 1 }, { "color": "blue" } ] }""", "a,b")]
    [TestCase("""{ "$and": [ { "color": "red" }, { "$or": [ { "qty": 1 }, { "qty": null } ] } ] }""", "a,d")]
    [TestCase("""{ "$and": [] }""", "a,b,c,d", TestName = "And_Empty_MatchesEverything")]
    [TestCase("""{ "$or": [] }""", "", TestName = "Or_Empty_MatchesNothing")]
    [TestCase("""{ "$not": { "color": "red" } }""", "b,c", TestName = "Not_EqOnNullableField_IncludesRecordsWithoutAValue")]
    [TestCase("""{ "$not": { "name": "a" } }""", "b,c,d")]
    [TestCase("""{ "$not": { "$or": [ { "name": "a" }, { "name": "b" } ] } }""", "c,d")]
    [TestCase("""{ "$not": { "qty": { "$ne": 5 } } }""", "b", TestName = "Not_NullSafeNe_IsEq")]
    [TestCase("""{ "$not": { "$not": { "qty": { "$gt": 5 } } } }""", "c", TestName = "Not_Twice_IsTheOriginalFilter")]
    [TestCase("""{ "$not": { "$and": [ { "color": "red" }, { "qty": { "$gt": 0 } } ] } }""", "b,c,d", TestName = "Not_AndWithUnknownParts_IsTheComplement")]
    [TestCase("""{ "$not": { "$or": [ { "color": "blue" }, { "qty": { "$lt": 5 } } ] } }""", "c,d", TestName = "Not_OrWithUnknownParts_IsTheComplement")]
    [TestCase("""{ "$not": {} }""", "", TestName = "Not_EmptyCondition_MatchesNothing")]
    public async Task ObjectForm_Logic_Combines(string filter, string expected) =>
        Assert.That(await NamesAsync(Where(filter)), Is.EqualTo(Split(expected)));

    /// <summary>Array-form filters and flat lists of conditions match like the object form.</summary>
    [TestCase("""["qty", ">=", 5]""", "b,c")]
    [TestCase("""["qty", "between", [1, 5]]""", "a,b")]
    [TestCase("""["color", "!=", "red"]""", "b,c", TestName = "ArrayForm_NotEquals_IsNullSafe")]
    [TestCase("""["qty", "is_null"]""", "d")]
    [TestCase("""["qty", "is_not_null"]""", "a,b,c")]
    [TestCase("""["name", "in", ["a", "c"]]""", "a,c")]
    [TestCase("""["and", ["qty", ">", 1], ["qty", "<", 10]]""", "b")]
    [TestCase("""["or", ["name", "=", "a"], ["name", "=", "d"]]""", "a,d")]
    [TestCase("""["or", ["name", "=", "a"], ["and", ["active", "=", true], ["qty", ">", 5]]]""", "a,c")]
    [TestCase("""[["qty", ">", 1], ["active", "=", true]]""", "c", TestName = "FlatList_OfConditions_IsAnded")]
    [TestCase("""[["color", "=", "red"], { "qty": { "$lt": 5 } }]""", "a", TestName = "FlatList_MixingObjectConditions_IsAnded")]
    [TestCase("""["active", "=", "true"]""", "a,c", TestName = "ArrayForm_StringBoolean_IsCoerced")]
    public async Task ArrayForm_Conditions_MatchLikeTheObjectForm(string filter, string expected) =>
        Assert.That(await NamesAsync(Where(filter)), Is.EqualTo(Split(expected)));

    /// <summary>A negated comparison matches every record the comparison does not, including records whose field is null.</summary>
    [Test]
    public async Task Not_ComparisonOverNullValues_MatchesEveryRecordTheChildDoesNotMatch()
    {
        // NotFilter is documented as "matches when the child does not": qty > 5 does not match d (qty null), so NOT must.
        var child = new ComparisonFilter("qty", FilterOperator.Gt, 5);

        var matched = await NamesAsync(child);
        var negated = await NamesAsync(new NotFilter(child));

        Assert.That(matched, Is.EqualTo(new[] { "c" }));
        Assert.That(negated, Is.EqualTo(new[] { "a", "b", "d" }), "NOT(qty > 5) should be the complement of qty > 5, including the record whose qty is null");
    }

    /// <summary>A negated <c>$in</c> matches the complement, including records whose field is null.</summary>
    [Test]
    public async Task Not_InOverNullValues_MatchesTheComplement()
    {
        var child = Where("""{ "color": { "$in": ["red"] } }""");

        Assert.That(await NamesAsync(child), Is.EqualTo(new[] { "a", "d" }));
        Assert.That(await NamesAsync(new NotFilter(child)), Is.EqualTo(new[] { "b", "c" }), "c has no color, so it is not in ['red']");
    }

    /// <summary>An empty AND matches everything, an empty OR and the false constant nothing.</summary>
    [Test]
    public async Task Ast_EmptyAndAndOr_MatchAllAndNone()
    {
        Assert.That(await NamesAsync(new AndFilter([])), Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(await NamesAsync(new OrFilter([])), Is.Empty);
        Assert.That(await NamesAsync(new NotFilter(new OrFilter([]))), Is.EqualTo(new[] { "a", "b", "c", "d" }));
        Assert.That(await NamesAsync(ConstantFilter.False), Is.Empty);
    }

    /// <summary>Filters built from CLR values (int, long, decimal, bool) match like their JSON forms.</summary>
    [Test]
    public async Task Ast_ClrValues_AreConvertedLikeJsonValues()
    {
        var filter = new AndFilter(
        [
            new ComparisonFilter("qty", FilterOperator.In, new List<object?> { 1, 10L, 5.0m }),
            new ComparisonFilter("active", FilterOperator.Eq, true),
        ]);

        Assert.That(await NamesAsync(filter), Is.EqualTo(new[] { "a", "c" }));
    }

    private Task<List<string>> NamesAsync(FilterNode filter) => ValuesOfAsync(Engine, "gadget", filter);
}
