using ObjectStack.Abstractions.Data;
using ObjectStack.Hosting.Configuration;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// The <c>data</c> section applied at boot: records land once, a restart on the same database changes nothing, a
/// changed seed value updates exactly its record, lookups resolve natural keys, and datasets follow the environment.
/// </summary>
public sealed class SeedLoaderTests
{
    private const string Objects = """
        {
          "category": { "fields": { "name": { "type": "text", "required": true }, "code": { "type": "text" }, "rank": { "type": "number" } } },
          "product": {
            "fields": {
              "name": { "type": "text", "required": true },
              "category": { "type": "lookup", "reference": "category" },
              "price": { "type": "currency" },
              "tags": { "type": "tags" },
              "released": { "type": "date" },
              "launched": { "type": "datetime" },
              "opens": { "type": "time" },
              "organic": { "type": "boolean" },
              "sizes": { "type": "multiselect", "options": [ { "value": "s" }, { "value": "m" }, { "value": "l" } ] },
              "spec": { "type": "json" }
            }
          }
        }
        """;

    private const string Data = """
        [
          { "object": "category", "externalId": "code", "records": [
            { "code": "fr", "name": "Fruit", "rank": 1 },
            { "code": "vg", "name": "Veg", "rank": 2 }
          ] },
          { "object": "product", "records": [
            { "name": "Apple", "category": "fr", "price": 1.25, "tags": ["red", " sweet "], "released": "2024-09-01",
              "launched": "2024-09-01T10:00:00+02:00", "opens": "09:30", "organic": true, "sizes": ["m", "s"], "spec": { "kcal": 52, "ratio": 0.5 } },
            { "name": "Carrot", "category": "Veg", "price": 0.5 }
          ] }
        ]
        """;

    [Test]
    public async Task Boot_WithData_InsertsEveryRecordAsTheSystem()
    {
        await using var host = await DataTestHost.StartAsync(Objects, Data);

        var categories = await FindAllAsync(host.Engine, "category");
        var apple = (await FindAllAsync(host.Engine, "product", Where("""{ "name": "Apple" }"""))).Single();

        Assert.That(categories.Select(c => c["name"]).Order(), Is.EqualTo(new[] { "Fruit", "Veg" }));
        Assert.That(await CountAsync(host.Engine, "product"), Is.EqualTo(2));
        Assert.That((apple["price"], apple["released"]), Is.EqualTo((1.25m, new DateOnly(2024, 9, 1))));
        Assert.That(apple["tags"], Is.EqualTo(new[] { "red", "sweet" }));
        Assert.That((apple["launched"], apple["opens"], apple["organic"]), Is.EqualTo((Instant("2024-09-01T08:00:00Z"), new TimeOnly(9, 30), true)));
        Assert.That(apple["sizes"], Is.EqualTo(new[] { "m", "s" }));
        Assert.That((apple["created_by"], apple["owner_id"]), Is.EqualTo(((string?)null, (string?)null)), "seed data is written by the system");
    }

    [Test]
    public async Task Boot_LookupByNaturalKey_ResolvesTheSeedExternalIdThenTheName()
    {
        await using var host = await DataTestHost.StartAsync(Objects, Data);

        var ids = (await FindAllAsync(host.Engine, "category")).ToDictionary(c => (string)c["name"]!, c => c["id"]);
        var products = (await FindAllAsync(host.Engine, "product")).ToDictionary(p => (string)p["name"]!, p => p["category"]);

        Assert.That(products["Apple"], Is.EqualTo(ids["Fruit"]), "'fr' is the category's seed external id (code)");
        Assert.That(products["Carrot"], Is.EqualTo(ids["Veg"]), "'Veg' is the category's name");
    }

    [Test]
    public async Task Boot_LookupByRecordId_IsKeptAsTheId()
    {
        await using var first = await DataTestHost.StartAsync(Objects, Data);
        var fruit = (string)(await FindAllAsync(first.Engine, "category", Where("""{ "code": "fr" }"""))).Single()["id"]!;
        var folder = await first.StopKeepingDatabaseAsync();
        var data = Data.Replace("\"category\": \"Veg\"", $"\"category\": \"{fruit}\"", StringComparison.Ordinal);

        await using var second = await DataTestHost.StartAsync(Objects, data, reuseFolder: folder);

        var carrot = (await FindAllAsync(second.Engine, "product", Where("""{ "name": "Carrot" }"""))).Single();
        Assert.That(carrot["category"], Is.EqualTo(fruit));
    }

    [Test]
    public async Task Restart_SameConfigurationAndDatabase_ChangesNothing()
    {
        var first = await DataTestHost.StartAsync(Objects, Data);
        var before = await SnapshotAsync(first.Engine);
        var folder = await first.StopKeepingDatabaseAsync();

        await using var second = await DataTestHost.StartAsync(Objects, Data, reuseFolder: folder);

        Assert.That(await SnapshotAsync(second.Engine), Is.EqualTo(before), "same records, same updated_at");
    }

