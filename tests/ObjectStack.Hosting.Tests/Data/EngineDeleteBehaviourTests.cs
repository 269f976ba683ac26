using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// What deleting a record does to the records that refer to it: <c>restrict</c> refuses (before anything
/// cascades), <c>cascade</c> deletes recursively (also through a self-reference and around cycles), and
/// <c>set_null</c> clears the reference.
/// </summary>
public sealed class EngineDeleteBehaviourTests : PerTestEngineHostFixture
{
    protected override string Objects => """
        {
          "customer": { "fields": { "name": { "type": "text" } } },
          "invoice": { "fields": { "name": { "type": "text" }, "customer": { "type": "lookup", "reference": "customer", "deleteBehavior": "restrict" } } },
          "note": { "fields": { "name": { "type": "text" }, "customer": { "type": "lookup", "reference": "customer", "deleteBehavior": "cascade" } } },
          "project": { "fields": { "name": { "type": "text" }, "lead": { "type": "lookup", "reference": "customer" } } },
          "task": { "fields": { "name": { "type": "text" }, "project": { "type": "master_detail", "reference": "project" } } },
          "subtask": { "fields": { "name": { "type": "text" }, "task": { "type": "lookup", "reference": "task", "deleteBehavior": "cascade" } } },
          "timesheet": { "fields": { "name": { "type": "text" }, "task": { "type": "lookup", "reference": "task", "deleteBehavior": "restrict" } } },
          "folder": { "fields": { "name": { "type": "text" }, "parent": { "type": "lookup", "reference": "folder", "deleteBehavior": "cascade" } } },
          "link": { "fields": { "name": { "type": "text" }, "next": { "type": "lookup", "reference": "link", "deleteBehavior": "set_null" } } }
        }
        """;

    [Test]
    public async Task Delete_RestrictedByAReference_IsDeleteRestrictedAndChangesNothing()
    {
        var customer = await InsertAsync("customer", ("name", "acme"));
        await InsertAsync("invoice", ("name", "inv-1"), ("customer", customer));
        await InsertAsync("note", ("name", "note-1"), ("customer", customer));

        var exception = Refused(DataErrorCode.DeleteRestricted, () => Host.Engine.DeleteAsync(DataTestHost.Alice, "customer", customer));

        Assert.That(exception.Message, Does.Contain("invoice").And.Contain("customer"));
        Assert.That(await Host.Engine.GetAsync(DataTestHost.Alice, "customer", customer), Is.Not.Null);
        Assert.That(await CountAsync(Host.Engine, "invoice"), Is.EqualTo(1));
        Assert.That(await CountAsync(Host.Engine, "note"), Is.EqualTo(1), "the cascading note survives a refused delete");
    }

    [Test]
    public async Task Delete_RestrictWithNoReferences_Deletes()
    {
        var customer = await InsertAsync("customer", ("name", "acme"));
        await InsertAsync("invoice", ("name", "unrelated"));

        await Host.Engine.DeleteAsync(DataTestHost.Alice, "customer", customer);

        Assert.That(await CountAsync(Host.Engine, "customer"), Is.Zero);
        Assert.That(await CountAsync(Host.Engine, "invoice"), Is.EqualTo(1));
    }

    [Test]
    public async Task Delete_RestrictedDeeperInACascade_RefusesTheWholeDeleteAndChangesNothing()
    {
        var project = await InsertAsync("project", ("name", "p"));
        var free = await InsertAsync("task", ("name", "free"), ("project", project));
        var booked = await InsertAsync("task", ("name", "booked"), ("project", project));
        await InsertAsync("subtask", ("name", "s-free"), ("task", free));
        await InsertAsync("subtask", ("name", "s-booked"), ("task", booked));
        await InsertAsync("timesheet", ("name", "hours"), ("task", booked));

        var exception = Refused(DataErrorCode.DeleteRestricted, () => Host.Engine.DeleteAsync(DataTestHost.Alice, "project", project));

        Assert.That(exception.Message, Does.Contain("timesheet"));
        Assert.That(await ValuesOfAsync(Host.Engine, "project"), Is.EqualTo(new[] { "p" }));
        Assert.That(await ValuesOfAsync(Host.Engine, "task"), Is.EqualTo(new[] { "booked", "free" }));
        Assert.That(await ValuesOfAsync(Host.Engine, "subtask"), Is.EqualTo(new[] { "s-booked", "s-free" }));
    }

