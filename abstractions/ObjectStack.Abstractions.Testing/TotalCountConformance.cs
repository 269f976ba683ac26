using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Totals (<see cref="RecordQuery.IncludeTotal"/>) stay exact across every kind of write — inserts, updates, deletes,
/// cascades, rolled-back and committed transactions — and never mix up two different filters.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class TotalCountConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override bool HostPerTest => true;

    /// <inheritdoc />
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

    /// <summary>Totals follow every insert, update and delete at once.</summary>
    [Test]
    public async Task Total_AfterInsertUpdateAndDelete_IsFresh()
    {
        var rankOne = Where("""{ "rank": 1 }""");
        Assert.That(await TotalAsync(rankOne), Is.Zero);

        var first = await InsertAsync(("name", "a"), ("rank", 1));
        Assert.That(await TotalAsync(rankOne), Is.EqualTo(1));

        var second = await InsertAsync(("name", "b"), ("rank", 1));
        Assert.That(await TotalAsync(rankOne), Is.EqualTo(2));

        await Engine.UpdateAsync(Alice, "child", first, Values(("rank", 2)));
        Assert.That(await TotalAsync(rankOne), Is.EqualTo(1));
        Assert.That(await TotalAsync(Where("""{ "rank": 2 }""")), Is.EqualTo(1));

        await Engine.DeleteAsync(Alice, "child", second);
        Assert.That(await TotalAsync(rankOne), Is.Zero);
        Assert.That(await TotalAsync(null), Is.EqualTo(1));
    }

    /// <summary>Totals of a dependent object follow cascading deletes and cleared references.</summary>
    [Test]
    public async Task Total_AfterCascadeAndSetNull_IsFreshOnTheDependentObject()
    {
        var kept = (await Engine.InsertAsync(Alice, "parent", Values(("name", "kept")))).Id;
        var doomed = (await Engine.InsertAsync(Alice, "parent", Values(("name", "doomed")))).Id;
        await InsertAsync(("name", "c1"), ("parent", doomed));
        await InsertAsync(("name", "c2"), ("parent", kept), ("sponsor", doomed));
        var sponsored = Where($$"""{ "sponsor": "{{doomed}}" }""");
        Assert.That((await TotalAsync(null), await TotalAsync(sponsored)), Is.EqualTo((2L, 1L)));

        await Engine.DeleteAsync(Alice, "parent", doomed);

        Assert.That(await TotalAsync(null), Is.EqualTo(1), "c1 was deleted by the cascade");
        Assert.That(await TotalAsync(sponsored), Is.Zero, "c2's sponsor was cleared");
        Assert.That(await TotalAsync(Where("""{ "sponsor": null }""")), Is.EqualTo(1));
    }

    /// <summary>A transaction counts its own writes; others see only committed ones.</summary>
    [Test]
    public async Task Total_AroundTransactions_CountsOnlyCommittedWrites()
    {
        Assert.That(await TotalAsync(null), Is.Zero);
        await using (var rolledBack = await Engine.BeginTransactionAsync())
        {
            await rolledBack.InsertAsync(Alice, "child", Values(("name", "x")));
            var inside = await rolledBack.FindAsync(Alice, new RecordQuery { ObjectName = "child", IncludeTotal = true });
            Assert.That(inside.Total, Is.EqualTo(1), "the transaction counts its own write");
        }

        Assert.That(await TotalAsync(null), Is.Zero);

        await using (var committed = await Engine.BeginTransactionAsync())
        {
            await committed.InsertAsync(Alice, "child", Values(("name", "y")));
            await committed.CommitAsync();
        }

        Assert.That(await TotalAsync(null), Is.EqualTo(1));
    }

    /// <summary>A write refused after the row was written leaves the total unchanged.</summary>
    [Test]
    public async Task Total_AfterARefusedWrite_IsUnchanged()
    {
        await InsertAsync(("name", "a"));
        Assert.That(await TotalAsync(null), Is.EqualTo(1));

        Refused(DataErrorCode.Unavailable, () => Engine.InsertAsync(Alice, "child", Values(("name", "__fail_after__"))));

        Assert.That(await TotalAsync(null), Is.EqualTo(1));
    }

    /// <summary>Filters of the same shape with different values are counted separately.</summary>
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

    /// <summary>Values holding separator characters never make two different filters share a total.</summary>
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

        var first = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "child", Filter = labelNotC, IncludeTotal = true });
        var second = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "child", Filter = nameNotA, IncludeTotal = true });

        Assert.That((first.Records.Count, first.Total), Is.EqualTo((3, (long?)3)));
        Assert.That((second.Records.Count, second.Total), Is.EqualTo((2, (long?)2)), "the total must count this filter's matches");
    }

    private static ComparisonFilter Ne(string field, string value) => new(field, FilterOperator.Ne, value);

    private Task<string> InsertAsync(params (string Name, object? Value)[] values) => InsertAsync("child", values);

    private async Task<long> TotalAsync(FilterNode? filter)
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "child", Filter = filter, IncludeTotal = true, Limit = 1 });
        return result.Total!.Value;
    }
}
