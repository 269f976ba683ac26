using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// The bounds and checks every query passes before it reaches the driver: filter depth, size and list length, page
/// size and offset, field names (with a hint for near misses), operators per field type, and sortable fields.
/// </summary>
public sealed class EngineQueryBoundsTests : SharedEngineHostFixture
{
    protected override string Objects => """
        {
          "widget": {
            "fields": {
              "name": { "type": "text" },
              "qty": { "type": "number" },
              "active": { "type": "boolean" },
              "meta": { "type": "json" },
              "tags": { "type": "tags" },
              "colors": { "type": "multiselect", "options": [ { "value": "red" } ] },
              "secret": { "type": "text", "sortable": false },
              "born": { "type": "date" },
              "parent": { "type": "lookup", "reference": "widget" }
            }
          }
        }
        """;

    protected override async Task SeedAsync()
    {
        await InsertAsync("widget", ("name", "one"), ("qty", 1));
    }

    [TestCase(7, true)]
    [TestCase(8, false)]
    public async Task Filter_NestedAnds_RefusedBeyondDepthEight(int wrappers, bool allowed)
    {
        // The outermost node is at depth 1, so the comparison inside n wrappers sits at depth n + 1.
        FilterNode filter = new ComparisonFilter("qty", FilterOperator.Eq, 1);
        for (var i = 0; i < wrappers; i++)
        {
            filter = i % 2 == 0 ? new AndFilter([filter]) : new OrFilter([filter]);
        }

        if (allowed)
        {
            Assert.That((await FindAsync(filter)).Records, Has.Count.EqualTo(1));
        }
        else
        {
            var exception = Refused(DataErrorCode.InvalidFilter, () => FindAsync(filter));
            Assert.That(exception.Message, Does.Contain("8"));
        }
    }

    [Test]
    public void Filter_NestedNots_CountTowardsTheDepth()
    {
        FilterNode filter = new ComparisonFilter("qty", FilterOperator.Eq, 1);
        for (var i = 0; i < 8; i++)
        {
            filter = new NotFilter(filter);
        }

        Refused(DataErrorCode.InvalidFilter, () => FindAsync(filter));
    }

    [Test]
    public void Filter_DeepJsonFilter_IsInvalidFilter()
    {
        var json = string.Concat(Enumerable.Repeat("""{ "$and": [""", 9)) + """{ "qty": 1 }""" + string.Concat(Enumerable.Repeat("] }", 9));

        Refused(DataErrorCode.InvalidFilter, () => FindAsync(Where(json)));
    }

    [TestCase(1000, true)]
    [TestCase(1001, false)]
    public async Task Filter_InList_RefusedBeyondOneThousandValues(int count, bool allowed)
    {
        var values = Enumerable.Range(1, count).Select(i => (object?)i).ToList();
        var filter = new ComparisonFilter("qty", FilterOperator.In, values);

        if (allowed)
        {
            Assert.That((await FindAsync(filter)).Records, Has.Count.EqualTo(1));
        }
        else
        {
            var exception = Refused(DataErrorCode.InvalidFilter, () => FindAsync(filter));
            Assert.That(exception.Message, Does.Contain("1001").And.Contain("1000"));
        }
    }

    [Test]
    public void Filter_NinList_RefusedBeyondOneThousandValues()
    {
        var filter = new ComparisonFilter("qty", FilterOperator.Nin, Enumerable.Range(1, 1001).Select(i => (object?)i).ToList());

        Refused(DataErrorCode.InvalidFilter, () => FindAsync(filter));
    }