    [Test]
    public async Task Restart_WithAChangedSeedValue_UpdatesExactlyThatRecord()
    {
        var first = await DataTestHost.StartAsync(Objects, Data);
        var before = await SnapshotAsync(first.Engine);
        var folder = await first.StopKeepingDatabaseAsync();
        var changed = Data.Replace("\"name\": \"Veg\", \"rank\": 2", "\"name\": \"Veg\", \"rank\": 5", StringComparison.Ordinal);
        Assert.That(changed, Is.Not.EqualTo(Data), "the test changes the configuration");

        await using var second = await DataTestHost.StartAsync(Objects, changed, reuseFolder: folder);

        var after = await SnapshotAsync(second.Engine);
        var veg = (await FindAllAsync(second.Engine, "category", Where("""{ "code": "vg" }"""))).Single();
        var vegId = (string)veg["id"]!;
        Assert.That(veg["rank"], Is.EqualTo(5m));
        Assert.That(after.Keys, Is.EquivalentTo(before.Keys), "no record added or removed");
        Assert.That(after.Where(a => before[a.Key] != a.Value).Select(a => a.Key), Is.EqualTo(new[] { vegId }), "only Veg changed");
    }

    [Test]
    public async Task Restart_WithAnAddedSeedRecord_InsertsOnlyIt()
    {
        var first = await DataTestHost.StartAsync(Objects, Data);
        var before = await SnapshotAsync(first.Engine);
        var folder = await first.StopKeepingDatabaseAsync();
        var added = Data.Replace("""{ "code": "vg", "name": "Veg", "rank": 2 }""", """{ "code": "vg", "name": "Veg", "rank": 2 }, { "code": "nt", "name": "Nuts" }""", StringComparison.Ordinal);

        await using var second = await DataTestHost.StartAsync(Objects, added, reuseFolder: folder);

        var after = await SnapshotAsync(second.Engine);
        Assert.That(after, Has.Count.EqualTo(before.Count + 1));
        Assert.That(before.All(b => after[b.Key] == b.Value), Is.True, "existing records untouched");
        Assert.That(await ValuesOfAsync(second.Engine, "category"), Is.EqualTo(new[] { "Fruit", "Nuts", "Veg" }));
    }

    [Test]
    public async Task Restart_AfterAUserEditedASeededRecord_RestoresTheSeedValueOnly()
    {
        var first = await DataTestHost.StartAsync(Objects, Data);
        var fruit = (await FindAllAsync(first.Engine, "category", Where("""{ "code": "fr" }"""))).Single();
        await first.Engine.UpdateAsync(DataTestHost.Alice, "category", (string)fruit["id"]!, Values(("rank", 9)));
        var folder = await first.StopKeepingDatabaseAsync();

        await using var second = await DataTestHost.StartAsync(Objects, Data, reuseFolder: folder);

        var restored = await second.Engine.GetAsync(DataTestHost.System, "category", (string)fruit["id"]!);
        Assert.That(restored!["rank"], Is.EqualTo(1m), "upsert brings the seed value back");
    }

    [TestCase("Development", "dev", true)]
    [TestCase("Development", "prod", false)]
    [TestCase("Production", "prod", true)]
    [TestCase("Production", "dev", false)]
    [TestCase("Test", "test", true)]
    [TestCase("Test", "dev", false)]
    [TestCase("Staging", "prod", true)]
    public async Task Boot_DatasetForAnEnvironment_AppliesOnlyThere(string hostEnvironment, string seedEnvironment, bool applied)
    {
        var data = $$"""
            [
              { "object": "category", "records": [ { "name": "Everywhere" } ] },
              { "object": "category", "env": ["{{seedEnvironment}}"], "records": [ { "name": "Scoped" } ] }
            ]
            """;

        await using var host = await DataTestHost.StartAsync(Objects, data, environment: hostEnvironment);

        Assert.That(await ValuesOfAsync(host.Engine, "category"), Is.EqualTo(applied ? new[] { "Everywhere", "Scoped" } : new[] { "Everywhere" }));
    }

    [Test]
    public async Task Boot_LookupNaturalKeyMatchingNothing_FailsNamingThePath()
    {
        var data = """
            [
              { "object": "category", "records": [ { "name": "Fruit" } ] },
              { "object": "product", "records": [ { "name": "Apple", "category": "Fruit" }, { "name": "Kiwi", "category": "Exotic" } ] }
            ]
            """;

        var exception = Assert.ThrowsAsync<ObjectStackConfigurationException>(() => DataTestHost.StartAsync(Objects, data));

        Assert.That(exception!.Message, Does.Contain("data[1].records[1].category").And.Contain("'Exotic'"));
    }

    [Test]
    public async Task Boot_NaturalKeyMatchingTwoRecords_FailsNamingThePath()
    {
        var data = """
            [
              { "object": "category", "externalId": "code", "records": [ { "code": "a", "name": "Twin" }, { "code": "b", "name": "Twin" } ] },
              { "object": "product", "records": [ { "name": "Apple", "category": "Twin" } ] }
            ]
            """;

        var exception = Assert.ThrowsAsync<ObjectStackConfigurationException>(() => DataTestHost.StartAsync(Objects, data));

        Assert.That(exception!.Message, Does.Contain("data[1].records[0].category").And.Contain("several"));
    }

    private static async Task<Dictionary<string, string>> SnapshotAsync(IDataEngine engine)
    {
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var objectName in new[] { "category", "product" })
        {
            foreach (var record in await FindAllAsync(engine, objectName))
            {
                snapshot[(string)record["id"]!] = Version(record["updated_at"]);
            }
        }

        return snapshot;
    }
}
