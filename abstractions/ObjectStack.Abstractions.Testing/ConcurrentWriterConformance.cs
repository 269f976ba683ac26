using System.Collections.Concurrent;
using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Writers in parallel: every committed insert is there exactly once, autonumbers stay unique, transactions stay
/// isolated, and readers running beside the writers never fail or see a half-written transaction.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class ConcurrentWriterConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    private const int Writers = 8;
    private const int InsertsPerWriter = 50;

    /// <inheritdoc />
    protected override bool HostPerTest => true;

    /// <inheritdoc />
    protected override string Objects => """
        {
          "entry": {
            "fields": {
              "name": { "type": "text", "required": true },
              "writer": { "type": "number" },
              "seq": { "type": "autonumber" },
              "code": { "type": "text", "unique": true }
            }
          }
        }
        """;

    /// <summary>8 writers inserting 50 records each: all 400 are stored, with unique ids and unique autonumbers that are never reused.</summary>
    [Test]
    public async Task Insert_ParallelWriters_StoreEveryRecordWithUniqueAutonumbers()
    {
        var byWriter = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var own = new List<WriteResult>(InsertsPerWriter);
            for (var i = 0; i < InsertsPerWriter; i++)
            {
                own.Add(await Engine.InsertAsync(Alice, "entry", Values(("name", $"w{w}-{i}"), ("writer", w))));
            }

            return own;
        })));
        var written = byWriter.SelectMany(w => w).ToList();

        var stored = await AllAsync();
        Assert.That(stored, Has.Count.EqualTo(Writers * InsertsPerWriter));
        Assert.That(stored.Select(r => r["name"]), Is.EquivalentTo(written.Select(r => r.Record["name"])));
        Assert.That(stored.Select(r => r["id"]), Is.Unique);
        var numbers = stored.Select(r => (long)r["seq"]!).ToList();
        Assert.That(numbers, Is.Unique);
        Assert.That(numbers, Is.All.Positive);
        Assert.That(written.Select(w => w.Record["seq"]), Is.EquivalentTo(numbers.Cast<object>()), "each insert returned the number it stored");
        foreach (var own in byWriter)
        {
            Assert.That(own.Select(w => (long)w.Record["seq"]!), Is.Ordered.Ascending, "one writer's inserts get increasing numbers");
        }

        var highest = stored.MaxBy(r => (long)r["seq"]!)!;
        await Engine.DeleteAsync(Alice, "entry", (string)highest["id"]!);
        var next = await Engine.InsertAsync(Alice, "entry", Values(("name", "after")));
        Assert.That((long)next.Record["seq"]!, Is.GreaterThan(numbers.Max()), "the deleted highest number is not given again");
    }

    /// <summary>Parallel transactions of 10 inserts each, every third rolled back: exactly the committed ones are stored.</summary>
    [Test]
    public async Task Transaction_ParallelCommitsAndRollbacks_StoreExactlyTheCommittedOnes()
    {
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var t = 0; t < 3; t++)
            {
                await using var transaction = await Engine.BeginTransactionAsync();
                for (var i = 0; i < 10; i++)
                {
                    await transaction.InsertAsync(Alice, "entry", Values(("name", $"w{w}-t{t}-{i}"), ("writer", w)));
                }

                if (t != 1)
                {
                    await transaction.CommitAsync();
                }
            }
        })));

        var names = (await AllAsync()).Select(r => (string)r["name"]!).ToList();
        var expected = Enumerable.Range(0, Writers).SelectMany(w => new[] { 0, 2 }.SelectMany(t => Enumerable.Range(0, 10).Select(i => $"w{w}-t{t}-{i}")));
        Assert.That(names, Is.EquivalentTo(expected));
    }

    /// <summary>Parallel writers racing for the same unique values: each value is stored once, every loser gets a duplicate error.</summary>
    [Test]
    public async Task Insert_ParallelWritersRacingForUniqueValues_StoreEachValueOnce()
    {
        var outcomes = new ConcurrentBag<DataErrorCode?>();

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                try
                {
                    await Engine.InsertAsync(Alice, "entry", Values(("name", $"w{w}-{i}"), ("code", $"C-{i}")));
                    outcomes.Add(null);
                }
                catch (DataOperationException ex)
                {
                    outcomes.Add(ex.Code);
                }
            }
        })));

        var stored = await AllAsync();
        Assert.That(stored.Select(r => r["code"]), Is.EquivalentTo(Enumerable.Range(0, 10).Select(i => $"C-{i}")));
        Assert.That(outcomes.Count(o => o is null), Is.EqualTo(10));
        Assert.That(outcomes.Where(o => o is not null), Is.All.EqualTo(DataErrorCode.DuplicateValue));
    }

    /// <summary>Readers running beside writers never fail, and always see whole transactions of 5 records.</summary>
    [Test]
    public async Task Find_WhileWritersCommit_SeesOnlyWholeTransactions()
    {
        using var done = new CancellationTokenSource();
        var observed = new ConcurrentBag<long>();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var page = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Limit = 1, IncludeTotal = true });
                observed.Add(page.Total!.Value);
            }
        })).ToList();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var t = 0; t < 10; t++)
            {
                await using var transaction = await Engine.BeginTransactionAsync();
                for (var i = 0; i < 5; i++)
                {
                    await transaction.InsertAsync(Alice, "entry", Values(("name", $"w{w}-t{t}-{i}")));
                }

                await transaction.CommitAsync();
            }
        })));
        await done.CancelAsync();
        await Task.WhenAll(readers);

        Assert.That(observed, Is.Not.Empty);
        Assert.That(observed, Is.All.Matches<long>(total => total % 5 == 0), "a reader saw part of a transaction");
        Assert.That(await CountAsync(Engine, "entry"), Is.EqualTo(200));
    }

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> AllAsync()
    {
        var records = new List<IReadOnlyDictionary<string, object?>>();
        for (var offset = 0; ; offset += 1000)
        {
            var page = await Engine.FindAsync(SystemContext, new RecordQuery { ObjectName = "entry", Sort = [new SortField("name")], Limit = 1000, Offset = offset });
            records.AddRange(page.Records);
            if (!page.HasMore)
            {
                return records;
            }
        }
    }
}
