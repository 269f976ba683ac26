using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using static ObjectStack.Hosting.Tests.Data.EngineTestKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Inserts and updates: engine-stamped fields, values only the server sets (dropped and reported), defaults,
/// required values, validation reporting every problem at once, autonumbers, unique values and references.
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
    public async Task Insert_ReadBack_EqualsTheWriteResult()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(
            ("title", "Round trip"), ("estimate", 5), ("due", "2025-03-31"), ("labels", Json("""[" x ", "y", "x"]""")), ("email", "a@example.com")));

        var read = await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id);

        Assert.That(read, Is.EquivalentTo(written.Record));
        Assert.That(read!["due"], Is.EqualTo(new DateOnly(2025, 3, 31)));
        Assert.That(read["labels"], Is.EqualTo(new[] { "x", "y" }), "tags are trimmed and de-duplicated");
        Assert.That(read["estimate"], Is.EqualTo(5m));
    }

    [Test]
    public async Task Update_TwiceInQuickSuccession_BumpsUpdatedAtStrictlyEachTime()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "v0")));
        var created = (DateTimeOffset)written.Record["updated_at"]!;

        var first = await Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("title", "v1")));
        var second = await Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("title", "v2")));

        var firstAt = (DateTimeOffset)first.Record["updated_at"]!;
        var secondAt = (DateTimeOffset)second.Record["updated_at"]!;
        Assert.That(firstAt, Is.GreaterThan(created));
        Assert.That(secondAt, Is.GreaterThan(firstAt));
        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id);
        Assert.That(stored!["updated_at"], Is.EqualTo(secondAt));
        Assert.That(stored["created_at"], Is.EqualTo(written.Record["created_at"]), "created_at never changes");
        Assert.That(stored["title"], Is.EqualTo("v2"));
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

    [TestCase("amount", "0.07")]
    [TestCase("amount", "123456789012.34")]
    [TestCase("big", "999999999999999")]
    public async Task Insert_NumberWithinTheDeclaredPrecision_RoundTripsExactly(string field, string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "n"), (field, value)));

        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id);
        Assert.That(stored![field], Is.EqualTo(value), "a value the metadata accepts must be stored exactly");
        Assert.That(await CountAsync(Host.Engine, "task", new ComparisonFilter(field, FilterOperator.Eq, value)), Is.EqualTo(1));
    }

    // The SQLite datasource stores numbers as doubles (about 15 significant digits); a value it would not read back
    // exactly is refused with the field named, never rounded silently.
    [TestCase("big", "123456789012345678")]
    [TestCase("amount", "1234567890123456.78")]
    public async Task Insert_NumberBeyondWhatTheDatasourceStoresExactly_IsRefusedNotRounded(string field, string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var exception = Refused(DataErrorCode.ValidationFailed, () => Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "too precise"), (field, value))));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { (field, "max_value") }));
        Assert.That(await CountAsync(Host.Engine, "task", new ComparisonFilter("title", FilterOperator.Eq, "too precise")), Is.Zero);
    }

    [Test]
    public async Task Insert_AsSystemWithAnIdInUse_IsDuplicateValue()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "first")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Host.Engine.InsertAsync(DataTestHost.System, "task", Values(("id", written.Id), ("title", "second"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "id" }));
        Assert.That((await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id))!["title"], Is.EqualTo("first"));
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
    public async Task Insert_Autonumber_IncrementsPerObject()
    {
        var numbers = new List<object?>();
        for (var i = 0; i < 3; i++)
        {
            numbers.Add((await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", $"t{i}")))).Record["seq"]);
        }

        Assert.That(numbers, Is.EqualTo(new object[] { 1L, 2L, 3L }));
    }

    [Test]
    public async Task Insert_AutonumberAfterDeletingTheHighest_DoesNotReuseTheNumber()
    {
        // FieldType.Autonumber: "a number the engine assigns on insert, increasing per object".
        await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "one")));
        var second = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "two")));
        await Host.Engine.DeleteAsync(DataTestHost.Alice, "task", second.Id);

        var third = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "three")));

        Assert.That(third.Record["seq"], Is.EqualTo(3L), "number 2 was already given to a (deleted) record");
    }

    [Test]
    public async Task Insert_AutonumberValueFromTheSystem_IsStillAssigned()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.System, "task", Values(("title", "x"), ("seq", 42)));

        Assert.That(written.Record["seq"], Is.EqualTo(1L));
        Assert.That(written.DroppedFields, Is.EqualTo(new[] { "seq" }));
    }

    [Test]
    public async Task Insert_DuplicateUniqueValue_IsDuplicateValueAndWritesNothing()
    {
        await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "first"), ("sku", "A-1")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "second"), ("sku", "A-1"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "sku" }));
        Assert.That(await CountAsync(Host.Engine, "task"), Is.EqualTo(1));
    }

    [Test]
    public async Task Update_ToADuplicateUniqueValue_IsDuplicateValue()
    {
        await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "first"), ("sku", "A-1")));
        var other = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "second"), ("sku", "B-1")));

        Refused(DataErrorCode.DuplicateValue, () => Host.Engine.UpdateAsync(DataTestHost.Alice, "task", other.Id, Values(("sku", "A-1"))));

        Assert.That((await Host.Engine.GetAsync(DataTestHost.Alice, "task", other.Id))!["sku"], Is.EqualTo("B-1"));
    }

    [Test]
    public async Task Insert_SameUniqueValueInTwoOrganizations_IsAllowedButNotTwiceInOne()
    {
        await Host.Engine.InsertAsync(User("alice", "org-1"), "task", Values(("title", "a"), ("sku", "A-1")));
        await Host.Engine.InsertAsync(User("bob", "org-2"), "task", Values(("title", "b"), ("sku", "A-1")));

        Refused(DataErrorCode.DuplicateValue, () => Host.Engine.InsertAsync(User("carol", "org-1"), "task", Values(("title", "c"), ("sku", "A-1"))));

        Assert.That(await CountAsync(Host.Engine, "task"), Is.EqualTo(2));
    }

    [Test]
    public async Task Insert_GloballyUniqueValueInAnotherOrganization_IsDuplicateValue()
    {
        await Host.Engine.InsertAsync(User("alice", "org-1"), "task", Values(("title", "a"), ("serial", "S-1")));

        var exception = Refused(DataErrorCode.DuplicateValue, () => Host.Engine.InsertAsync(User("bob", "org-2"), "task", Values(("title", "b"), ("serial", "S-1"))));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "serial" }));
    }

    [Test]
    public async Task Insert_SeveralRecordsWithoutTheUniqueValue_AreAllowed()
    {
        await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "a")));
        await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "b")));

        Assert.That(await CountAsync(Host.Engine, "task"), Is.EqualTo(2));
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
    public async Task Update_StaleExpectedVersion_IsConcurrentUpdateWithTheCurrentVersion()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "v0")));
        var stale = Version(written.Record["updated_at"]);
        var changed = await Host.Engine.UpdateAsync(User("bob"), "task", written.Id, Values(("title", "bob's")));

        var exception = Refused(DataErrorCode.ConcurrentUpdate, () => Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("title", "alice's")), stale));

        Assert.That(exception.CurrentVersion, Is.EqualTo(Version(changed.Record["updated_at"])));
        Assert.That(exception.CurrentVersion, Is.Not.EqualTo(stale));
        Assert.That((await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id))!["title"], Is.EqualTo("bob's"));
    }

    [Test]
    public async Task Update_CurrentExpectedVersion_Succeeds()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "v0")));
        var current = Version(written.Record["updated_at"]);

        var first = await Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("title", "v1")), current);
        var second = await Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("title", "v2")), $"W/\"{Version(first.Record["updated_at"])}\"");

        Assert.That(second.Record["title"], Is.EqualTo("v2"));
    }

    [Test]
    public async Task Delete_StaleExpectedVersion_IsConcurrentUpdateAndKeepsTheRecord()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "v0")));
        var stale = Version(written.Record["updated_at"]);
        await Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("title", "v1")));

        Refused(DataErrorCode.ConcurrentUpdate, () => Host.Engine.DeleteAsync(DataTestHost.Alice, "task", written.Id, stale));

        Assert.That(await Host.Engine.GetAsync(DataTestHost.Alice, "task", written.Id), Is.Not.Null);
    }

    [Test]
    public async Task Update_EmptyExpectedVersion_IsValidationFailed()
    {
        var written = await Host.Engine.InsertAsync(DataTestHost.Alice, "task", Values(("title", "v0")));

        var exception = Refused(DataErrorCode.ValidationFailed, () => Host.Engine.UpdateAsync(DataTestHost.Alice, "task", written.Id, Values(("title", "v1")), "  "));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "expectedVersion" }));
    }

    [Test]
    public async Task Insert_ContextWithoutUser_IsRefusedForGuests()
    {
        var exception = Refused(DataErrorCode.Unauthenticated, () => Host.Engine.InsertAsync(OperationContext.Anonymous, "task", Values(("title", "x"))));

        Assert.That(exception.ObjectName, Is.EqualTo("task"));
        Assert.That(await CountAsync(Host.Engine, "task"), Is.Zero);
    }
}
