using System.Text.Json;
using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Every field type round-trips: what the engine accepts reads back equal, with the CLR type its field type documents,
/// through a get and a find alike; empty values stay distinct from null; awkward text is stored as written.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class ValueRoundTripConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override string Objects => """
        {
          "task": {
            "fields": {
              "title": { "type": "text", "required": true, "maxLength": 20 },
              "estimate": { "type": "number", "scale": 0, "min": 0, "max": 100 },
              "due": { "type": "date" },
              "labels": { "type": "tags" },
              "email": { "type": "email" }
            }
          },
          "sample": {
            "fields": {
              "name": { "type": "text" },
              "notes": { "type": "textarea" },
              "email": { "type": "email" },
              "site": { "type": "url" },
              "phone": { "type": "phone" },
              "doc": { "type": "markdown" },
              "qty": { "type": "number" },
              "price": { "type": "currency" },
              "ratio": { "type": "percent" },
              "flag": { "type": "boolean" },
              "day": { "type": "date" },
              "at": { "type": "datetime" },
              "clock": { "type": "time" },
              "status": { "type": "select", "options": [ { "value": "open" }, { "value": "done" } ] },
              "colors": { "type": "multiselect", "options": [ { "value": "red" }, { "value": "green" }, { "value": "blue" } ] },
              "tags": { "type": "tags" },
              "parent": { "type": "lookup", "reference": "task" },
              "meta": { "type": "json" },
              "seq": { "type": "autonumber" }
            }
          }
        }
        """;

    /// <summary>A record read back equals the write result; dates, tags and numbers have their documented CLR types.</summary>
    [Test]
    public async Task Insert_ReadBack_EqualsTheWriteResult()
    {
        var written = await Engine.InsertAsync(Alice, "task", Values(
            ("title", "Round trip"), ("estimate", 5), ("due", "2025-03-31"), ("labels", Json("""[" x ", "y", "x"]""")), ("email", "a@example.com")));

        var read = await Engine.GetAsync(Alice, "task", written.Id);

        Assert.That(read, Is.EquivalentTo(written.Record));
        Assert.That(read!["due"], Is.EqualTo(new DateOnly(2025, 3, 31)));
        Assert.That(read["labels"], Is.EqualTo(new[] { "x", "y" }), "tags are trimmed and de-duplicated");
        Assert.That(read["estimate"], Is.EqualTo(5m));
    }

    /// <summary>A value of every field type reads back equal, with its CLR type, through a get and a find.</summary>
    [Test]
    public async Task Insert_EveryFieldType_ReadsBackWithItsClrType()
    {
        var parent = await Engine.InsertAsync(Alice, "task", Values(("title", "parent")));
        var expected = Values(
            ("name", "Ünïcode ✓ 𝄞"), ("notes", "line 1\nline 2\ttabbed"), ("email", "a.b@example.com"), ("site", "https://example.com/a?b=c"),
            ("phone", "+1 555 0100"), ("doc", "# Title\n\n*emphasis*"), ("qty", -12.75m), ("price", 1234.5m), ("ratio", 0.125m),
            ("flag", false), ("day", new DateOnly(2024, 2, 29)), ("at", Instant("2024-06-15T12:30:45.678Z")), ("clock", new TimeOnly(23, 59, 59, 999)),
            ("status", "done"), ("colors", new List<string> { "blue", "red" }), ("tags", new List<string> { "b", "a" }), ("parent", parent.Id));

        var written = await Engine.InsertAsync(Alice, "sample", expected);
        var got = await Engine.GetAsync(Alice, "sample", written.Id);
        var found = (await FindAllAsync(Engine, "sample", Where($$"""{ "id": "{{written.Id}}" }"""))).Single();

        foreach (var record in new[] { got!, found, written.Record })
        {
            foreach (var (name, value) in expected)
            {
                // Lists are documented as IReadOnlyList<string>; every other type exactly.
                Assert.That(record[name], Is.EqualTo(value), name);
                Assert.That(record[name], value is List<string> ? Is.InstanceOf<IReadOnlyList<string>>() : Is.TypeOf(value!.GetType()), name);
            }

            Assert.That(record["seq"], Is.TypeOf<long>());
            Assert.That(record["meta"], Is.Null);
        }

        Assert.That(got, Is.EquivalentTo(written.Record));
    }

    /// <summary>Every field changed to another value, then to null, reads back as changed.</summary>
    [Test]
    public async Task Update_EveryFieldType_ToOtherValuesAndToNull()
    {
        var first = await Engine.InsertAsync(Alice, "task", Values(("title", "first")));
        var second = await Engine.InsertAsync(Alice, "task", Values(("title", "second")));
        var written = await Engine.InsertAsync(Alice, "sample", Values(
            ("name", "a"), ("qty", 1), ("flag", true), ("day", "2020-01-01"), ("at", "2020-01-01T00:00:00Z"), ("clock", "08:00"),
            ("status", "open"), ("colors", Json("""["red"]""")), ("tags", Json("""["x"]""")), ("parent", first.Id), ("meta", Json("""{ "v": 1 }"""))));
        var changed = Values(
            ("name", "b"), ("qty", 2.5m), ("flag", false), ("day", new DateOnly(2021, 12, 31)), ("at", Instant("2021-12-31T23:59:59.999Z")),
            ("clock", new TimeOnly(17, 30)), ("status", "done"), ("colors", new List<string> { "green" }), ("tags", new List<string> { "y", "z" }), ("parent", second.Id));

        await Engine.UpdateAsync(Alice, "sample", written.Id, changed);
        var afterChange = await Engine.GetAsync(Alice, "sample", written.Id);
        await Engine.UpdateAsync(Alice, "sample", written.Id, changed.Keys.Append("meta").ToDictionary(k => k, _ => (object?)null));
        var afterClear = await Engine.GetAsync(Alice, "sample", written.Id);

        foreach (var (name, value) in changed)
        {
            Assert.That(afterChange![name], Is.EqualTo(value), name);
            Assert.That(afterClear![name], Is.Null, name);
        }

        Assert.That(JsonElement.DeepEquals((JsonElement)afterChange!["meta"]!, Json("""{ "v": 1 }""")), Is.True, "fields not sent are kept");
        Assert.That(afterClear!["meta"], Is.Null);
    }

    /// <summary>Empty text and empty lists are values: they read back empty, not null, and <c>$null</c> does not match them.</summary>
    [Test]
    public async Task Insert_EmptyTextAndEmptyLists_StayDistinctFromNull()
    {
        var empty = await Engine.InsertAsync(Alice, "sample", Values(("name", "empty"), ("notes", ""), ("tags", new List<string>()), ("colors", Json("[]"))));
        var missing = await Engine.InsertAsync(Alice, "sample", Values(("name", "missing")));

        var stored = await Engine.GetAsync(Alice, "sample", empty.Id);
        var scope = $$"""{ "id": { "$in": ["{{empty.Id}}", "{{missing.Id}}"] } }""";

        Assert.That(stored!["notes"], Is.EqualTo(string.Empty));
        Assert.That(stored["tags"], Is.Empty.And.Not.Null);
        Assert.That(stored["colors"], Is.Empty.And.Not.Null);
        Assert.That(await NamesAsync($$"""{ "$and": [ {{scope}}, { "notes": { "$null": true } } ] }"""), Is.EqualTo(new[] { "missing" }));
        Assert.That(await NamesAsync($$"""{ "$and": [ {{scope}}, { "notes": "" } ] }"""), Is.EqualTo(new[] { "empty" }));
        Assert.That(await NamesAsync($$"""{ "$and": [ {{scope}}, { "tags": { "$null": true } } ] }"""), Is.EqualTo(new[] { "missing" }));
    }

    /// <summary>Text with quotes, backslashes, wildcards, SQL, surrogate pairs, combining marks, right-to-left scripts and padding is stored as written and found by equality.</summary>
    [TestCase("O'Brien \"quoted\" `back`")]
    [TestCase("C:\\path\\to\\file \\\\ \\%")]
    [TestCase("100% of_the_%_wildcards__")]
    [TestCase("'; DROP TABLE sample; --")]
    [TestCase("emoji 😀👍🏽 and 𝄞 (surrogate pairs)")]
    [TestCase("e\u0301 vs \u00e9 (combining vs precomposed)")]
    [TestCase("שלום עולם مرحبا")]
    [TestCase("中文字符 日本語 한국어")]
    [TestCase("  padded on both sides  ")]
    [TestCase("ﬁ ß İ ı Σς")]
    public async Task Insert_AwkwardText_RoundTripsAndMatchesExactly(string text)
    {
        var written = await Engine.InsertAsync(Alice, "sample", Values(("name", text), ("notes", text + "\n" + text)));

        var stored = await Engine.GetAsync(Alice, "sample", written.Id);
        var matches = await FindAllAsync(Engine, "sample", new ComparisonFilter("name", FilterOperator.Eq, text));

        Assert.That((stored!["name"], stored["notes"]), Is.EqualTo((text, text + "\n" + text)));
        Assert.That(matches.Select(r => r["id"]), Is.EqualTo(new[] { written.Id }));
    }

    /// <summary>JSON values of every kind read back semantically equal.</summary>
    [TestCase("""{ "a": 1, "b": [true, false, null], "c": { "d": "e" } }""")]
    [TestCase("""[1, "two", 3.5, { "four": [] }]""")]
    [TestCase("\"just a string with \\\"escapes\\\" and \\u00e9\"")]
    [TestCase("12345678901234567890.12345678901234567890")]
    [TestCase("-0.000000000000000000001")]
    [TestCase("true")]
    [TestCase("false")]
    [TestCase("""{ "unicode": "Ünïcode 😀", "empty": {}, "nested": [[[]]], "escaped": "\n\t\\/" }""")]
    public async Task Insert_JsonValue_RoundTripsSemantically(string json)
    {
        var value = Json(json);

        var written = await Engine.InsertAsync(Alice, "sample", Values(("name", "json"), ("meta", value)));
        var stored = await Engine.GetAsync(Alice, "sample", written.Id);

        Assert.That(stored!["meta"], Is.TypeOf<JsonElement>());
        var read = (JsonElement)stored["meta"]!;
        Assert.That(JsonElement.DeepEquals(read, value), Is.True, $"stored {json}, read {read.GetRawText()}");
    }

    private Task<List<string>> NamesAsync(string filter) => ValuesOfAsync(Engine, "sample", Where(filter));
}
