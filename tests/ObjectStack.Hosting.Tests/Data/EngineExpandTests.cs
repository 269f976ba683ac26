using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using static ObjectStack.Hosting.Tests.Data.EngineTestKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Expansion of lookups: ids replaced by records, field selection inside an expansion, nesting to depth three (four
/// is refused), and ids that stay ids when the caller cannot see the target.
/// </summary>
public sealed class EngineExpandTests : SharedEngineHostFixture
{
    protected override string Objects => """
        {
          "country": { "fields": { "name": { "type": "text" }, "code": { "type": "text" } } },
          "city": { "fields": { "name": { "type": "text" }, "country": { "type": "lookup", "reference": "country" } } },
          "person": {
            "fields": { "name": { "type": "text" }, "city": { "type": "lookup", "reference": "city" } },
            "tenancy": { "enabled": false }
          },
          "pet": { "fields": { "name": { "type": "text" }, "owner": { "type": "lookup", "reference": "person" } } },
          "visit": { "fields": { "name": { "type": "text" }, "pet": { "type": "lookup", "reference": "pet" } } }
        }
        """;

    private string _norway = null!;
    private string _oslo = null!;
    private string _ann = null!;
    private string _rex = null!;
    private string _bob = null!;
    private string _hiddenCity = null!;

    protected override async Task SeedAsync()
    {
        _norway = await InsertAsync("country", ("name", "Norway"), ("code", "NO"));
        _oslo = await InsertAsync("city", ("name", "Oslo"), ("country", _norway));
        _ann = await InsertAsync("person", ("name", "Ann"), ("city", _oslo));
        _rex = await InsertAsync("pet", ("name", "Rex"), ("owner", _ann));
        await InsertAsync("pet", ("name", "Tom"), ("owner", _ann));
        await InsertAsync("pet", ("name", "Stray"));
        await InsertAsync("visit", ("name", "checkup"), ("pet", _rex));

        // A city of another organization, referenced by a person (not tenant-scoped) whom everyone can see.
        var engine = Host.Engine;
        _hiddenCity = (await engine.InsertAsync(OperationContext.System("tests", "org-b"), "city", Values(("name", "Bergen")))).Id;
        _bob = (await engine.InsertAsync(DataTestHost.System, "person", Values(("name", "Bob"), ("city", _hiddenCity)))).Id;
    }

    [Test]
    public async Task Find_ExpandLookup_ReplacesIdsByRecordsAndLeavesNullsAlone()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "pet",
            Sort = [new SortField("name")],
            Expand = [new ExpandRequest { Field = "owner" }],
        });

        var byName = result.Records.ToDictionary(r => (string)r["name"]!);
        var rexOwner = Record(byName["Rex"]["owner"]);
        var tomOwner = Record(byName["Tom"]["owner"]);
        Assert.That(rexOwner["id"], Is.EqualTo(_ann));
        Assert.That(rexOwner["name"], Is.EqualTo("Ann"));
        Assert.That(rexOwner["city"], Is.EqualTo(_oslo), "not expanded further unless asked");
        Assert.That(tomOwner["id"], Is.EqualTo(_ann));
        Assert.That(byName["Stray"]["owner"], Is.Null);
    }

    [Test]
    public async Task Find_ExpandWithFields_ReturnsOnlyThoseFieldsAndTheId()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "city",
            Filter = Where("""{ "name": "Oslo" }"""),
            Expand = [new ExpandRequest { Field = "country", Fields = ["code"] }],
        });

        Assert.That(Record(result.Records.Single()["country"]), Is.EquivalentTo(new Dictionary<string, object?> { ["id"] = _norway, ["code"] = "NO" }));
    }

    [Test]
    public async Task Get_ExpandThreeLevels_NestsRecords()
    {
        var pet = await Host.Engine.GetAsync(DataTestHost.Alice, "pet", _rex, expand:
        [
            new ExpandRequest
            {
                Field = "owner",
                Expand = [new ExpandRequest { Field = "city", Expand = [new ExpandRequest { Field = "country" }] }],
            },
        ]);

        var owner = Record(pet!["owner"]);
        var city = Record(owner["city"]);
        var country = Record(city["country"]);
        Assert.That((owner["name"], city["name"], country["name"]), Is.EqualTo(("Ann", "Oslo", "Norway")));
    }

    [Test]
    public void Find_ExpandFourLevels_IsInvalidQuery()
    {
        var exception = Refused(DataErrorCode.InvalidQuery, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "visit",
            Expand = [Chain("pet", "owner", "city", "country")],
        }));

        Assert.That(exception.Message, Does.Contain("3"));
    }

    [Test]
    public void Get_ExpandFourLevels_IsInvalidQuery() =>
        Refused(DataErrorCode.InvalidQuery, () => Host.Engine.GetAsync(DataTestHost.Alice, "visit", _rex, expand: [Chain("pet", "owner", "city", "country")]));

    [Test]
    public async Task Find_ExpandThreeLevelsFromTheTop_IsAllowed()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "visit", Expand = [Chain("pet", "owner", "city")] });

        var city = Record(Record(Record(result.Records.Single()["pet"])["owner"])["city"]);
        Assert.That(city["country"], Is.EqualTo(_norway), "the fourth level stays an id");
    }

    [Test]
    public void Find_ExpandNonLookupField_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "pet", Expand = [new ExpandRequest { Field = "name" }] }));

    [Test]
    public void Find_ExpandUnknownField_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "pet", Expand = [new ExpandRequest { Field = "ownr" }] }));

    [Test]
    public void Find_ExpandUnknownFieldOfTheTarget_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "pet",
            Expand = [new ExpandRequest { Field = "owner", Fields = ["nope"] }],
        }));

    [Test]
    public async Task Get_TargetHiddenByTheOrganizationWall_StaysAnId()
    {
        var outsider = User("carol", "org-a");

        var bob = await Host.Engine.GetAsync(outsider, "person", _bob, expand: [new ExpandRequest { Field = "city" }]);
        var bobAsSystem = await Host.Engine.GetAsync(DataTestHost.System, "person", _bob, expand: [new ExpandRequest { Field = "city" }]);

        Assert.That(bob!["city"], Is.EqualTo(_hiddenCity));
        Assert.That(Record(bobAsSystem!["city"])["name"], Is.EqualTo("Bergen"));
    }

    [Test]
    public async Task Find_SelectWithoutTheExpandedField_StillExpandsIt()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "city",
            Fields = ["name"],
            Filter = Where("""{ "name": "Oslo" }"""),
            Expand = [new ExpandRequest { Field = "country", Fields = ["name"] }],
        });

        Assert.That(Record(result.Records.Single()["country"])["name"], Is.EqualTo("Norway"));
    }

    [Test]
    public async Task Find_ExpandFilterNotMatched_KeepsTheId()
    {
        // ExpandRequest.Filter: a record the filter excludes is not expanded and the field keeps the id, as in ObjectStack.
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "city",
            Filter = Where("""{ "name": "Oslo" }"""),
            Expand = [new ExpandRequest { Field = "country", Filter = Where("""{ "code": "SE" }""") }],
        });

        Assert.That(result.Records.Single()["country"], Is.TypeOf<string>());
    }

    [Test]
    public async Task Find_ExpandFilterMatched_Expands()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "city",
            Filter = Where("""{ "name": "Oslo" }"""),
            Expand = [new ExpandRequest { Field = "country", Filter = Where("""{ "code": "NO" }""") }],
        });

        Assert.That(Record(result.Records.Single()["country"])["name"], Is.EqualTo("Norway"));
    }

    [Test]
    public void Find_ExpandFilterOnUnknownField_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "city",
            Expand = [new ExpandRequest { Field = "country", Filter = Where("""{ "cod": "NO" }""") }],
        }));

    private static ExpandRequest Chain(params string[] fields)
    {
        ExpandRequest? inner = null;
        for (var i = fields.Length - 1; i >= 0; i--)
        {
            inner = new ExpandRequest { Field = fields[i], Expand = inner is null ? [] : [inner] };
        }

        return inner!;
    }

    private static IReadOnlyDictionary<string, object?> Record(object? value)
    {
        Assert.That(value, Is.InstanceOf<IReadOnlyDictionary<string, object?>>(), "expected an expanded record");
        return (IReadOnlyDictionary<string, object?>)value!;
    }
}