    [Test]
    public async Task Delete_Cascade_DeletesChildrenAndGrandchildrenOnly()
    {
        var project = await InsertAsync("project", ("name", "p1"));
        var other = await InsertAsync("project", ("name", "p2"));
        var task1 = await InsertAsync("task", ("name", "t1"), ("project", project));
        var task2 = await InsertAsync("task", ("name", "t2"), ("project", project));
        var kept = await InsertAsync("task", ("name", "t3"), ("project", other));
        await InsertAsync("subtask", ("name", "s1"), ("task", task1));
        await InsertAsync("subtask", ("name", "s2"), ("task", task2));
        await InsertAsync("subtask", ("name", "s3"), ("task", kept));

        var deleted = await Host.Engine.DeleteAsync(DataTestHost.Alice, "project", project);

        Assert.That(deleted["name"], Is.EqualTo("p1"));
        Assert.That(await ValuesOfAsync(Host.Engine, "project"), Is.EqualTo(new[] { "p2" }));
        Assert.That(await ValuesOfAsync(Host.Engine, "task"), Is.EqualTo(new[] { "t3" }));
        Assert.That(await ValuesOfAsync(Host.Engine, "subtask"), Is.EqualTo(new[] { "s3" }));
    }

    [Test]
    public async Task Delete_LookupWithoutDeleteBehaviour_SetsTheReferenceToNull()
    {
        var customer = await InsertAsync("customer", ("name", "acme"));
        var project = await Host.Engine.InsertAsync(DataTestHost.Alice, "project", Values(("name", "p"), ("lead", customer)));

        await Host.Engine.DeleteAsync(DataTestHost.Alice, "customer", customer);

        var stored = await Host.Engine.GetAsync(DataTestHost.Alice, "project", project.Id);
        Assert.That(stored!["lead"], Is.Null);
        Assert.That((DateTimeOffset)stored["updated_at"]!, Is.GreaterThan((DateTimeOffset)project.Record["updated_at"]!), "clearing the reference is a change");
    }

    [Test]
    public async Task Delete_SetNull_ClearsEveryReferenceButLeavesOthers()
    {
        var target = await InsertAsync("link", ("name", "target"));
        var other = await InsertAsync("link", ("name", "other"));
        await InsertAsync("link", ("name", "a"), ("next", target));
        await InsertAsync("link", ("name", "b"), ("next", target));
        await InsertAsync("link", ("name", "c"), ("next", other));

        await Host.Engine.DeleteAsync(DataTestHost.Alice, "link", target);

        var records = await FindAllAsync(Host.Engine, "link");
        var next = records.ToDictionary(r => (string)r["name"]!, r => r["next"]);
        Assert.That(next, Is.EquivalentTo(new Dictionary<string, object?> { ["other"] = null, ["a"] = null, ["b"] = null, ["c"] = other }));
    }

    [Test]
    public async Task Delete_SelfReferencingCascade_DeletesTheWholeSubtreeOnly()
    {
        var root = await InsertAsync("folder", ("name", "root"));
        var child = await InsertAsync("folder", ("name", "child"), ("parent", root));
        var grandchild = await InsertAsync("folder", ("name", "grandchild"), ("parent", child));
        await InsertAsync("folder", ("name", "great-grandchild"), ("parent", grandchild));
        await InsertAsync("folder", ("name", "sibling"), ("parent", root));
        var otherRoot = await InsertAsync("folder", ("name", "other-root"));
        await InsertAsync("folder", ("name", "other-child"), ("parent", otherRoot));

        await Host.Engine.DeleteAsync(DataTestHost.Alice, "folder", child);

        Assert.That(await ValuesOfAsync(Host.Engine, "folder"), Is.EqualTo(new[] { "other-child", "other-root", "root", "sibling" }));

        await Host.Engine.DeleteAsync(DataTestHost.Alice, "folder", root);

        Assert.That(await ValuesOfAsync(Host.Engine, "folder"), Is.EqualTo(new[] { "other-child", "other-root" }));
    }

