using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Expansion of lookups: ids replaced by records, field selection inside an expansion, nesting to depth three (four
/// is refused), and ids that stay ids when the caller cannot see the target or the target is gone.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class ExpandConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
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

    /// <inheritdoc />
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
        var engine = Engine;
        _hiddenCity = (await engine.InsertAsync(OperationContext.System("tests", "org-b"), "city", Values(("name", "Bergen")))).Id;
        _bob = (await engine.InsertAsync(SystemContext, "person", Values(("name", "Bob"), ("city", _hiddenCity)))).Id;
    }

    /// <summary>Expanding a lookup replaces ids by the records (not expanded further) and leaves nulls alone.</summary>
    [Test]
    public async Task Find_ExpandLookup_ReplacesIdsByRecordsAndLeavesNullsAlone()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery
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

    /// <summary>An expansion with fields returns only those fields and the id.</summary>
    [Test]
    public async Task Find_ExpandWithFields_ReturnsOnlyThoseFieldsAndTheId()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "city",
            Filter = Where("""{ "name": "Oslo" }"""),
            Expand = [new ExpandRequest { Field = "country", Fields = ["code"] }],
        });

        Assert.That(Record(result.Records.Single()["country"]), Is.EquivalentTo(new Dictionary<string, object?> { ["id"] = _norway, ["code"] = "NO" }));
    }

    /// <summary>Expansions nest three levels deep.</summary>
    [Test]
    public async Task Get_ExpandThreeLevels_NestsRecords()
    {
        var pet = await Engine.GetAsync(Alice, "pet", _rex, expand:
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

    /// <summary>Four levels of expansion are refused.</summary>
    [Test]
    public void Find_ExpandFourLevels_IsInvalidQuery()
    {
        var exception = Refused(DataErrorCode.InvalidQuery, () => Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "visit",
            Expand = [Chain("pet", "owner", "city", "country")],
        }));

        Assert.That(exception.Message, Does.Contain("3"));
    }

    /// <summary>Four levels of expansion are refused on a get too.</summary>
    [Test]
    public void Get_ExpandFourLevels_IsInvalidQuery() =>
        Refused(DataErrorCode.InvalidQuery, () => Engine.GetAsync(Alice, "visit", _rex, expand: [Chain("pet", "owner", "city", "country")]));

    /// <summary>Three levels from the top are allowed; the fourth lookup stays an id.</summary>
    [Test]
    public async Task Find_ExpandThreeLevelsFromTheTop_IsAllowed()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "visit", Expand = [Chain("pet", "owner", "city")] });

        var city = Record(Record(Record(result.Records.Single()["pet"])["owner"])["city"]);
        Assert.That(city["country"], Is.EqualTo(_norway), "the fourth level stays an id");
    }

    /// <summary>Expanding a field that is not a lookup is refused.</summary>
    [Test]
    public void Find_ExpandNonLookupField_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => Engine.FindAsync(Alice, new RecordQuery { ObjectName = "pet", Expand = [new ExpandRequest { Field = "name" }] }));

    /// <summary>Expanding an unknown field is refused.</summary>
    [Test]
    public void Find_ExpandUnknownField_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => Engine.FindAsync(Alice, new RecordQuery { ObjectName = "pet", Expand = [new ExpandRequest { Field = "ownr" }] }));

    /// <summary>Selecting an unknown field of the target is refused.</summary>
    [Test]
    public void Find_ExpandUnknownFieldOfTheTarget_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "pet",
            Expand = [new ExpandRequest { Field = "owner", Fields = ["nope"] }],
        }));

    /// <summary>A target behind the caller's organization wall stays an id; the system sees it expanded.</summary>
    [Test]
    public async Task Get_TargetHiddenByTheOrganizationWall_StaysAnId()
    {
        var outsider = User("carol", "org-a");

        var bob = await Engine.GetAsync(outsider, "person", _bob, expand: [new ExpandRequest { Field = "city" }]);
        var bobAsSystem = await Engine.GetAsync(SystemContext, "person", _bob, expand: [new ExpandRequest { Field = "city" }]);

        Assert.That(bob!["city"], Is.EqualTo(_hiddenCity));
        Assert.That(Record(bobAsSystem!["city"])["name"], Is.EqualTo("Bergen"));
    }

    /// <summary>An expanded field is returned even when the selection leaves it out.</summary>
    [Test]
    public async Task Find_SelectWithoutTheExpandedField_StillExpandsIt()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "city",
            Fields = ["name"],
            Filter = Where("""{ "name": "Oslo" }"""),
            Expand = [new ExpandRequest { Field = "country", Fields = ["name"] }],
        });

        Assert.That(Record(result.Records.Single()["country"])["name"], Is.EqualTo("Norway"));
    }

    /// <summary>A target the expansion's filter excludes stays an id.</summary>
    [Test]
    public async Task Find_ExpandFilterNotMatched_KeepsTheId()
    {
        // ExpandRequest.Filter: a record the filter excludes is not expanded and the field keeps the id, as in ObjectStack.
        var result = await Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "city",
            Filter = Where("""{ "name": "Oslo" }"""),
            Expand = [new ExpandRequest { Field = "country", Filter = Where("""{ "code": "SE" }""") }],
        });

        Assert.That(result.Records.Single()["country"], Is.TypeOf<string>());
    }

    /// <summary>A target the expansion's filter matches is expanded.</summary>
    [Test]
    public async Task Find_ExpandFilterMatched_Expands()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "city",
            Filter = Where("""{ "name": "Oslo" }"""),
            Expand = [new ExpandRequest { Field = "country", Filter = Where("""{ "code": "NO" }""") }],
        });

        Assert.That(Record(result.Records.Single()["country"])["name"], Is.EqualTo("Norway"));
    }

    /// <summary>An expansion filter on an unknown field is refused.</summary>
    [Test]
    public void Find_ExpandFilterOnUnknownField_IsInvalidField() =>
        Refused(DataErrorCode.InvalidField, () => Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "city",
            Expand = [new ExpandRequest { Field = "country", Filter = Where("""{ "cod": "NO" }""") }],
        }));

    /// <summary>A lookup whose target row is gone stays an id, at the top and nested, while other targets expand.</summary>
    [Test]
    public async Task Find_TargetGone_StaysAnIdWhileOtherTargetsExpand()
    {
        // A row deleted behind the engine's back (no delete behaviour ran): the lookup still holds its id.
        var atlantis = await InsertAsync("country", ("name", "Atlantis"), ("code", "AT"));
        var sunken = await InsertAsync("city", ("name", "Poseidonia"), ("country", atlantis));
        var diver = await InsertAsync("person", ("name", "Diver"), ("city", sunken));
        await using (var session = await Host.Driver.OpenSessionAsync(writable: true))
        {
            Assert.That(await session.DeleteAsync(Host.FindObject("country"), atlantis), Is.True);
            await session.CommitAsync();
        }

        var cities = await Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "city",
            Filter = Where("""{ "name": { "$in": ["Oslo", "Poseidonia"] } }"""),
            Sort = [new SortField("name")],
            Expand = [new ExpandRequest { Field = "country" }],
        });
        var person = await Engine.GetAsync(Alice, "person", diver, expand:
            [new ExpandRequest { Field = "city", Expand = [new ExpandRequest { Field = "country" }] }]);

        Assert.That(Record(cities.Records[0]["country"])["name"], Is.EqualTo("Norway"));
        Assert.That(cities.Records[1]["country"], Is.EqualTo(atlantis), "a missing target stays an id");
        var city = Record(person!["city"]);
        Assert.That((city["name"], city["country"]), Is.EqualTo(("Poseidonia", (object?)atlantis)), "also when nested");
    }

    /// <summary>Records sharing a target each get it expanded.</summary>
    [Test]
    public async Task Find_ManyRecordsSharingTargets_ExpandEachOnce()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "pet",
            Filter = Where($$"""{ "owner": "{{_ann}}" }"""),
            Sort = [new SortField("name")],
            Expand = [new ExpandRequest { Field = "owner", Fields = ["name"] }],
        });

        Assert.That(result.Records.Select(r => r["name"]), Is.EqualTo(new[] { "Rex", "Tom" }));
        Assert.That(result.Records.Select(r => Record(r["owner"])["name"]), Is.All.EqualTo("Ann"));
        Assert.That(result.Records.Select(r => Record(r["owner"])["id"]), Is.All.EqualTo(_ann));
    }

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
