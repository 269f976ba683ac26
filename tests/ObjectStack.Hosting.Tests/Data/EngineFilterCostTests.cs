using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Filters that would cost the database far more than they are worth are refused before they run: long values,
/// long match patterns, filters made of many (even empty) nodes, and more bound values than a statement can hold.
/// </summary>
public sealed class EngineFilterCostTests : SharedEngineHostFixture
{
    protected override string Objects => """
        { "gadget": { "fields": { "name": { "type": "text" }, "qty": { "type": "number" } } } }
        """;

    protected override async Task SeedAsync() => await InsertAsync("gadget", ("name", "one"), ("qty", 1));

    [Test]
    public void Filter_ValueLongerThanAThousandCharacters_IsInvalidFilter()
    {
        var exception = Refused(DataErrorCode.InvalidFilter, () => FindAsync(new ComparisonFilter("name", FilterOperator.Eq, new string('x', 1001))));

        Assert.That(exception.Message, Does.Contain("1001 characters"));
    }

    [Test]
    public async Task Filter_ValueOfAThousandCharacters_IsAccepted()
    {
        var result = await FindAsync(new ComparisonFilter("name", FilterOperator.Contains, new string('x', 1000)));

        Assert.That(result.Records, Is.Empty);
    }

    [TestCase(FilterOperator.Like)]
    [TestCase(FilterOperator.ILike)]
    public void Filter_LikePatternLongerThanTwoHundredCharacters_IsInvalidFilter(FilterOperator op)
    {
        var pattern = string.Concat(Enumerable.Repeat("%a", 101));

        var exception = Refused(DataErrorCode.InvalidFilter, () => FindAsync(new ComparisonFilter("name", op, pattern)));

        Assert.That(exception.Message, Does.Contain("202 characters"));
    }

    [Test]
    public void Filter_ManyEmptyConditions_IsInvalidFilterNotAServerError()
    {
        var filter = Where("{ \"$or\": [" + string.Join(",", Enumerable.Repeat("{}", 1500)) + "] }");

        var exception = Refused(DataErrorCode.InvalidFilter, () => FindAsync(filter));

        Assert.That(exception.Message, Does.Contain("nodes"));
    }

    [Test]
    public void Filter_MoreBoundValuesThanAStatementHolds_IsInvalidFilter()
    {
        var lists = Enumerable.Range(0, 21)
            .Select(i => (FilterNode)new ComparisonFilter("qty", FilterOperator.In, Enumerable.Range(i * 1000, 1000).Select(v => (object?)(decimal)v).ToList()))
            .ToList();

        var exception = Refused(DataErrorCode.InvalidFilter, () => FindAsync(new OrFilter(lists)));

        Assert.That(exception.Message, Does.Contain("21000 values"));
    }

    private Task<QueryResult> FindAsync(FilterNode filter) =>
        Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "gadget", Filter = filter });
}