    [Test]
    public async Task Delete_CascadeCycle_Terminates()
    {
        var a = await InsertAsync("folder", ("name", "a"));
        var b = await InsertAsync("folder", ("name", "b"), ("parent", a));
        await Host.Engine.UpdateAsync(DataTestHost.Alice, "folder", a, Values(("parent", b)));
        var loop = await InsertAsync("folder", ("name", "self"));
        await Host.Engine.UpdateAsync(DataTestHost.Alice, "folder", loop, Values(("parent", loop)));
        await InsertAsync("folder", ("name", "bystander"));

        await Host.Engine.DeleteAsync(DataTestHost.Alice, "folder", a);
        await Host.Engine.DeleteAsync(DataTestHost.Alice, "folder", loop);

        Assert.That(await ValuesOfAsync(Host.Engine, "folder"), Is.EqualTo(new[] { "bystander" }));
    }

    [Test]
    public async Task Delete_CascadeReachesDependentsTheCallerCannotSee()
    {
        // Cascades follow the metadata, not the caller's rights: a hidden dependent must not become an orphan.
        var member = User("alice", "org-a");
        var project = (await Host.Engine.InsertAsync(member, "project", Values(("name", "shared")))).Id;
        await Host.Engine.InsertAsync(member, "task", Values(("name", "visible"), ("project", project)));
        await Host.Engine.InsertAsync(OperationContext.System("tests", "org-b"), "task", Values(("name", "hidden"), ("project", project)));
        Assert.That(await ValuesOfAsync(Host.Engine, "task", context: member), Is.EqualTo(new[] { "visible" }));

        await Host.Engine.DeleteAsync(member, "project", project);

        Assert.That(await CountAsync(Host.Engine, "task"), Is.Zero);
    }

    [Test]
    public async Task Delete_ReferencedThroughARequiredSetNullLookup_IsRefusedAsADeleteOrTheMetadataIsRejected()
    {
        // A required lookup cannot be cleared, so set_null on it can never succeed: either the metadata is refused at
        // boot, or deleting the target is refused as a restricted delete. A validation error about another object's
        // field is neither.
        const string Metadata = """
            {
              "owner": { "fields": { "name": { "type": "text" } } },
              "asset": { "fields": { "name": { "type": "text" }, "owner": { "type": "lookup", "reference": "owner", "required": true, "deleteBehavior": "set_null" } } }
            }
            """;
        DataTestHost host;
        try
        {
            host = await DataTestHost.StartAsync(Metadata);
        }
        catch (Hosting.Configuration.ObjectStackConfigurationException ex)
        {
            Assert.That(ex.Message, Does.Contain("asset").And.Contain("owner"));
            return;
        }

        await using (host)
        {
            var owner = (await host.Engine.InsertAsync(DataTestHost.Alice, "owner", Values(("name", "o")))).Id;
            await host.Engine.InsertAsync(DataTestHost.Alice, "asset", Values(("name", "a"), ("owner", owner)));

            var exception = Assert.ThrowsAsync<DataOperationException>(() => host.Engine.DeleteAsync(DataTestHost.Alice, "owner", owner));

            Assert.That(await CountAsync(host.Engine, "owner"), Is.EqualTo(1));
            Assert.That(exception!.Code, Is.EqualTo(DataErrorCode.DeleteRestricted), $"{exception.Code}: {exception.Message}");
        }
    }
}
