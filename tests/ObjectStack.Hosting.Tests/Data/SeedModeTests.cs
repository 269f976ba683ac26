using ObjectStack.Hosting.Configuration;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Seed modes (<c>upsert</c>, <c>insert</c>, <c>update</c>, <c>ignore</c>) and invalid seed records, which stop
/// the host with the JSON path of the record and write nothing.
/// </summary>
public sealed class SeedModeTests
{
    private const string Objects = """
        {
          "category": {
            "fields": {
              "name": { "type": "text", "required": true },
              "rank": { "type": "number", "max": 100 },
              "code": { "type": "text", "unique": true }
            }
          }
        }
        """;

    [Test]
    public async Task Ignore_ExistingRecord_IsLeftUntouchedAndMissingOnesAreInserted()
    {
        var first = await DataTestHost.StartAsync(Objects, """[ { "object": "category", "records": [ { "name": "A", "rank": 1 } ] } ]""");
        var before = (await FindAllAsync(first.Engine, "category")).Single();
        var folder = await first.StopKeepingDatabaseAsync();

        await using var second = await DataTestHost.StartAsync(
            Objects, """[ { "object": "category", "mode": "ignore", "records": [ { "name": "A", "rank": 9 }, { "name": "B", "rank": 2 } ] } ]""", reuseFolder: folder);

        var records = (await FindAllAsync(second.Engine, "category")).ToDictionary(r => (string)r["name"]!);
        Assert.That(records.Keys, Is.EquivalentTo(new[] { "A", "B" }));
        Assert.That((records["A"]["rank"], records["A"]["updated_at"]), Is.EqualTo((1m, before["updated_at"])));
        Assert.That(records["B"]["rank"], Is.EqualTo(2m));
    }

    [Test]
    public async Task Update_ExistingRecordIsUpdatedAndMissingOnesAreSkipped()
    {
        var data = """
            [
              { "object": "category", "records": [ { "name": "A", "rank": 1 } ] },
              { "object": "category", "mode": "update", "records": [ { "name": "A", "rank": 7 }, { "name": "Z", "rank": 1 } ] }
            ]
            """;

        await using var host = await DataTestHost.StartAsync(Objects, data);

        var records = await FindAllAsync(host.Engine, "category");
        Assert.That(records.Select(r => (r["name"], r["rank"])), Is.EqualTo(new[] { ((object?)"A", (object?)7m) }));
    }

    [Test]
    public async Task Upsert_IsTheDefault_UpdatingExistingAndInsertingMissing()
    {
        var data = """
            [
              { "object": "category", "records": [ { "name": "A", "rank": 1 } ] },
              { "object": "category", "records": [ { "name": "A", "rank": 3 }, { "name": "B", "rank": 4 } ] }
            ]
            """;

        await using var host = await DataTestHost.StartAsync(Objects, data);

        var records = (await FindAllAsync(host.Engine, "category")).ToDictionary(r => (string)r["name"]!, r => r["rank"]);
        Assert.That(records, Is.EquivalentTo(new Dictionary<string, object?> { ["A"] = 3m, ["B"] = 4m }));
    }

    [Test]
    public async Task Upsert_CompositeExternalId_MatchesOnEveryField()
    {
        var data = """
            [
              { "object": "category", "externalId": ["name", "code"], "records": [ { "name": "A", "code": "x", "rank": 1 } ] },
              { "object": "category", "externalId": ["name", "code"], "records": [ { "name": "A", "code": "x", "rank": 2 }, { "name": "A", "code": "y", "rank": 3 } ] }
            ]
            """;

        await using var host = await DataTestHost.StartAsync(Objects, data);

        var records = (await FindAllAsync(host.Engine, "category")).ToDictionary(r => (string)r["code"]!, r => r["rank"]);
        Assert.That(records, Is.EquivalentTo(new Dictionary<string, object?> { ["x"] = 2m, ["y"] = 3m }));
    }