    [TestCase(200, true)]
    [TestCase(201, false)]
    public async Task Filter_Conditions_RefusedBeyondTwoHundred(int count, bool allowed)
    {
        var filter = new OrFilter(Enumerable.Range(1, count).Select(i => (FilterNode)new ComparisonFilter("qty", FilterOperator.Eq, i)).ToList());

        if (allowed)
        {
            Assert.That((await FindAsync(filter)).Records, Has.Count.EqualTo(1));
        }
        else
        {
            var exception = Refused(DataErrorCode.InvalidFilter, () => FindAsync(filter));
            Assert.That(exception.Message, Does.Contain("200"));
        }
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(1001)]
    public void Limit_OutOfRange_IsInvalidQuery(int limit) =>
        Refused(DataErrorCode.InvalidQuery, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Limit = limit }));

    [Test]
    public async Task Limit_OneThousand_IsAllowed()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Limit = 1000 });

        Assert.That(result.Records, Has.Count.EqualTo(1));
    }

    [Test]
    public void Offset_Negative_IsInvalidQuery() =>
        Refused(DataErrorCode.InvalidQuery, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Offset = -1 }));

    [Test]
    public void Filter_UnknownFieldNearAKnownOne_IsInvalidFieldWithHint()
    {
        var exception = Refused(DataErrorCode.InvalidField, () => FindAsync(Where("""{ "nane": "one" }""")));

        Assert.That(exception.Hint, Does.Contain("'name'"));
        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("nane", "unknown_field") }));
        Assert.That(exception.ObjectName, Is.EqualTo("widget"));
    }

    [Test]
    public void Filter_UnknownFieldUnlikeAnyOther_IsInvalidFieldWithoutHint()
    {
        var exception = Refused(DataErrorCode.InvalidField, () => FindAsync(Where("""{ "zzzzzzzzzz": 1 }""")));

        Assert.That(exception.Hint, Is.Null);
    }

    [Test]
    public void Filter_PathThroughARelationship_IsInvalidField()
    {
        var exception = Refused(DataErrorCode.InvalidField, () => FindAsync(new ComparisonFilter("parent.name", FilterOperator.Eq, "x")));

        Assert.That(exception.Message, Does.Contain("relationship"));
    }

    [TestCase("""{ "qty": { "$contains": "1" } }""", TestName = "Operator_ContainsOnNumber_IsInvalidFilter")]
    [TestCase("""{ "qty": { "$like": "1%" } }""", TestName = "Operator_LikeOnNumber_IsInvalidFilter")]
    [TestCase("""{ "born": { "$startsWith": "2024" } }""", TestName = "Operator_StartsWithOnDate_IsInvalidFilter")]
    [TestCase("""{ "active": { "$gt": false } }""", TestName = "Operator_GtOnBoolean_IsInvalidFilter")]
    [TestCase("""{ "active": { "$between": [false, true] } }""", TestName = "Operator_BetweenOnBoolean_IsInvalidFilter")]
    [TestCase("""{ "meta": { "x": 1 } }""", TestName = "Operator_NestedObjectOnJson_IsInvalidFilter")]
    [TestCase("""{ "meta": { "$eq": "x" } }""", TestName = "Operator_EqOnJson_IsInvalidFilter")]
    [TestCase("""{ "meta": { "$ne": null } }""", TestName = "Operator_NeOnJson_IsInvalidFilter")]
    [TestCase("""{ "meta": { "$in": ["x"] } }""", TestName = "Operator_InOnJson_IsInvalidFilter")]
    [TestCase("""{ "tags": { "$gt": "a" } }""", TestName = "Operator_GtOnTags_IsInvalidFilter")]
    [TestCase("""{ "tags": { "$startsWith": "a" } }""", TestName = "Operator_StartsWithOnTags_IsInvalidFilter")]
    [TestCase("""{ "colors": { "$icontains": "R" } }""", TestName = "Operator_IContainsOnMultiselect_IsInvalidFilter")]
    [TestCase("""{ "qty": { "$between": [1] } }""", TestName = "Operator_BetweenWithOneValue_IsInvalidFilter")]
    [TestCase("""{ "qty": { "$between": [1, null] } }""", TestName = "Operator_BetweenWithNull_IsInvalidFilter")]
    [TestCase("""{ "qty": { "$in": 1 } }""", TestName = "Operator_InWithoutArray_IsInvalidFilter")]
    [TestCase("""{ "qty": { "$gt": null } }""", TestName = "Operator_GtNull_IsInvalidFilter")]
    [TestCase("""{ "qty": { "$null": "maybe" } }""", TestName = "Operator_NullWithNonBoolean_IsInvalidFilter")]
    [TestCase("""{ "qty": { "$eq": [1] } }""", TestName = "Operator_EqWithArray_IsInvalidFilter")]
    [TestCase("""{ "name": 5 }""", TestName = "Operator_NumberForText_IsInvalidFilter")]
    [TestCase("""{ "tags": { "$eq": ["a"] } }""", TestName = "Operator_ArrayForTagsItem_IsInvalidFilter")]
    public void Operator_NotApplicableOrBadValue_IsInvalidFilter(string filter) =>
        Refused(DataErrorCode.InvalidFilter, () => FindAsync(Where(filter)));

    [TestCase("""{ "meta": { "$null": true } }""", 1)]
    [TestCase("""{ "meta": { "$exists": true } }""", 0)]
    [TestCase("""{ "parent": { "$contains": "x" } }""", 0)]
    [TestCase("""{ "parent": null }""", 1)]
    public async Task Operator_AllowedOnJsonAndLookup_Runs(string filter, int expected) =>
        Assert.That((await FindAsync(Where(filter))).Records, Has.Count.EqualTo(expected));

    [TestCase("meta", TestName = "Sort_ByJson_IsInvalidSort")]
    [TestCase("tags", TestName = "Sort_ByTags_IsInvalidSort")]
    [TestCase("colors", TestName = "Sort_ByMultiselect_IsInvalidSort")]
    [TestCase("secret", TestName = "Sort_ByFieldDeclaredNotSortable_IsInvalidSort")]
    [TestCase("nmae", TestName = "Sort_ByUnknownField_IsInvalidSort")]
    public void Sort_NotSortable_IsInvalidSort(string field)
    {
        var exception = Refused(DataErrorCode.InvalidSort, () => Host.Engine.FindAsync(
            DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Sort = [new SortField(field)] }));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { field }));
    }

    [Test]
    public void Sort_UnknownNearMiss_HintsTheField()
    {
        var exception = Refused(DataErrorCode.InvalidSort, () => Host.Engine.FindAsync(
            DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Sort = [new SortField("qtty")] }));

        Assert.That(exception.Hint, Does.Contain("'qty'"));
    }

    [Test]
    public void Select_UnknownField_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Fields = ["name", "nope"] }));

    [Test]
    public async Task Select_SomeFields_ReturnsThemAndTheId()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Fields = ["qty"] });

        Assert.That(result.Records[0].Keys, Is.EquivalentTo(new[] { "id", "qty" }));
    }

    [Test]
    public void Find_UnknownObject_IsObjectNotFound()
    {
        var exception = Refused(DataErrorCode.ObjectNotFound, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "gizmo" }));

        Assert.That(exception.ObjectName, Is.EqualTo("gizmo"));
    }

    [Test]
    public void Search_MoreThanEightTerms_IsInvalidQuery() =>
        Refused(DataErrorCode.InvalidQuery, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Search = "a b c d e f g h i" }));

    [Test]
    public void Search_LongerThanTwoHundredCharacters_IsInvalidQuery() =>
        Refused(DataErrorCode.InvalidQuery, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Search = new string('x', 201) }));

    private Task<QueryResult> FindAsync(FilterNode filter) =>
        Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "widget", Filter = filter });
}
