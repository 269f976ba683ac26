using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Optimistic concurrency: <c>updated_at</c> is the version, stored to the millisecond and bumped strictly on every
/// write; a stale <c>expectedVersion</c> is <see cref="DataErrorCode.ConcurrentUpdate"/> and changes nothing, also when
/// writers race with the same version.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class VersionConflictConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override bool HostPerTest => true;

    /// <inheritdoc />
    protected override string Objects => """
        { "task": { "fields": { "title": { "type": "text", "required": true }, "counter": { "type": "number" } } } }
        """;

    /// <summary>Two updates in quick succession bump <c>updated_at</c> strictly each time; <c>created_at</c> never changes.</summary>
    [Test]
    public async Task Update_TwiceInQuickSuccession_BumpsUpdatedAtStrictlyEachTime()
    {
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "v0")));
        var created = (DateTimeOffset)written.Record["updated_at"]!;

        var first = await Engine.UpdateAsync(Alice, "task", written.Id, Values(("title", "v1")));
        var second = await Engine.UpdateAsync(Alice, "task", written.Id, Values(("title", "v2")));

        var firstAt = (DateTimeOffset)first.Record["updated_at"]!;
        var secondAt = (DateTimeOffset)second.Record["updated_at"]!;
        Assert.That(firstAt, Is.GreaterThan(created));
        Assert.That(secondAt, Is.GreaterThan(firstAt));
        var stored = await Engine.GetAsync(Alice, "task", written.Id);
        Assert.That(stored!["updated_at"], Is.EqualTo(secondAt));
        Assert.That(stored["created_at"], Is.EqualTo(written.Record["created_at"]), "created_at never changes");
        Assert.That(stored["title"], Is.EqualTo("v2"));
    }

    /// <summary>The version read back equals the version written, to the millisecond, in UTC.</summary>
    [Test]
    public async Task Insert_Version_ReadsBackExactly()
    {
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "v0")));

        var stored = await Engine.GetAsync(Alice, "task", written.Id);
        var listed = await FindAllAsync(Engine, "task", Where($$"""{ "id": "{{written.Id}}" }"""));

        Assert.That(Version(stored!["updated_at"]), Is.EqualTo(Version(written.Record["updated_at"])));
        Assert.That(Version(listed.Single()["updated_at"]), Is.EqualTo(Version(written.Record["updated_at"])));
        Assert.That(((DateTimeOffset)stored["updated_at"]!).Offset, Is.EqualTo(TimeSpan.Zero));
    }

    /// <summary>An update with a stale version is a conflict carrying the current version, and keeps the other writer's change.</summary>
    [Test]
    public async Task Update_StaleExpectedVersion_IsConcurrentUpdateWithTheCurrentVersion()
    {
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "v0")));
        var stale = Version(written.Record["updated_at"]);
        var changed = await Engine.UpdateAsync(User("bob"), "task", written.Id, Values(("title", "bob's")));

        var exception = Refused(DataErrorCode.ConcurrentUpdate, () => Engine.UpdateAsync(Alice, "task", written.Id, Values(("title", "alice's")), stale));

        Assert.That(exception.CurrentVersion, Is.EqualTo(Version(changed.Record["updated_at"])));
        Assert.That(exception.CurrentVersion, Is.Not.EqualTo(stale));
        Assert.That((await Engine.GetAsync(Alice, "task", written.Id))!["title"], Is.EqualTo("bob's"));
    }

    /// <summary>An update with the current version succeeds, also given as a weak ETag.</summary>
    [Test]
    public async Task Update_CurrentExpectedVersion_Succeeds()
    {
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "v0")));
        var current = Version(written.Record["updated_at"]);

        var first = await Engine.UpdateAsync(Alice, "task", written.Id, Values(("title", "v1")), current);
        var second = await Engine.UpdateAsync(Alice, "task", written.Id, Values(("title", "v2")), $"W/\"{Version(first.Record["updated_at"])}\"");

        Assert.That(second.Record["title"], Is.EqualTo("v2"));
    }

    /// <summary>A delete with a stale version is a conflict and keeps the record.</summary>
    [Test]
    public async Task Delete_StaleExpectedVersion_IsConcurrentUpdateAndKeepsTheRecord()
    {
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "v0")));
        var stale = Version(written.Record["updated_at"]);
        await Engine.UpdateAsync(Alice, "task", written.Id, Values(("title", "v1")));

        Refused(DataErrorCode.ConcurrentUpdate, () => Engine.DeleteAsync(Alice, "task", written.Id, stale));

        Assert.That(await Engine.GetAsync(Alice, "task", written.Id), Is.Not.Null);
    }

    /// <summary>A blank expected version is invalid, naming <c>expectedVersion</c>.</summary>
    [Test]
    public async Task Update_EmptyExpectedVersion_IsValidationFailed()
    {
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "v0")));

        var exception = Refused(DataErrorCode.ValidationFailed, () => Engine.UpdateAsync(Alice, "task", written.Id, Values(("title", "v1")), "  "));

        Assert.That(exception.Fields.Select(f => f.Field), Is.EqualTo(new[] { "expectedVersion" }));
    }

    /// <summary>Writers racing with the same version: exactly one wins, every other gets a conflict, and the winner's value is stored.</summary>
    [Test]
    public async Task Update_RacingWritersWithTheSameVersion_ExactlyOneWins()
    {
        const int Writers = 8;
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "v0"), ("counter", 0)));
        var version = Version(written.Record["updated_at"]);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, Writers).Select(i => Task.Run(async () =>
        {
            try
            {
                await Engine.UpdateAsync(User($"writer{i}"), "task", written.Id, Values(("title", $"v{i}"), ("counter", i)), version);
                return (Writer: i, Code: (DataErrorCode?)null);
            }
            catch (DataOperationException ex)
            {
                return (Writer: i, Code: (DataErrorCode?)ex.Code);
            }
        })));

        var winners = outcomes.Where(o => o.Code is null).Select(o => o.Writer).ToList();
        Assert.That(winners, Has.Count.EqualTo(1), "exactly one writer may win");
        Assert.That(outcomes.Where(o => o.Code is not null).Select(o => o.Code), Is.All.EqualTo(DataErrorCode.ConcurrentUpdate));
        var stored = await Engine.GetAsync(Alice, "task", written.Id);
        Assert.That((stored!["title"], stored["counter"], stored["updated_by"]), Is.EqualTo(($"v{winners[0]}", (object)(decimal)winners[0], $"writer{winners[0]}")));
    }

    /// <summary>Concurrent increments, each retried on conflict, lose no update.</summary>
    [Test]
    public async Task Update_ConcurrentIncrementsRetriedOnConflict_LoseNoUpdate()
    {
        const int Writers = 4;
        const int Increments = 10;
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "counter"), ("counter", 0)));

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < Increments; i++)
            {
                while (true)
                {
                    var current = await Engine.GetAsync(Alice, "task", written.Id);
                    try
                    {
                        await Engine.UpdateAsync(Alice, "task", written.Id, Values(("counter", (decimal)current!["counter"]! + 1)), Version(current["updated_at"]));
                        break;
                    }
                    catch (DataOperationException ex) when (ex.Code == DataErrorCode.ConcurrentUpdate)
                    {
                        // Another writer got there first: read again and retry.
                    }
                }
            }
        })));

        Assert.That((await Engine.GetAsync(Alice, "task", written.Id))!["counter"], Is.EqualTo((decimal)(Writers * Increments)));
    }
}
