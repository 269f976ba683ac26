using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Inserts and updates as the engine sees them: engine-stamped fields, values only the server sets (dropped and
/// reported), defaults, required values, validation reporting every problem at once, and references. What a driver
/// must store — unique values, versions, autonumbers, round trips — is in the driver conformance suite
/// (ObjectStack.Abstractions.Testing).
/// </summary>
public sealed class EngineWriteTests : PerTestEngineHostFixture
{
    protected override string Objects => """
        {
          "task": {
            "fields": {
              "title": { "type": "text", "required": true, "maxLength": 20 },
              "code": { "type": "text", "readonly": true },
              "status": { "type": "select", "options": [ { "value": "open", "default": true }, { "value": "done" } ] },
              "priority": { "type": "number", "scale": 0, "defaultValue": 3 },
              "email": { "type": "email" },
              "site": { "type": "url" },
              "estimate": { "type": "number", "scale": 0, "min": 0, "max": 100 },
              "due": { "type": "date" },
              "labels": { "type": "tags" },
              "seq": { "type": "autonumber" },
              "sku": { "type": "text", "unique": true },
              "serial": { "type": "text", "unique": "global" },
              "parent": { "type": "lookup", "reference": "task" },
              "big": { "type": "number", "precision": 18, "scale": 0 },
              "amount": { "type": "currency", "precision": 18, "scale": 2 }
            }
          },
          "memo": { "fields": { "body": { "type": "text" } }, "tenancy": { "enabled": false } }
        }
        """;

    [Test]
    public async Task Insert_AsUser_StampsIdTimestampsAndPrincipal()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "First")));
        var record = written.Record;

        Assert.That(Guid.TryParse(written.Id, out var id), Is.True, written.Id);
        Assert.That(id.Version, Is.EqualTo(7), "ids are UUIDv7");
        Assert.That(written.Id, Is.EqualTo(id.ToString()), "canonical lower-case text form");
        Assert.That(record["created_at"], Is.InstanceOf<DateTimeOffset>());
        Assert.That(record["updated_at"], Is.EqualTo(record["created_at"]));
        Assert.That((record["created_by"], record["updated_by"], record["owner_id"]), Is.EqualTo(("alice", "alice", "alice")));
        Assert.That(record["organization_id"], Is.Null, "alice acts without an organization");
        Assert.That(written.DroppedFields, Is.Empty);
    }

    [Test]
    public async Task Insert_Twice_IdsAreDistinctAndTimeOrdered()
    {
        var first = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "a")));
        var second = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "b")));

        Assert.That(second.Id, Is.Not.EqualTo(first.Id));
        Assert.That(string.CompareOrdinal(second.Id[..13], first.Id[..13]), Is.GreaterThanOrEqualTo(0), "the timestamp prefix of a UUIDv7 does not go back");
    }

    [Test]
    public async Task Insert_InAnOrganization_StampsTheOrganizationOnTenantObjectsOnly()
    {
        var member = User("alice", "org-1");

        var task = await Host.Engine.InsertAsync(member, "task", Values(("title", "Scoped")));
        var memo = await Host.Engine.InsertAsync(member, "memo", Values(("body", "Global")));

        Assert.That(task.Record["organization_id"], Is.EqualTo("org-1"));
        Assert.That(memo.Record.ContainsKey("organization_id"), Is.False, "memo is not tenant-scoped");
        var stored = await Host.Engine.GetAsync(DataTestHost.System, "task", task.Id);
        Assert.That(stored!["organization_id"], Is.EqualTo("org-1"));
    }

    [Test]
    public async Task Update_ByAnotherUser_StampsUpdatedByButKeepsCreatorAndOwner()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "Mine")));

        var updated = await Host.Engine.UpdateAsync(User("bob"), "task", written.Id, Values(("status", "done")));

        Assert.That((updated.Record["created_by"], updated.Record["updated_by"], updated.Record["owner_id"]), Is.EqualTo(("alice", "bob", "alice")));
        Assert.That(updated.Record["title"], Is.EqualTo("Mine"), "fields not sent are kept");
    }

    [Test]
    public async Task Insert_AsUserWithServerOnlyFields_DropsAndReportsThem()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(
            ("title", "Sneaky"), ("code", "C-1"), ("id", "my-own-id"), ("created_by", "mallory"), ("owner_id", "mallory"),
            ("updated_at", "2000-01-01T00:00:00Z"), ("organization_id", "org-x"), ("seq", 99)));

        Assert.That(written.DroppedFields, Is.EquivalentTo(new[] { "code", "id", "created_by", "owner_id", "updated_at", "organization_id", "seq" }));
        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id);
        Assert.That(stored!["code"], Is.Null);
        Assert.That(written.Id, Is.Not.EqualTo("my-own-id"));
        Assert.That((stored["created_by"], stored["owner_id"], stored["organization_id"]), Is.EqualTo(("alice", "alice", (string?)null)));
        Assert.That(stored["seq"], Is.EqualTo(1L));
    }

    [Test]
    public async Task Update_AsUserWithReadonlyField_DropsAndReportsIt()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.System, "task", Values(("title", "Coded"), ("code", "C-7")));

        var updated = await Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("code", "C-8"), ("owner_id", "alice"), ("title", "Renamed")));

        Assert.That(updated.DroppedFields, Is.EquivalentTo(new[] { "code", "owner_id" }));
        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id);
        Assert.That((stored!["code"], stored["title"]), Is.EqualTo(("C-7", "Renamed")));
    }

    [Test]
    public async Task Insert_AsSystem_MaySetReadonlyFieldsOwnerAndId()
    {
        var id = Guid.CreateVersion7().ToString();

        var written = await Host.Engine.InsertAsync(DataTestHost.System, "task", Values(("id", id), ("title", "Imported"), ("code", "C-1"), ("owner_id", "bob")));

        Assert.That(written.DroppedFields, Is.Empty);
        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "task", id);
        Assert.That((stored!["code"], stored["owner_id"], stored["created_by"]), Is.EqualTo(("C-1", "bob", (string?)null)));
    }

    [Test]
    public async Task Update_AsSystem_MayChangeReadonlyFieldAndOwnerButNotTheId()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "Owned")));

        var updated = await Host.Engine.UpdateAsync(DataTestHost.System, "task", written.Id, Values(("code", "C-2"), ("owner_id", "bob"), ("id", "other"), ("created_at", "2000-01-01T00:00:00Z")));

        Assert.That(updated.DroppedFields, Is.EquivalentTo(new[] { "id", "created_at" }));
        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id);
        Assert.That((stored!["code"], stored["owner_id"], stored["created_at"]), Is.EqualTo(("C-2", "bob", written.Record["created_at"])));
    }

    [Test]
    public async Task Insert_WithoutOptionalValues_AppliesDefaults()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "Defaults")));

        Assert.That((written.Record["status"], written.Record["priority"]), Is.EqualTo(("open", 3m)));
        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id);
        Assert.That((stored!["status"], stored["priority"]), Is.EqualTo(("open", 3m)));
    }

    [Test]
    public async Task Insert_WithExplicitValues_OverridesDefaults()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "Explicit"), ("status", "done"), ("priority", 1)));

        Assert.That((written.Record["status"], written.Record["priority"]), Is.EqualTo(("done", 1m)));
    }

    [Test]
    public async Task Update_LeavingDefaultedFieldOut_DoesNotReapplyTheDefault()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "Keep"), ("priority", 9)));

        await Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("title", "Kept")));

        Assert.That((await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id))!["priority"], Is.EqualTo(9m));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Insert_RequiredFieldMissingOrBlank_IsValidationFailed(string? title)
    {
        var values = title is null ? Values(("status", "open")) : Values(("title", title));

        var exception = Refused(DataErrorCode.ValidationFailed, () => Host.Engine.InsertAsync(DataTestHost.Alice, "task", values));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("title", "required") }));
        Assert.That(exception.ObjectName, Is.EqualTo("task"));
    }

    [TestCase(null)]
    [TestCase("")]
    public async Task Update_ClearingARequiredField_IsValidationFailedAndChangesNothing(string? title)
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "Keep me")));

        var exception = Refused(DataErrorCode.ValidationFailed, () => Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("title", title), ("status", "done"))));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("title", "required") }));
        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id);
        Assert.That((stored!["title"], stored["status"], stored["updated_at"]), Is.EqualTo(("Keep me", "open", written.Record["updated_at"])));
    }

    [Test]
    public async Task Update_WithoutTheRequiredField_IsAllowed()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "Present")));

        var updated = await Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("status", "done")));

        Assert.That(updated.Record["status"], Is.EqualTo("done"));
    }

    [Test]
    public async Task Insert_SeveralInvalidValues_ReportsEveryProblemAtOnceAndWritesNothing()
    {
        var exception = Refused(DataErrorCode.ValidationFailed, () => Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(
            ("email", "not-an-email"),
            ("site", "ftp://example.com"),
            ("estimate", 1.5m),
            ("priority", "high"),
            ("status", "nope"),
            ("due", "31/03/2025"))));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EquivalentTo(new[]
        {
            ("email", "invalid_email"),
            ("site", "invalid_url"),
            ("estimate", "max_scale"),
            ("priority", "invalid_type"),
            ("status", "invalid_option"),
            ("due", "invalid_date"),
            ("title", "required"),
        }));
        Assert.That(exception.Fields, Has.Count.EqualTo(7));
        Assert.That(await CountAsync(Host.Engine, "task"), Is.Zero);
    }

    [TestCase("title", "this title is far too long", "max_length")]
    [TestCase("estimate", -1, "min_value")]
    [TestCase("estimate", 101, "max_value")]
    [TestCase("title", "bell\u0007", "invalid_characters")]
    public void Insert_ValueBreakingAConstraint_NamesTheConstraint(string field, object value, string code)
    {
        var values = Values(("title", "ok"));
        values[field] = value;

        var exception = Refused(DataErrorCode.ValidationFailed, () => Host.Engine.InsertAsync(DataTestHost.Alice, "task", values));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { (field, code) }));
    }

    [Test]
    public void Insert_UnknownField_IsInvalidFieldWithHint()
    {
        var exception = Refused(DataErrorCode.InvalidField, () => Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "x"), ("titl", "y"))));

        Assert.That(exception.Hint, Does.Contain("'title'"));
        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("titl", "unknown_field") }));
    }

    [Test]
    public void Insert_UnknownObject_IsObjectNotFound() =>
        Refused(DataErrorCode.ObjectNotFound, () => Host.Engine.InsertAsync(DataTestHost.Alice, "nothing", Values(("title", "x"))));

    [Test]
    public async Task Insert_AutonumberValueFromTheSystem_IsStillAssigned()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.System, "task", Values(("title", "x"), ("seq", 42)));

        Assert.That(written.Record["seq"], Is.EqualTo(1L));
        Assert.That(written.DroppedFields, Is.EqualTo(new[] { "seq" }));
    }

    [Test]
    public void Insert_ReferenceToAMissingRecord_IsReferenceNotFound()
    {
        var exception = Refused(DataErrorCode.ValidationFailed, () => Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "orphan"), ("parent", Guid.CreateVersion7().ToString()))));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("parent", "reference_not_found") }));
    }

    [Test]
    public async Task Update_ReferenceToAMissingRecord_IsReferenceNotFound()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "child")));

        var exception = Refused(DataErrorCode.ValidationFailed, () => Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("parent", "missing"))));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("parent", "reference_not_found") }));
    }

    [Test]
    public async Task Insert_ReferenceToAnExistingRecord_IsStored()
    {
        var parent = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "parent")));

        var child = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "child"), ("parent", parent.Id)));

        Assert.That((await Host.Engine.GetAsync(DataTestHost.Alice, "task", child.Id))!["parent"], Is.EqualTo(parent.Id));
    }

    [Test]
    public void Update_MissingRecord_IsRecordNotFound() =>
        Refused(DataErrorCode.RecordNotFound, () => Host.Engine.UpdateAsync(DataTestHost.Alice, "task", "missing", Values(("title", "x"))));

    [Test]
    public void Delete_MissingRecord_IsRecordNotFound() =>
        Refused(DataErrorCode.RecordNotFound, () => Host.Engine.DeleteAsync(DataTestHost.Alice, "task", "missing"));

    [Test]
    public async Task Delete_ExistingRecord_ReturnsItAndRemovesIt()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "bye")));

        var deleted = await Host.Engine.DeleteAsync(DataTestHost.Alice, "task", written.Id);

        Assert.That(deleted["title"], Is.EqualTo("bye"));
        Assert.That(await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id), Is.Null);
    }

    [Test]
    public async Task Insert_ContextWithoutUser_IsRefusedForGuests()
    {
        var exception = Refused(DataErrorCode.Unauthenticated, () => Host.Engine.InsertAsync(OperationContext.Anonymous, "task", Values(("title", "x"))));

        Assert.That(exception.ObjectName, Is.EqualTo("task"));
        Assert.That(await CountAsync(Host.Engine, "task"), Is.Zero);
    }
}
