using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// The access gate with the fixture policy: <c>denied</c> may do nothing, <c>reader*</c> only read, guests are
/// unauthenticated, and an organization in the context walls off other organizations' records of tenant objects.
/// </summary>
public sealed class EngineAccessTests : PerTestEngineHostFixture
{
    protected override string Objects => """
        {
          "account": { "fields": { "name": { "type": "text" }, "parent": { "type": "lookup", "reference": "account" } } },
          "notice": { "fields": { "name": { "type": "text" } }, "tenancy": { "enabled": false } }
        }
        """;

    private static readonly OperationContext Denied = User("denied");
    private static readonly OperationContext Reader = User("reader-1");
    private static readonly OperationContext OrgA = User("alice", "org-a");
    private static readonly OperationContext OrgB = User("bob", "org-b");

    private string _existing = null!;

    protected override async Task SeedAsync() => _existing = await InsertAsync("account", ("name", "existing"));

    [Test]
    public async Task DeniedUser_EveryOperation_IsPermissionDeniedAndChangesNothing()
    {
        var engine = Host.Engine;

        Refused(DataErrorCode.PermissionDenied, () => engine.FindAsync(Denied, new RecordQuery { ObjectName = "account" }));
        Refused(DataErrorCode.PermissionDenied, () => engine.GetAsync(Denied, "account", _existing));
        Refused(DataErrorCode.PermissionDenied, () => engine.InsertAsync(Denied, "account", Values(("name", "x"))));
        Refused(DataErrorCode.PermissionDenied, () => engine.UpdateAsync(Denied, "account", _existing, Values(("name", "x"))));
        Refused(DataErrorCode.PermissionDenied, () => engine.DeleteAsync(Denied, "account", _existing));

        var all = await FindAllAsync(engine, "account");
        Assert.That(all.Select(r => r["name"]), Is.EqualTo(new[] { "existing" }));
    }

    [Test]
    public async Task Reader_MayReadButNotWrite()
    {
        var engine = Host.Engine;

        var found = await engine.FindAsync(Reader, new RecordQuery { ObjectName = "account" });
        var read = await engine.GetAsync(Reader, "account", _existing);
        var insert = Refused(DataErrorCode.PermissionDenied, () => engine.InsertAsync(Reader, "account", Values(("name", "x"))));
        Refused(DataErrorCode.PermissionDenied, () => engine.UpdateAsync(Reader, "account", _existing, Values(("name", "x"))));
        Refused(DataErrorCode.PermissionDenied, () => engine.DeleteAsync(Reader, "account", _existing));

        Assert.That(found.Records, Has.Count.EqualTo(1));
        Assert.That(read!["name"], Is.EqualTo("existing"));
        Assert.That(insert.Message, Does.Contain("account"));
        Assert.That(await CountAsync(engine, "account"), Is.EqualTo(1));
    }

    [Test]
    public void Anonymous_EveryOperation_IsUnauthenticated()
    {
        var engine = Host.Engine;
        var guest = OperationContext.Anonymous;

        Refused(DataErrorCode.Unauthenticated, () => engine.FindAsync(guest, new RecordQuery { ObjectName = "account" }));
        Refused(DataErrorCode.Unauthenticated, () => engine.GetAsync(guest, "account", _existing));
        Refused(DataErrorCode.Unauthenticated, () => engine.InsertAsync(guest, "account", Values(("name", "x"))));
        Refused(DataErrorCode.Unauthenticated, () => engine.UpdateAsync(guest, "account", _existing, Values(("name", "x"))));
        Refused(DataErrorCode.Unauthenticated, () => engine.DeleteAsync(guest, "account", _existing));
    }

    [Test]
    public async Task OrganizationWall_OtherOrganizationsRecords_AreInvisible()
    {
        var engine = Host.Engine;
        var mine = await engine.InsertAsync(OrgA, "account", Values(("name", "a-1")));
        await engine.InsertAsync(OrgB, "account", Values(("name", "b-1")));

        var seenByA = await FindAllAsync(engine, "account", context: OrgA);
        var seenByB = await FindAllAsync(engine, "account", context: OrgB);
        var countedByB = await engine.FindAsync(OrgB, new RecordQuery { ObjectName = "account", IncludeTotal = true, Search = "1" });

        Assert.That(seenByA.Select(r => r["name"]), Is.EqualTo(new[] { "a-1" }), "records without an organization are outside the wall too");
        Assert.That(seenByB.Select(r => r["name"]), Is.EqualTo(new[] { "b-1" }));
        Assert.That(countedByB.Total, Is.EqualTo(1));
        Assert.That(await engine.GetAsync(OrgB, "account", mine.Id), Is.Null);
        Assert.That(await engine.GetAsync(OrgA, "account", mine.Id), Is.Not.Null);
    }

    [Test]
    public async Task OrganizationWall_UpdateOrDeleteAcrossIt_IsRecordNotFoundAndChangesNothing()
    {
        var engine = Host.Engine;
        var mine = await engine.InsertAsync(OrgA, "account", Values(("name", "a-1")));

        Refused(DataErrorCode.RecordNotFound, () => engine.UpdateAsync(OrgB, "account", mine.Id, Values(("name", "stolen"))));
        Refused(DataErrorCode.RecordNotFound, () => engine.DeleteAsync(OrgB, "account", mine.Id));

        var stored = await engine.GetAsync(OrgA, "account", mine.Id);
        Assert.That((stored!["name"], stored["updated_at"]), Is.EqualTo(("a-1", mine.Record["updated_at"])));
    }

    [Test]
    public async Task OrganizationWall_ReferenceAcrossIt_IsReferenceNotFound()
    {
        var engine = Host.Engine;
        var theirs = await engine.InsertAsync(OrgB, "account", Values(("name", "b-1")));

        var exception = Refused(DataErrorCode.ValidationFailed, () => engine.InsertAsync(OrgA, "account", Values(("name", "a-child"), ("parent", theirs.Id))));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("parent", "reference_not_found") }));
        Assert.That(exception.Message, Does.Not.Contain("b-1"), "nothing about the hidden record leaks");
    }

    [Test]
    public async Task OrganizationWall_ObjectNotTenantScoped_IsShared()
    {
        var engine = Host.Engine;
        var posted = await engine.InsertAsync(OrgA, "notice", Values(("name", "hello")));

        var seenByB = await FindAllAsync(engine, "notice", context: OrgB);
        var updated = await engine.UpdateAsync(OrgB, "notice", posted.Id, Values(("name", "hello from b")));

        Assert.That(seenByB.Select(r => r["id"]), Is.EqualTo(new[] { posted.Id }));
        Assert.That(updated.Record["name"], Is.EqualTo("hello from b"));
    }

    [Test]
    public async Task System_SeesEveryOrganization()
    {
        var engine = Host.Engine;
        await engine.InsertAsync(OrgA, "account", Values(("name", "a-1")));
        await engine.InsertAsync(OrgB, "account", Values(("name", "b-1")));

        var names = await ValuesOfAsync(engine, "account", context: DataTestHost.System);

        Assert.That(names, Is.EqualTo(new[] { "a-1", "b-1", "existing" }));
    }
}