    [Test]
    public async Task Insert_FirstBoot_InsertsEveryRecord()
    {
        await using var host = await DataTestHost.StartAsync(Objects, """[ { "object": "category", "mode": "insert", "records": [ { "name": "A" }, { "name": "B" } ] } ]""");

        Assert.That(await ValuesOfAsync(host.Engine, "category"), Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public async Task Insert_RestartWithTheSameSeed_LeavesExistingRecordsAloneAndDoesNotDuplicate()
    {
        // SeedMode.Insert: a seed is applied on every boot, so "insert" inserts what is missing and never fails or
        // duplicates because a record is already there.
        const string Data = """[ { "object": "category", "mode": "insert", "records": [ { "name": "A" }, { "name": "B" } ] } ]""";
        var first = await DataTestHost.StartAsync(Objects, Data);
        var folder = await first.StopKeepingDatabaseAsync();

        await using var restarted = await DataTestHost.StartAsync(Objects, Data, reuseFolder: folder);

        Assert.That(await ValuesOfAsync(restarted.Engine, "category"), Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public async Task Insert_ChangedValueOfAnExistingRecord_IsNotApplied()
    {
        const string Before = """[ { "object": "category", "externalId": "code", "mode": "insert", "records": [ { "name": "A", "code": "a" } ] } ]""";
        const string After = """[ { "object": "category", "externalId": "code", "mode": "insert", "records": [ { "name": "Changed", "code": "a" }, { "name": "B", "code": "b" } ] } ]""";
        var first = await DataTestHost.StartAsync(Objects, Before);
        var folder = await first.StopKeepingDatabaseAsync();

        await using var restarted = await DataTestHost.StartAsync(Objects, After, reuseFolder: folder);

        Assert.That(await ValuesOfAsync(restarted.Engine, "category"), Is.EqualTo(new[] { "A", "B" }));
    }

    [TestCase("""{ "code": "b", "rank": 1 }""", "required")]
    [TestCase("""{ "code": "b", "name": "B", "rank": 1000 }""", "100")]
    [TestCase("""{ "code": "b", "name": "B", "colour": "red" }""", "colour")]
    [TestCase("""{ "code": "b", "name": "B", "rank": "high" }""", "number")]
    [TestCase("""{ "name": "B" }""", "'code'")]
    public async Task Boot_InvalidSeedRecord_FailsNamingItsPathAndWritesNothing(string badRecord, string detail)
    {
        var data = $$"""
            [
              { "object": "category", "externalId": "code", "records": [ { "code": "a", "name": "A" }, {{badRecord}}, { "code": "c", "name": "C" } ] }
            ]
            """;
        var folder = NewFolder();

        var exception = Assert.ThrowsAsync<ObjectStackConfigurationException>(() => DataTestHost.StartAsync(Objects, data, reuseFolder: folder));

        Assert.That(exception!.Message, Does.Contain("data[0].records[1]").And.Contain(detail));
        Assert.That(exception.Errors.Select(e => e.Path), Is.EqualTo(new[] { "$.data[0].records[1]" }));
        await using var check = await DataTestHost.StartAsync(Objects, reuseFolder: folder);
        Assert.That(await CountAsync(check.Engine, "category"), Is.Zero, "record A, valid on its own, was rolled back too");
    }

    [Test]
    public void Boot_SeedForAnUnknownObject_FailsNamingThePath()
    {
        var exception = Assert.ThrowsAsync<ObjectStackConfigurationException>(
            () => DataTestHost.StartAsync(Objects, """[ { "object": "category", "records": [] }, { "object": "categroy", "records": [ { "name": "x" } ] } ]"""));

        Assert.That(exception!.Message, Does.Contain("data[1].object").And.Contain("categroy"));
    }

    [Test]
    public void Boot_SeedRecordWithoutItsExternalId_FailsNamingThePath()
    {
        var exception = Assert.ThrowsAsync<ObjectStackConfigurationException>(
            () => DataTestHost.StartAsync(Objects, """[ { "object": "category", "externalId": "code", "records": [ { "name": "x" } ] } ]"""));

        Assert.That(exception!.Message, Does.Contain("data[0].records[0]").And.Contain("'code'"));
    }

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "objectstack-tests", Guid.NewGuid().ToString("N"));
}
