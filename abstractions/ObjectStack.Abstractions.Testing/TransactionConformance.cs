using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Explicit transactions (commit, rollback on dispose, poisoning after a failure) and the rollback of single writes
/// that a record interceptor refuses before or after the row is written.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class TransactionConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override bool HostPerTest => true;

    /// <inheritdoc />
    protected override string Objects => """
        {
          "ledger": { "fields": { "name": { "type": "text", "required": true }, "amount": { "type": "number" } } },
          "line": { "fields": { "name": { "type": "text" }, "ledger": { "type": "lookup", "reference": "ledger", "deleteBehavior": "cascade" } } }
        }
        """;

    /// <summary>A transaction disposed without a commit persists nothing, though it saw its own writes.</summary>
    [Test]
    public async Task Transaction_DisposedWithoutCommit_PersistsNothing()
    {
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            var parent = await transaction.InsertAsync(Alice, "ledger", Values(("name", "a")));
            await transaction.InsertAsync(Alice, "ledger", Values(("name", "b")));
            await transaction.InsertAsync(Alice, "line", Values(("name", "l"), ("ledger", parent.Id)));
            Assert.That(await CountAsync(transaction, "ledger"), Is.EqualTo(2), "the transaction sees its own writes");
        }

        Assert.That(await CountAsync(Engine, "ledger"), Is.Zero);
        Assert.That(await CountAsync(Engine, "line"), Is.Zero);
    }

    /// <summary>A committed transaction persists every write.</summary>
    [Test]
    public async Task Transaction_Committed_PersistsEveryWrite()
    {
        string parentId;
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            parentId = (await transaction.InsertAsync(Alice, "ledger", Values(("name", "a"), ("amount", 1)))).Id;
            await transaction.InsertAsync(Alice, "line", Values(("name", "l"), ("ledger", parentId)));
            await transaction.UpdateAsync(Alice, "ledger", parentId, Values(("amount", 2)));
            await transaction.CommitAsync();
        }

        Assert.That((await Engine.GetAsync(Alice, "ledger", parentId))!["amount"], Is.EqualTo(2m));
        Assert.That(await CountAsync(Engine, "line"), Is.EqualTo(1));
    }

    /// <summary>Writes of an uncommitted transaction are invisible to other readers until the commit.</summary>
    [Test]
    public async Task Transaction_Uncommitted_IsInvisibleToOtherReaders()
    {
        await using var transaction = await Engine.BeginTransactionAsync();
        await transaction.InsertAsync(Alice, "ledger", Values(("name", "pending")));

        Assert.That(await CountAsync(Engine, "ledger"), Is.Zero);
        await transaction.CommitAsync();
        Assert.That(await CountAsync(Engine, "ledger"), Is.EqualTo(1));
    }

    /// <summary>After a failed write, a transaction refuses every later call and rolls back.</summary>
    [Test]
    public async Task Transaction_AfterAFailedCall_RefusesEveryLaterCallAndRollsBackOnDispose()
    {
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(Alice, "ledger", Values(("name", "kept?")));
            Refused(DataErrorCode.ValidationFailed, () => transaction.InsertAsync(Alice, "ledger", Values(("amount", 1))));

            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.InsertAsync(Alice, "ledger", Values(("name", "later"))));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.FindAsync(Alice, new RecordQuery { ObjectName = "ledger" }));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        }

        Assert.That(await CountAsync(Engine, "ledger"), Is.Zero);
    }

    /// <summary>After a failed read, a transaction refuses every later call and rolls back.</summary>
    [Test]
    public async Task Transaction_AfterAFailedRead_RefusesEveryLaterCall()
    {
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(Alice, "ledger", Values(("name", "a")));
            Refused(DataErrorCode.InvalidField, () => transaction.FindAsync(Alice, new RecordQuery { ObjectName = "ledger", Filter = Where("""{ "nope": 1 }""") }));

            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.GetAsync(Alice, "ledger", "x"));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        }

        Assert.That(await CountAsync(Engine, "ledger"), Is.Zero);
    }

    /// <summary>A committed transaction refuses further calls.</summary>
    [Test]
    public async Task Transaction_AfterCommit_RefusesFurtherCalls()
    {
        await using var transaction = await Engine.BeginTransactionAsync();
        await transaction.InsertAsync(Alice, "ledger", Values(("name", "a")));
        await transaction.CommitAsync();

        Assert.ThrowsAsync<InvalidOperationException>(() => transaction.InsertAsync(Alice, "ledger", Values(("name", "b"))));
        Assert.That(await CountAsync(Engine, "ledger"), Is.EqualTo(1));
    }

    /// <summary>A disposed transaction frees the database for the next write.</summary>
    [Test]
    public async Task Transaction_Disposed_FreesTheWriterForTheNextWrite()
    {
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(Alice, "ledger", Values(("name", "rolled back")));
        }

        var written = await Engine.InsertAsync(Alice, "ledger", Values(("name", "after")));

        Assert.That((await FindAllAsync(Engine, "ledger")).Select(r => r["id"]), Is.EqualTo(new[] { written.Id }));
    }

    /// <summary>An insert an interceptor refuses, before or after the row is written, leaves nothing behind.</summary>
    [TestCase("__fail_before__")]
    [TestCase("__fail_after__")]
    public async Task Insert_InterceptorRefuses_RollsTheInsertBack(string marker)
    {
        var exception = Refused(DataErrorCode.Unavailable, () => Engine.InsertAsync(Alice, "ledger", Values(("name", marker))));

        Assert.That(exception.Message, Does.Contain("test interceptor"));
        Assert.That(await CountAsync(Engine, "ledger"), Is.Zero);
    }

    /// <summary>An update an interceptor refuses, before or after the row is written, keeps the previous values and version.</summary>
    [TestCase("__fail_before__")]
    [TestCase("__fail_after__")]
    public async Task Update_InterceptorRefuses_KeepsThePreviousValues(string marker)
    {
        var written = await Engine.InsertAsync(Alice, "ledger", Values(("name", "original"), ("amount", 1)));

        Refused(DataErrorCode.Unavailable, () => Engine.UpdateAsync(Alice, "ledger", written.Id, Values(("name", marker), ("amount", 2))));

        var stored = await Engine.GetAsync(Alice, "ledger", written.Id);
        Assert.That((stored!["name"], stored["amount"], stored["updated_at"]), Is.EqualTo(("original", 1m, written.Record["updated_at"])));
    }

    /// <summary>A cascading delete that is not committed restores the parent and its children.</summary>
    [Test]
    public async Task Transaction_CascadingDeleteNotCommitted_RestoresParentAndChildren()
    {
        var ledger = await Engine.InsertAsync(Alice, "ledger", Values(("name", "parent")));
        await Engine.InsertAsync(Alice, "line", Values(("name", "child"), ("ledger", ledger.Id)));

        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            await transaction.DeleteAsync(Alice, "ledger", ledger.Id);
            Assert.That(await CountAsync(transaction, "line"), Is.Zero, "the cascade ran inside the transaction");
        }

        Assert.That(await Engine.GetAsync(Alice, "ledger", ledger.Id), Is.Not.Null);
        Assert.That(await CountAsync(Engine, "line"), Is.EqualTo(1));
    }

    /// <summary>An interceptor failure inside a transaction poisons it, and nothing is committed.</summary>
    [Test]
    public async Task Insert_InterceptorRefusesInsideATransaction_PoisonsIt()
    {
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(Alice, "ledger", Values(("name", "first")));
            Refused(DataErrorCode.Unavailable, () => transaction.InsertAsync(Alice, "ledger", Values(("name", "__fail_after__"))));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        }

        Assert.That(await CountAsync(Engine, "ledger"), Is.Zero);
    }

    /// <summary>A single write tells its interceptors once it has committed; a refused one never does.</summary>
    [Test]
    public async Task OnCommitted_SingleWrites_RunOnlyForWhatCommitted()
    {
        var kept = await Engine.InsertAsync(Alice, "ledger", Values(("name", "kept")));
        await Engine.UpdateAsync(Alice, "ledger", kept.Id, Values(("amount", 3)));
        Refused(DataErrorCode.Unavailable, () => Engine.InsertAsync(Alice, "ledger", Values(("name", "__fail_after__"))));
        Refused(DataErrorCode.Unavailable, () => Engine.UpdateAsync(Alice, "ledger", kept.Id, Values(("name", "__fail_after__"))));
        await Engine.DeleteAsync(Alice, "ledger", kept.Id);

        Assert.That(Commits.Entries, Is.EqualTo(new[] { $"ledger/{kept.Id}/Insert", $"ledger/{kept.Id}/Update", $"ledger/{kept.Id}/Delete" }));
    }

    /// <summary>A transaction's notifications wait for its commit, cover cascades, and are dropped on rollback.</summary>
    [Test]
    public async Task OnCommitted_Transaction_RunsAfterTheCommitAndNeverOnRollback()
    {
        await using (var rolledBack = await Engine.BeginTransactionAsync())
        {
            await rolledBack.InsertAsync(Alice, "ledger", Values(("name", "gone")));
        }

        Assert.That(Commits.Entries, Is.Empty, "a rollback notifies nothing");

        string ledger, line;
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            ledger = (await transaction.InsertAsync(Alice, "ledger", Values(("name", "parent")))).Id;
            line = (await transaction.InsertAsync(Alice, "line", Values(("name", "child"), ("ledger", ledger)))).Id;
            await transaction.DeleteAsync(Alice, "ledger", ledger);
            Assert.That(Commits.Entries, Is.Empty, "nothing before the commit");
            await transaction.CommitAsync();
        }

        Assert.That(Commits.Entries, Is.EqualTo(new[]
        {
            $"ledger/{ledger}/Insert", $"line/{line}/Insert", $"ledger/{ledger}/Delete", $"line/{line}/Delete",
        }));
    }

    private CommitLog Commits => Host.Services.GetRequiredService<CommitLog>();
}
