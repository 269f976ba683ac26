using ObjectStack.Abstractions.Data;
using static ObjectStack.Hosting.Tests.Data.EngineTestKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Explicit transactions (commit, rollback on dispose, poisoning after a failure) and the rollback of single writes
/// that a record interceptor refuses before or after the row is written.
/// </summary>
public sealed class EngineTransactionTests : PerTestEngineHostFixture
{
    protected override string Objects => """
        {
          "ledger": { "fields": { "name": { "type": "text", "required": true }, "amount": { "type": "number" } } },
          "line": { "fields": { "name": { "type": "text" }, "ledger": { "type": "lookup", "reference": "ledger", "deleteBehavior": "cascade" } } }
        }
        """;

    [Test]
    public async Task Transaction_DisposedWithoutCommit_PersistsNothing()
    {
        await using (var transaction = await Host.Engine.BeginTransactionAsync())
        {
            var parent = await transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "a")));
            await transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "b")));
            await transaction.InsertAsync(DataTestHost.Alice, "line", Values(("name", "l"), ("ledger", parent.Id)));
            Assert.That(await CountAsync(transaction, "ledger"), Is.EqualTo(2), "the transaction sees its own writes");
        }

        Assert.That(await CountAsync(Host.Engine, "ledger"), Is.Zero);
        Assert.That(await CountAsync(Host.Engine, "line"), Is.Zero);
    }

    [Test]
    public async Task Transaction_Committed_PersistsEveryWrite()
    {
        string parentId;
        await using (var transaction = await Host.Engine.BeginTransactionAsync())
        {
            parentId = (await transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "a"), ("amount", 1)))).Id;
            await transaction.InsertAsync(DataTestHost.Alice, "line", Values(("name", "l"), ("ledger", parentId)));
            await transaction.UpdateAsync(DataTestHost.Alice, "ledger", parentId, Values(("amount", 2)));
            await transaction.CommitAsync();
        }

        Assert.That((await Host.Engine.GetAsync(DataTestHost.Alice, "ledger", parentId))!["amount"], Is.EqualTo(2m));
        Assert.That(await CountAsync(Host.Engine, "line"), Is.EqualTo(1));
    }

    [Test]
    public async Task Transaction_Uncommitted_IsInvisibleToOtherReaders()
    {
        await using var transaction = await Host.Engine.BeginTransactionAsync();
        await transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "pending")));

        Assert.That(await CountAsync(Host.Engine, "ledger"), Is.Zero);
        await transaction.CommitAsync();
        Assert.That(await CountAsync(Host.Engine, "ledger"), Is.EqualTo(1));
    }

    [Test]
    public async Task Transaction_AfterAFailedCall_RefusesEveryLaterCallAndRollsBackOnDispose()
    {
        await using (var transaction = await Host.Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "kept?")));
            Refused(DataErrorCode.ValidationFailed, () => transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("amount", 1))));

            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "later"))));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "ledger" }));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        }

        Assert.That(await CountAsync(Host.Engine, "ledger"), Is.Zero);
    }

    [Test]
    public async Task Transaction_AfterAFailedRead_RefusesEveryLaterCall()
    {
        await using (var transaction = await Host.Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "a")));
            Refused(DataErrorCode.InvalidField, () => transaction.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "ledger", Filter = Where("""{ "nope": 1 }""") }));

            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.GetAsync(DataTestHost.Alice, "ledger", "x"));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        }

        Assert.That(await CountAsync(Host.Engine, "ledger"), Is.Zero);
    }

    [Test]
    public async Task Transaction_AfterCommit_RefusesFurtherCalls()
    {
        await using var transaction = await Host.Engine.BeginTransactionAsync();
        await transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "a")));
        await transaction.CommitAsync();

        Assert.ThrowsAsync<InvalidOperationException>(() => transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "b"))));
        Assert.That(await CountAsync(Host.Engine, "ledger"), Is.EqualTo(1));
    }

    [Test]
    public async Task Transaction_Disposed_FreesTheWriterForTheNextWrite()
    {
        await using (var transaction = await Host.Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "rolled back")));
        }

        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "after")));

        Assert.That((await FindAllAsync(Host.Engine, "ledger")).Select(r => r["id"]), Is.EqualTo(new[] { written.Id }));
    }

    [TestCase("__fail_before__")]
    [TestCase("__fail_after__")]
    public async Task Insert_InterceptorRefuses_RollsTheInsertBack(string marker)
    {
        var exception = Refused(DataErrorCode.Unavailable, () => Host.Engine.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", marker))));

        Assert.That(exception.Message, Does.Contain("test interceptor"));
        Assert.That(await CountAsync(Host.Engine, "ledger"), Is.Zero);
    }

    [TestCase("__fail_before__")]
    [TestCase("__fail_after__")]
    public async Task Update_InterceptorRefuses_KeepsThePreviousValues(string marker)
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "original"), ("amount", 1)));

        Refused(DataErrorCode.Unavailable, () => Host.Engine.UpdateAsync(DataTestHost.Alice, "ledger", written.Id, Values(("name", marker), ("amount", 2))));

        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "ledger", written.Id);
        Assert.That((stored!["name"], stored["amount"], stored["updated_at"]), Is.EqualTo(("original", 1m, written.Record["updated_at"])));
    }

    [Test]
    public async Task Transaction_CascadingDeleteNotCommitted_RestoresParentAndChildren()
    {
        var ledger = await Host.Engine.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "parent")));
        await Host.Engine.InsertAsync(DataTestHost.Alice, "line", Values(("name", "child"), ("ledger", ledger.Id)));

        await using (var transaction = await Host.Engine.BeginTransactionAsync())
        {
            await transaction.DeleteAsync(DataTestHost.Alice, "ledger", ledger.Id);
            Assert.That(await CountAsync(transaction, "line"), Is.Zero, "the cascade ran inside the transaction");
        }

        Assert.That(await Host.Engine.GetAsync(DataTestHost.Alice, "ledger", ledger.Id), Is.Not.Null);
        Assert.That(await CountAsync(Host.Engine, "line"), Is.EqualTo(1));
    }

    [Test]
    public async Task Insert_InterceptorRefusesInsideATransaction_PoisonsIt()
    {
        await using (var transaction = await Host.Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "first")));
            Refused(DataErrorCode.Unavailable, () => transaction.InsertAsync(DataTestHost.Alice, "ledger", Values(("name", "__fail_after__"))));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        }

        Assert.That(await CountAsync(Host.Engine, "ledger"), Is.Zero);
    }
}
