using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Autonumbers: the driver assigns them on insert, increasing per object and field, and never gives a number twice —
/// not after the highest record is deleted, not after a restart.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class AutonumberConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override bool HostPerTest => true;

    /// <inheritdoc />
    protected override string Objects => """
        {
          "task": { "fields": { "title": { "type": "text" }, "seq": { "type": "autonumber" }, "ref": { "type": "autonumber" } } },
          "note": { "fields": { "title": { "type": "text" }, "seq": { "type": "autonumber" } } }
        }
        """;

    /// <summary>Autonumbers start at 1 and increase by one per insert.</summary>
    [Test]
    public async Task Insert_Autonumber_IncrementsPerObject()
    {
        var numbers = new List<object?>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await Engine.InsertAsync(Alice, "task", Values(("title", $"t{i}")))).Record["seq"]);
        }

        Assert.That(numbers, Is.EqualTo(new object[] { 1L, 2L, 3L }));
    }

    /// <summary>Deleting the highest record does not free its number.</summary>
    [Test]
    public async Task Insert_AutonumberAfterDeletingTheHighest_DoesNotReuseTheNumber()
    {
        // FieldType.Autonumber: "a number the engine assigns on insert, increasing per object".
        await Engine.InsertAsync(Alice, "task", Values(("title", "one")));
        var second = await Engine.InsertAsync(Alice, "task", Values(("title", "two")));
        await Engine.DeleteAsync(Alice, "task", second.Id);

        var third = await Engine.InsertAsync(Alice, "task", Values(("title", "three")));

        Assert.That(third.Record["seq"], Is.EqualTo(3L), "number 2 was already given to a (deleted) record");
    }

    /// <summary>Each object and each autonumber field counts on its own; the stored number reads back as returned.</summary>
    [Test]
    public async Task Insert_SeveralObjectsAndFields_CountIndependently()
    {
        var task1 = await Engine.InsertAsync(Alice, "task", Values(("title", "t1")));
        var task2 = await Engine.InsertAsync(Alice, "task", Values(("title", "t2")));
        var note = await Engine.InsertAsync(Alice, "note", Values(("title", "n1")));

        Assert.That((task1.Record["seq"], task1.Record["ref"], task2.Record["seq"], task2.Record["ref"]), Is.EqualTo((1L, 1L, 2L, 2L)));
        Assert.That(note.Record["seq"], Is.EqualTo(1L));
        var stored = await Engine.GetAsync(Alice, "task", task2.Id);
        Assert.That((stored!["seq"], stored["ref"]), Is.EqualTo((2L, 2L)));
    }

    /// <summary>After a restart the numbering continues past every number given, even a deleted one.</summary>
    [Test]
    public async Task Insert_AfterARestart_ContinuesWithoutReuse()
    {
        await Engine.InsertAsync(Alice, "task", Values(("title", "one")));
        var second = await Engine.InsertAsync(Alice, "task", Values(("title", "two")));
        await Engine.DeleteAsync(Alice, "task", second.Id);

        await Host.RestartAsync(Objects);
        var third = await Engine.InsertAsync(Alice, "task", Values(("title", "three")));

        Assert.That(third.Record["seq"], Is.EqualTo(3L));
    }

    /// <summary>Numbers taken by rolled-back inserts are never seen on a committed record twice: committed numbers stay unique and increasing.</summary>
    [Test]
    public async Task Insert_AfterRolledBackInserts_CommittedNumbersStayUniqueAndIncreasing()
    {
        var committed = new List<long> { (long)(await Engine.InsertAsync(Alice, "task", Values(("title", "a")))).Record["seq"]! };
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(Alice, "task", Values(("title", "rolled back")));
        }

        Refused(DataErrorCode.Unavailable, () => Engine.InsertAsync(Alice, "task", Values(("title", ConformancePlugin.FailAfter))));
        committed.Add((long)(await Engine.InsertAsync(Alice, "task", Values(("title", "b")))).Record["seq"]!);
        committed.Add((long)(await Engine.InsertAsync(Alice, "task", Values(("title", "c")))).Record["seq"]!);

        Assert.That(committed, Is.Unique.And.Ordered.Ascending);
        var stored = (await FindAllAsync(Engine, "task")).Select(r => (long)r["seq"]!).Order();
        Assert.That(stored, Is.EqualTo(committed));
    }
}
