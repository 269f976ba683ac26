using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Batches of 1,000 records in one transaction (as the engine's batch operations run them): inserts, updates and
/// deletes commit together, a failure on the last record rolls back all of them, and reads of 1,000 records at once
/// (a full page, a 1,000-value <c>$in</c>, an expansion to 1,000 targets) return every one.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class BatchConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    private const int BatchSize = 1000;

    /// <inheritdoc />
    protected override bool HostPerTest => true;

    /// <inheritdoc />
    protected override string Objects => """
        {
          "owner": { "fields": { "name": { "type": "text" } } },
          "item": {
            "fields": {
              "name": { "type": "text", "required": true },
              "position": { "type": "number" },
              "state": { "type": "text" },
              "seq": { "type": "autonumber" },
              "owner": { "type": "lookup", "reference": "owner" }
            }
          }
        }
        """;

    /// <summary>1,000 inserts in one transaction all commit, with distinct autonumbers, and read back in one page of 1,000.</summary>
    [Test]
    public async Task Transaction_ThousandInserts_CommitTogether()
    {
        var ids = await InsertBatchAsync();

        var page = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "item", Sort = [new SortField("position")], Limit = BatchSize, IncludeTotal = true });

        Assert.That(page.Total, Is.EqualTo(BatchSize));
        Assert.That(page.HasMore, Is.False);
        Assert.That(page.Records.Select(r => r["id"]), Is.EqualTo(ids));
        Assert.That(page.Records.Select(r => r["position"]), Is.EqualTo(Enumerable.Range(0, BatchSize).Select(i => (object)(decimal)i)));
        Assert.That(page.Records.Select(r => r["seq"]), Is.Unique);
    }

    /// <summary>1,000 inserts whose last one an interceptor refuses leave nothing behind.</summary>
    [TestCase(ConformancePlugin.FailBefore)]
    [TestCase(ConformancePlugin.FailAfter)]
    public async Task Transaction_ThousandInsertsFailingAtTheLast_WriteNothing(string marker)
    {
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            for (var i = 0; i < BatchSize - 1; i++)
            {
                await transaction.InsertAsync(Alice, "item", Values(("name", $"i{i}"), ("position", i)));
            }

            Refused(DataErrorCode.Unavailable, () => transaction.InsertAsync(Alice, "item", Values(("name", marker), ("position", BatchSize - 1))));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        }

        Assert.That(await CountAsync(Engine, "item"), Is.Zero);
    }

    /// <summary>1,000 updates in one transaction commit together; uncommitted, none of them shows.</summary>
    [Test]
    public async Task Transaction_ThousandUpdates_CommitTogetherOrNotAtAll()
    {
        var ids = await InsertBatchAsync();

        await using (var rolledBack = await Engine.BeginTransactionAsync())
        {
            foreach (var id in ids)
            {
                await rolledBack.UpdateAsync(Alice, "item", id, Values(("state", "rolled back")));
            }
        }

        Assert.That(await CountAsync(Engine, "item", Where("""{ "state": null }""")), Is.EqualTo(BatchSize));

        await using (var committed = await Engine.BeginTransactionAsync())
        {
            foreach (var id in ids)
            {
                await committed.UpdateAsync(Alice, "item", id, Values(("state", "done")));
            }

            await committed.CommitAsync();
        }

        Assert.That(await CountAsync(Engine, "item", Where("""{ "state": "done" }""")), Is.EqualTo(BatchSize));
    }

    /// <summary>1,000 deletes in one transaction commit together; uncommitted, every record stays.</summary>
    [Test]
    public async Task Transaction_ThousandDeletes_CommitTogetherOrNotAtAll()
    {
        var ids = await InsertBatchAsync();

        await using (var rolledBack = await Engine.BeginTransactionAsync())
        {
            foreach (var id in ids)
            {
                await rolledBack.DeleteAsync(Alice, "item", id);
            }

            Assert.That(await CountAsync(rolledBack, "item"), Is.Zero, "the transaction sees its own deletes");
        }

        Assert.That(await CountAsync(Engine, "item"), Is.EqualTo(BatchSize));

        await using (var committed = await Engine.BeginTransactionAsync())
        {
            foreach (var id in ids)
            {
                await committed.DeleteAsync(Alice, "item", id);
            }

            await committed.CommitAsync();
        }

        Assert.That(await CountAsync(Engine, "item"), Is.Zero);
    }

    /// <summary>A filter listing 1,000 ids finds all of them, and its negation none.</summary>
    [Test]
    public async Task Find_InWithAThousandValues_FindsEveryRecord()
    {
        var ids = await InsertBatchAsync();

        var found = await Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "item",
            Filter = new ComparisonFilter("id", FilterOperator.In, ids.Cast<object?>().ToList()),
            Limit = BatchSize,
            IncludeTotal = true,
        });
        var notFound = await CountAsync(Engine, "item", new ComparisonFilter("id", FilterOperator.Nin, ids.Cast<object?>().ToList()));

        Assert.That(found.Records.Select(r => r["id"]), Is.EquivalentTo(ids));
        Assert.That((found.Total, notFound), Is.EqualTo(((long?)BatchSize, 0L)));
    }

    /// <summary>A page of 1,000 records each referring to its own target expands all 1,000 targets.</summary>
    [Test]
    public async Task Find_ExpandingAThousandDistinctTargets_ExpandsEveryOne()
    {
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            for (var i = 0; i < BatchSize; i++)
            {
                var owner = await transaction.InsertAsync(Alice, "owner", Values(("name", $"o{i}")));
                await transaction.InsertAsync(Alice, "item", Values(("name", $"i{i}"), ("position", i), ("owner", owner.Id)));
            }

            await transaction.CommitAsync();
        }

        var page = await Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "item",
            Sort = [new SortField("position")],
            Limit = BatchSize,
            Expand = [new ExpandRequest { Field = "owner", Fields = ["name"] }],
        });

        Assert.That(page.Records, Has.Count.EqualTo(BatchSize));
        Assert.That(
            page.Records.Select(r => ((IReadOnlyDictionary<string, object?>)r["owner"]!)["name"]),
            Is.EqualTo(Enumerable.Range(0, BatchSize).Select(i => $"o{i}")));
    }

    private async Task<List<string>> InsertBatchAsync()
    {
        var ids = new List<string>(BatchSize);
        await using var transaction = await Engine.BeginTransactionAsync();
        for (var i = 0; i < BatchSize; i++)
        {
            ids.Add((await transaction.InsertAsync(Alice, "item", Values(("name", $"i{i}"), ("position", i)))).Id);
        }

        await transaction.CommitAsync();
        return ids;
    }
}
