using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Hosting.Tests.Data.EngineTestKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Totals (<see cref="RecordQuery.IncludeTotal"/>) stay exact across every kind of write — inserts, updates, deletes,
/// cascades, rolled-back and committed transactions — and never mix up two different filters.
/// </summary>
public sealed class EngineTotalCountTests : PerTestEngineHostFixture
{
    protected override string Objects => """
        {
          "parent": { "fields": { "name": { "type": "text" } } },
          "child": {
            "fields": {
              "name": { "type": "text" },
              "label": { "type": "text" },
              "rank": { "type": "number" },
              "parent": { "type": "lookup", "reference": "parent", "deleteBehavior": "cascade" },
              "sponsor": { "type": "lookup", "reference": "parent", "deleteBehavior": "set_null" }
            }
          }
        }
        """;

    [Test]
    public async Task Total_AfterInsertUpdateAndDelete_IsFresh()
    {
        var rankOne = Where("""{ "rank": 1 }""");
        Assert.That(await TotalAsync(rankOne), Is.Zero);

        var first = await InsertAsync(("name", "a"), ("rank", 1));
        Assert.That(await TotalAsync(rankOne), Is.EqualTo(1));

        var second = await InsertAsync(("name", "b"), ("rank", 1));
        Assert.That(await TotalAsync(rankOne), Is.EqualTo(2));

        await Host.Engine.UpdateAsync(DataTestHost.Alice, "child", first, Values(("rank", 2)));
        Assert.That(await TotalAsync(rankOne), Is.EqualTo(1));
        Assert.That(await TotalAsync(Where("""{ "rank": 2 }""")), Is.EqualTo(1));

        await Host.Engine.DeleteAsync(DataTestHost.Alice, "child", second);
        Assert.That(await TotalAsync(rankOne), Is.Zero);
        Assert.That(await TotalAsync(null), Is.EqualTo(1));
    }

    [Test]
    public async Task Total_AfterCascadeAndSetNull_IsFreshOnTheDependentObject()
    {
        var kept = (await Host.Engine.InsertAsync(DataTestHost.Alice, "parent", Values(("name", "kept")))).Id;
        var doomed = (await Host.Engine.InsertAsync(DataTestHost.Alice, "parent", Values(("name", "doomed")))).Id;
        await InsertAsync(("name", "c1"), ("parent", doomed));
        await InsertAsync(("name", "c2"), ("parent", kept), ("sponsor", doomed));
        var sponsored = Where($$"""{ "sponsor": "{{doomed}}" }""");
        Assert.That((await TotalAsync(null), await TotalAsync(sponsored)), Is.EqualTo((2L, 1L)));

        await Host.Engine.DeleteAsync(DataTestHost.Alice, "parent", doomed);

        Assert.That(await TotalAsync(null), Is.EqualTo(1), "c1 was deleted by the cascade");
        Assert.That(await TotalAsync(sponsored), Is.Zero, "c2's sponsor was cleared");
        Assert.That(await TotalAsync(Where("""{ "sponsor": null }""")), Is.EqualTo(1));
    }

    [Test]
    public async Task Total_AroundTransactions_CountsOnlyCommittedWrites()
    {
        Assert.That(await TotalAsync(null), Is.Zero);
        await using (var rolledBack = await Host.Engine.BeginTransactionAsync())
        {
            await rolledBack.InsertAsync(DataTestHost.Alice, "child", Values(("name", "x")));
            var inside = await rolledBack.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "child", IncludeTotal = true });
            Assert.That(inside.Total, Is.EqualTo(1), "the transaction counts its own write");
        }

        Assert.That(await TotalAsync(null), Is.Zero);

        await using (var committed = await Host.Engine.BeginTransactionAsync())
        {
            await committed.InsertAsync(DataTestHost.Alice, "child", Values(("name", "y")));
            await committed.CommitAsync();
        }

        Assert.That(await TotalAsync(null), Is.EqualTo(1));
    }

    [Test]
    public async Task Total_AfterARefusedWrite_IsUnchanged()
    {
        await InsertAsync(("name", "a"));
        Assert.That(await TotalAsync(null), Is.EqualTo(1));

        Refused(DataErrorCode.Unavailable, () => Host.Engine.InsertAsync(DataTestHost.Alice, "child", Values(("name", "__fail_after__"))));

        Assert.That(await TotalAsync(null), Is.EqualTo(1));
    }

    [Test]
    public async Task Total_SameShapeDifferentValues_AreCountedSeparately()
    {
        await InsertAsync(("name", "a"), ("rank", 1));
        await InsertAsync(("name", "b"), ("rank", 2));
        await InsertAsync(("name", "c"), ("rank", 2));

        Assert.That(await TotalAsync(Where("""{ "rank": 1 }""")), Is.EqualTo(1));
        Assert.That(await TotalAsync(Where("""{ "rank": 2 }""")), Is.EqualTo(2));
        Assert.That(await TotalAsync(Where("""{ "name": { "$in": ["a", "b"] } }""")), Is.EqualTo(2));
        Assert.That(await TotalAsync(Where("""{ "name": { "$in": ["a", "b", "c"] } }""")), Is.EqualTo(3));
        Assert.That(await TotalAsync(Where("""{ "rank": { "$in": [2, null] } }""")), Is.EqualTo(2));
        Assert.That(await TotalAsync(Where("""{ "rank": { "$in": [2] } }""")), Is.EqualTo(2));
    }

    [Test]
    public async Task Total_ValuesHoldingSeparatorCharacters_DoNotBorrowAnotherFiltersTotal()
    {
        // Both filters have the same shape (two $ne conditions); their values only differ in where a unit separator sits.
        await InsertAsync(("name", "a"), ("label", "x"));
        await InsertAsync(("name", "z"), ("label", "c"));
        await InsertAsync(("name", "z"), ("label", "x"));
        await InsertAsync(("name", "a"), ("label", "y"));
        var labelNotC = new AndFilter([Ne("name", "a\u001fsb"), Ne("label", "c")]);
        var nameNotA = new AndFilter([Ne("name", "a"), Ne("label", "b\u001fsc")]);

        var first = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "child", Filter = labelNotC, IncludeTotal = true });
        var second = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "child", Filter = nameNotA, IncludeTotal = true });

        Assert.That((first.Records.Count, first.Total), Is.EqualTo((3, (long?)3)));
        Assert.That((second.Records.Count, second.Total), Is.EqualTo((2, (long?)2)), "the total must count this filter's matches");
    }

    private static ComparisonFilter Ne(string field, string value) => new(field, FilterOperator.Ne, value);

    private Task<string> InsertAsync(params (string Name, object? Value)[] values) => InsertAsync("child", values);

    private async Task<long> TotalAsync(FilterNode? filter)
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "child", Filter = filter, IncludeTotal = true, Limit = 1 });
        return result.Total!.Value;
    }
}
