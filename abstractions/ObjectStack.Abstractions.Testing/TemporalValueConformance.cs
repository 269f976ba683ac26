using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Dates, instants and times: instants are stored in UTC to the millisecond whatever offset they were written with,
/// dates and times as written, across the whole calendar; one millisecond apart is apart for every comparison and sort.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class TemporalValueConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override string Objects => """
        {
          "event": {
            "fields": {
              "name": { "type": "text" },
              "day": { "type": "date" },
              "at": { "type": "datetime" },
              "clock": { "type": "time" }
            }
          }
        }
        """;

    /// <summary>Instants read back in UTC, to the millisecond, whatever offset and precision they were written with.</summary>
    [TestCase("2024-06-15T12:30:45.123Z", "2024-06-15T12:30:45.123Z")]
    [TestCase("2024-06-15T14:30:45.123+02:00", "2024-06-15T12:30:45.123Z")]
    [TestCase("2024-06-15T02:00:00-10:30", "2024-06-15T12:30:00.000Z")]
    [TestCase("2024-06-15T12:30:45.1239Z", "2024-06-15T12:30:45.123Z")]
    [TestCase("2024-12-31T23:30:00-01:00", "2025-01-01T00:30:00.000Z")]
    [TestCase("1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z")]
    [TestCase("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z")]
    [TestCase("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z")]
    [TestCase("2024-02-29T00:00:00.001Z", "2024-02-29T00:00:00.001Z")]
    public async Task Insert_Instant_ReadsBackInUtcToTheMillisecond(string written, string expected)
    {
        var record = await Engine.InsertAsync(Alice, "event", Values(("name", written), ("at", written)));

        var stored = (DateTimeOffset)(await Engine.GetAsync(Alice, "event", record.Id))!["at"]!;

        Assert.That(Version(stored), Is.EqualTo(expected));
        Assert.That(stored.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(stored, Is.EqualTo(record.Record["at"]), "the write result holds what is stored");
        Assert.That(await CountAsync(Engine, "event", FilterNode.All(ById(record.Id), new ComparisonFilter("at", FilterOperator.Eq, Instant(expected)))), Is.EqualTo(1));
    }

    /// <summary>Dates read back as written, from the first to the last day of the calendar.</summary>
    [TestCase("0001-01-01")]
    [TestCase("1899-12-31")]
    [TestCase("1970-01-01")]
    [TestCase("2000-02-29")]
    [TestCase("2024-12-31")]
    [TestCase("9999-12-31")]
    public async Task Insert_Date_ReadsBackAsWritten(string text)
    {
        var record = await Engine.InsertAsync(Alice, "event", Values(("name", text), ("day", text)));

        var stored = await Engine.GetAsync(Alice, "event", record.Id);

        Assert.That(stored!["day"], Is.EqualTo(DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).And.TypeOf<DateOnly>());
        Assert.That(await CountAsync(Engine, "event", FilterNode.All(ById(record.Id), Where($$"""{ "day": "{{text}}" }"""))), Is.EqualTo(1));
    }

    /// <summary>Times of day read back as written, to the millisecond, from midnight to the last millisecond.</summary>
    [TestCase("00:00", 0, 0, 0, 0)]
    [TestCase("00:00:00.001", 0, 0, 0, 1)]
    [TestCase("09:30:15", 9, 30, 15, 0)]
    [TestCase("12:00:00.5", 12, 0, 0, 500)]
    [TestCase("23:59:59.999", 23, 59, 59, 999)]
    public async Task Insert_Time_ReadsBackToTheMillisecond(string text, int hour, int minute, int second, int millisecond)
    {
        var record = await Engine.InsertAsync(Alice, "event", Values(("name", text), ("clock", text)));

        var stored = await Engine.GetAsync(Alice, "event", record.Id);

        var expected = new TimeOnly(hour, minute, second, millisecond);
        Assert.That(stored!["clock"], Is.EqualTo(expected).And.TypeOf<TimeOnly>());
        Assert.That(stored["clock"], Is.EqualTo(record.Record["clock"]), "the write result holds what is stored");
        Assert.That(await CountAsync(Engine, "event", FilterNode.All(ById(record.Id), new ComparisonFilter("clock", FilterOperator.Eq, expected))), Is.EqualTo(1));
    }

    /// <summary>Instants, dates and times one unit apart compare and sort apart, across midnight, years and the epoch.</summary>
    [Test]
    public async Task Find_OneMillisecondApart_CompareAndSortChronologically()
    {
        var instants = new[] { "1969-12-31T23:59:59.999Z", "1970-01-01T00:00:00.000Z", "2024-06-15T12:30:00.000Z", "2024-06-15T12:30:00.001Z", "2024-06-15T12:30:00.002Z", "0999-01-01T00:00:00.000Z", "2100-01-01T00:00:00.000Z" };
        var days = new[] { "1969-12-31", "1970-01-01", "2024-06-15", "2024-06-16", "2024-06-17", "0999-01-01", "2100-01-01" };
        var clocks = new[] { "09:59:59.999", "10:00:00", "12:30:00", "12:30:00.001", "12:30:00.002", "00:00", "23:59:59.999" };
        for (var i = 0; i < instants.Length; i++)
        {
            await InsertAsync("event", ("name", "tick"), ("at", instants[i]), ("day", days[i]), ("clock", clocks[i]));
        }

        var ticks = Where("""{ "name": "tick" }""");
        foreach (var field in new[] { "at", "day", "clock" })
        {
            var ascending = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "event", Filter = ticks, Sort = [new SortField(field)] });
            var descending = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "event", Filter = ticks, Sort = [new SortField(field, SortDirection.Descending)] });
            var values = ascending.Records.Select(r => (IComparable)r[field]!).ToList();
            Assert.That(values, Is.Ordered.Ascending.And.Unique, field);
            Assert.That(descending.Records.Select(r => r[field]), Is.EqualTo(values.AsEnumerable().Reverse()), field);
        }

        Assert.That(await NamesOfAsync("""{ "at": { "$gt": "2024-06-15T12:30:00.000Z", "$lt": "2024-06-15T12:30:00.002Z" } }"""), Is.EqualTo(new[] { "2024-06-15T12:30:00.001Z" }));
        Assert.That(await NamesOfAsync("""{ "at": { "$lt": "1970-01-01T00:00:00Z" } }"""), Is.EqualTo(new[] { "0999-01-01T00:00:00.000Z", "1969-12-31T23:59:59.999Z" }));
        Assert.That(await NamesOfAsync("""{ "at": { "$between": ["2024-06-15T14:30:00.001+02:00", "2100-01-01T00:00:00Z"] } }"""), Is.EqualTo(new[] { "2024-06-15T12:30:00.001Z", "2024-06-15T12:30:00.002Z", "2100-01-01T00:00:00.000Z" }));
        Assert.That(await NamesOfAsync("""{ "clock": { "$gt": "12:30:00", "$lte": "12:30:00.002" } }"""), Is.EqualTo(new[] { "2024-06-15T12:30:00.001Z", "2024-06-15T12:30:00.002Z" }));
        Assert.That(await NamesOfAsync("""{ "day": { "$gte": "2024-06-16", "$lt": "2100-01-01" } }"""), Is.EqualTo(new[] { "2024-06-15T12:30:00.001Z", "2024-06-15T12:30:00.002Z" }));
    }

    private static ComparisonFilter ById(string id) => new("id", FilterOperator.Eq, id);

    private async Task<List<string>> NamesOfAsync(string filter)
    {
        var records = await FindAllAsync(Engine, "event", FilterNode.All(Where("""{ "name": "tick" }"""), Where(filter)));
        return records.Select(r => Version(r["at"])).Order(StringComparer.Ordinal).ToList();
    }
}
