using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Unique values: the driver reports a violation as <see cref="DataErrorCode.DuplicateValue"/> naming the fields,
/// writes nothing, and stays usable; uniqueness is per organization unless declared global, a missing organization is
/// one scope of its own, and nulls never collide.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class UniqueConstraintConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override bool HostPerTest => true;

    /// <inheritdoc />
    protected override string Objects => """
        {
          "task": {
            "fields": {
              "title": { "type": "text", "required": true },
              "sku": { "type": "text", "unique": true },
              "serial": { "type": "text", "unique": "global" },
              "rank": { "type": "number", "unique": true },
              "region": { "type": "text" },
              "code": { "type": "text" }
            },
            "indexes": [ { "name": "region_code", "fields": ["region", "code"], "unique": true } ]
          },
          "memo": { "fields": { "body": { "type": "text" }, "ref": { "type": "text", "unique": true } }, "tenancy": { "enabled": false } }
        }
        """;

    /// <summary>An insert as the system with an id already in use is a duplicate of <c>id</c>, and the first record is kept.</summary>
    [Test]
    public async Task Insert_AsSystemWithAnIdInUse_IsDuplicateValue()
    {
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "first")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(SystemContext, "task", Values(("id", written.Id), ("title", "second"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "id" }));
        Assert.That((await Engine.GetAsync(Alice, "task", written.Id))!["title"], Is.EqualTo("first"));
    }

    /// <summary>A duplicate unique value is refused naming the field, and nothing is written.</summary>
    [Test]
    public async Task Insert_DuplicateUniqueValue_IsDuplicateValueAndWritesNothing()
    {
        await Engine.InsertAsync(Alice, "task", Values(("title", "first"), ("sku", "A-1")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(Alice, "task", Values(("title", "second"), ("sku", "A-1"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "sku" }));
        Assert.That(exception.ObjectName, Is.EqualTo("task"));
        Assert.That(await CountAsync(Engine, "task"), Is.EqualTo(1));
    }

    /// <summary>An update to a value another record holds is refused, and the record keeps its value.</summary>
    [Test]
    public async Task Update_ToADuplicateUniqueValue_IsDuplicateValue()
    {
        await Engine.InsertAsync(Alice, "task", Values(("title", "first"), ("sku", "A-1")));
        var other = await Engine.InsertAsync(Alice, "task", Values(("title", "second"), ("sku", "B-1")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Engine.UpdateAsync(Alice, "task", other.Id, Values(("sku", "A-1"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "sku" }));
        Assert.That((await Engine.GetAsync(Alice, "task", other.Id))!["sku"], Is.EqualTo("B-1"));
    }

    /// <summary>The same value in two organizations is allowed, but not twice in one; the violation names the field, not the organization.</summary>
    [Test]
    public async Task Insert_SameUniqueValueInTwoOrganizations_IsAllowedButNotTwiceInOne()
    {
        await Engine.InsertAsync(User("alice", "org-1"), "task", Values(("title", "a"), ("sku", "A-1")));
        await Engine.InsertAsync(User("bob", "org-2"), "task", Values(("title", "b"), ("sku", "A-1")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(User("carol", "org-1"), "task", Values(("title", "c"), ("sku", "A-1"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "sku" }));
        Assert.That(await CountAsync(Engine, "task"), Is.EqualTo(2));
    }

    /// <summary>Records without an organization form one scope of their own: a value is unique among them, and may repeat inside an organization.</summary>
    [Test]
    public async Task Insert_SameUniqueValueWithoutAnOrganization_IsOneScope()
    {
        await Engine.InsertAsync(Alice, "task", Values(("title", "a"), ("sku", "A-1")));
        await Engine.InsertAsync(User("bob", "org-2"), "task", Values(("title", "b"), ("sku", "A-1")));

        Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(User("carol"), "task", Values(("title", "c"), ("sku", "A-1"))));

        Assert.That(await CountAsync(Engine, "task"), Is.EqualTo(2));
    }

    /// <summary>A globally unique value is refused in another organization, naming the field.</summary>
    [Test]
    public async Task Insert_GloballyUniqueValueInAnotherOrganization_IsDuplicateValue()
    {
        await Engine.InsertAsync(User("alice", "org-1"), "task", Values(("title", "a"), ("serial", "S-1")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(User("bob", "org-2"), "task", Values(("title", "b"), ("serial", "S-1"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "serial" }));
    }

    /// <summary>Several records without the unique value never collide.</summary>
    [Test]
    public async Task Insert_SeveralRecordsWithoutTheUniqueValue_AreAllowed()
    {
        await Engine.InsertAsync(Alice, "task", Values(("title", "a")));
        await Engine.InsertAsync(Alice, "task", Values(("title", "b")));
        await Engine.InsertAsync(Alice, "task", Values(("title", "c"), ("sku", null)));

        Assert.That(await CountAsync(Engine, "task"), Is.EqualTo(3));
    }

    /// <summary>Uniqueness of text is case-sensitive and exact: values differing in case or by a trailing space are distinct.</summary>
    [Test]
    public async Task Insert_ValuesDifferingInCase_AreDistinct()
    {
        await Engine.InsertAsync(Alice, "task", Values(("title", "a"), ("sku", "A-1")));
        await Engine.InsertAsync(Alice, "task", Values(("title", "b"), ("sku", "a-1")));
        await Engine.InsertAsync(Alice, "task", Values(("title", "c"), ("sku", "Ä-1")));

        Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(Alice, "task", Values(("title", "d"), ("sku", "Ä-1"))));

        Assert.That(await ValuesOfAsync(Engine, "task", field: "sku"), Is.EqualTo(new[] { "A-1", "a-1", "Ä-1" }));
    }

    /// <summary>A unique number field refuses an equal number, however it is written.</summary>
    [Test]
    public async Task Insert_DuplicateUniqueNumber_IsDuplicateValue()
    {
        await Engine.InsertAsync(Alice, "task", Values(("title", "a"), ("rank", 2.5m)));
        await Engine.InsertAsync(Alice, "task", Values(("title", "b"), ("rank", 25)));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(Alice, "task", Values(("title", "c"), ("rank", Json("2.50")))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "rank" }));
    }

    /// <summary>A declared unique index over two fields refuses the same pair and names both fields; either value alone may repeat.</summary>
    [Test]
    public async Task Insert_DuplicatePairOfADeclaredUniqueIndex_NamesBothFields()
    {
        await Engine.InsertAsync(Alice, "task", Values(("title", "a"), ("region", "north"), ("code", "7")));
        await Engine.InsertAsync(Alice, "task", Values(("title", "b"), ("region", "north"), ("code", "8")));
        await Engine.InsertAsync(Alice, "task", Values(("title", "c"), ("region", "south"), ("code", "7")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(Alice, "task", Values(("title", "d"), ("region", "north"), ("code", "7"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EquivalentTo(new[] { "region", "code" }));
        Assert.That(await CountAsync(Engine, "task"), Is.EqualTo(3));
    }

    /// <summary>On an object without tenancy the value is unique across everyone.</summary>
    [Test]
    public async Task Insert_UniqueValueOnAnObjectWithoutTenancy_IsUniqueForEveryone()
    {
        await Engine.InsertAsync(User("alice", "org-1"), "memo", Values(("body", "a"), ("ref", "R-1")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(User("bob", "org-2"), "memo", Values(("body", "b"), ("ref", "R-1"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "ref" }));
    }

    /// <summary>After a refused duplicate the database stays usable: the next write succeeds.</summary>
    [Test]
    public async Task Insert_AfterARefusedDuplicate_TheNextWriteSucceeds()
    {
        await Engine.InsertAsync(Alice, "task", Values(("title", "a"), ("sku", "A-1")));
        for (var i = 0; i < 3; i++)
        {
            Refused(DataErrorCode.DuplicateValue, () => Engine.InsertAsync(Alice, "task", Values(("title", "dup"), ("sku", "A-1"))));
        }

        var next = await Engine.InsertAsync(Alice, "task", Values(("title", "b"), ("sku", "B-1")));

        Assert.That((await Engine.GetAsync(Alice, "task", next.Id))!["sku"], Is.EqualTo("B-1"));
        Assert.That(await CountAsync(Engine, "task"), Is.EqualTo(2));
    }

    /// <summary>A duplicate inside a transaction poisons it; none of its writes are committed.</summary>
    [Test]
    public async Task Insert_DuplicateInsideATransaction_CommitsNothing()
    {
        await using (var transaction = await Engine.BeginTransactionAsync())
        {
            await transaction.InsertAsync(Alice, "task", Values(("title", "a"), ("sku", "T-1")));
            var exception = Refused(DataErrorCode.DuplicateValue, () => transaction.InsertAsync(Alice, "task", Values(("title", "b"), ("sku", "T-1"))));
            Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "sku" }));
            Assert.ThrowsAsync<InvalidOperationException>(() => transaction.CommitAsync());
        }

        Assert.That(await CountAsync(Engine, "task"), Is.Zero);
    }

    /// <summary>Once its holder is deleted or changed, a unique value is free again.</summary>
    [Test]
    public async Task Insert_ValueFreedByDeleteOrUpdate_IsAllowed()
    {
        var deleted = await Engine.InsertAsync(Alice, "task", Values(("title", "a"), ("sku", "A-1")));
        var changed = await Engine.InsertAsync(Alice, "task", Values(("title", "b"), ("sku", "B-1")));
        await Engine.DeleteAsync(Alice, "task", deleted.Id);
        await Engine.UpdateAsync(Alice, "task", changed.Id, Values(("sku", "B-2")));

        await Engine.InsertAsync(Alice, "task", Values(("title", "c"), ("sku", "A-1")));
        await Engine.InsertAsync(Alice, "task", Values(("title", "d"), ("sku", "B-1")));

        Assert.That(await ValuesOfAsync(Engine, "task", new ComparisonFilter("sku", FilterOperator.Ne, null), "sku"), Is.EqualTo(new[] { "A-1", "B-1", "B-2" }));
    }
}
