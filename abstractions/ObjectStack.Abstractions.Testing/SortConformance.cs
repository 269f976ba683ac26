using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Sorting on every sortable field type, ascending and descending, over values with ties and nulls: values come in
/// order with nulls first ascending and last descending, ties are broken deterministically, and pages of any size
/// never overlap or skip a record.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class SortConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    private readonly List<string> _ids = [];

    /// <inheritdoc />
    protected override string Objects => """
        {
          "row": {
            "fields": {
              "name": { "type": "text" },
              "n": { "type": "number" },
              "price": { "type": "currency" },
              "flag": { "type": "boolean" },
              "day": { "type": "date" },
              "at": { "type": "datetime" },
              "clock": { "type": "time" },
              "status": { "type": "select", "options": [ { "value": "closed" }, { "value": "open" }, { "value": "pending" } ] },
              "same": { "type": "text" }
            }
          }
        }
        """;

    /// <inheritdoc />
    protected override async Task SeedAsync()
    {
        // Each column holds ties and nulls; no two rows are equal in every column.
        string?[] names = ["delta", "alpha", null, "bravo", "alpha", "charlie", null, "bravo", "echo", "alpha", "delta", "bravo", "foxtrot"];
        decimal?[] numbers = [10m, -1.5m, 2m, null, 2m, 0m, -1.5m, 100m, null, 2.25m, 10m, -20m, 0.001m];
        bool?[] flags = [true, false, null, true, false, true, null, false, true, false, true, null, false];
        string?[] days = ["2024-01-01", "1999-12-31", null, "2024-01-01", "2000-02-29", "2024-12-31", "1999-12-31", null, "2024-06-15", "2024-01-02", "2024-01-01", "0999-01-01", null];
        string?[] instants = ["2024-01-01T00:00:00.001Z", "2024-01-01T00:00:00Z", null, "1969-12-31T23:59:59.999Z", "2024-01-01T00:00:00.001Z", null, "2030-05-05T05:05:05.500Z", "2024-01-01T00:00:00Z", "2024-01-01T01:00:00+01:00", "2024-01-01T00:00:00.002Z", null, "1970-01-01T00:00:00Z", "2024-06-15T12:00:00Z"];
        string?[] clocks = ["08:00", "23:59:59.999", null, "00:00", "08:00", "12:30:00.5", "12:30:00.499", null, "08:00:00.001", "00:00", "17:45", null, "09:00"];
        string?[] statuses = ["open", "closed", null, "pending", "open", "open", "closed", null, "pending", "closed", "open", null, "pending"];
        for (var i = 0; i < names.Length; i++)
        {
            _ids.Add(await InsertAsync(
                "row",
                ("name", names[i]), ("n", numbers[i]), ("price", numbers[i] is { } n ? Math.Round(n, 2) : null), ("flag", flags[i]), ("day", days[i]),
                ("at", instants[i]), ("clock", clocks[i]), ("status", statuses[i]), ("same", "tie")));
        }
    }

    /// <summary>Values come in order, nulls first ascending and last descending, and pages of 1, 4 and 5 records match the unpaged order exactly.</summary>
    [TestCase("name", SortDirection.Ascending)]
    [TestCase("name", SortDirection.Descending)]
    [TestCase("n", SortDirection.Ascending)]
    [TestCase("n", SortDirection.Descending)]
    [TestCase("price", SortDirection.Ascending)]
    [TestCase("price", SortDirection.Descending)]
    [TestCase("flag", SortDirection.Ascending)]
    [TestCase("flag", SortDirection.Descending)]
    [TestCase("day", SortDirection.Ascending)]
    [TestCase("day", SortDirection.Descending)]
    [TestCase("at", SortDirection.Ascending)]
    [TestCase("at", SortDirection.Descending)]
    [TestCase("clock", SortDirection.Ascending)]
    [TestCase("clock", SortDirection.Descending)]
    [TestCase("status", SortDirection.Ascending)]
    [TestCase("status", SortDirection.Descending)]
    [TestCase("same", SortDirection.Ascending)]
    [TestCase("same", SortDirection.Descending)]
    public async Task Find_SortedByField_OrdersValuesAndPagesWithoutOverlapOrGap(string field, SortDirection direction)
    {
        var whole = await FindAsync([new SortField(field, direction)], limit: 100, offset: 0);

        var values = whole.Select(r => r[field]).ToList();
        var nulls = values.Count(v => v is null);
        var present = values.Where(v => v is not null).Cast<IComparable>().ToList();
        Assert.That(values.Take(direction == SortDirection.Ascending ? nulls : values.Count - nulls), direction == SortDirection.Ascending ? Is.All.Null : Is.All.Not.Null);
        Assert.That(present, direction == SortDirection.Ascending ? Is.Ordered.Ascending.Using(Ordinal) : Is.Ordered.Descending.Using(Ordinal));
        Assert.That(whole.Select(r => (string)r["id"]!), Is.EquivalentTo(_ids), "every record exactly once");
        foreach (var pageSize in new[] { 1, 4, 5 })
        {
            Assert.That((await PagesAsync([new SortField(field, direction)], pageSize)).Select(r => r["id"]), Is.EqualTo(whole.Select(r => r["id"])), $"pages of {pageSize}");
        }
    }

    /// <summary>Two keys apply in order, nulls of the second key placed by its own direction, and paging matches.</summary>
    [Test]
    public async Task Find_SortedByTwoKeys_AppliesBothAndPagesWithoutOverlapOrGap()
    {
        SortField[] sort = [new SortField("status", SortDirection.Descending), new SortField("n")];

        var whole = await FindAsync(sort, limit: 100, offset: 0);
        var pages = await PagesAsync(sort, pageSize: 3);

        var keys = whole.Select(r => ((string?)r["status"], (decimal?)r["n"])).ToList();
        var expected = keys.OrderBy(k => k.Item1 is null).ThenByDescending(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2.HasValue).ThenBy(k => k.Item2).ToList();
        Assert.That(keys, Is.EqualTo(expected));
        Assert.That(pages.Select(r => r["id"]), Is.EqualTo(whole.Select(r => r["id"])));
    }

    /// <summary>Repeating a query with ties returns the same order every time.</summary>
    [Test]
    public async Task Find_TiesRepeated_ReturnTheSameOrderEveryTime()
    {
        var first = await FindAsync([new SortField("same")], limit: 7, offset: 3);

        for (var i = 0; i < 5; i++)
        {
            var again = await FindAsync([new SortField("same")], limit: 7, offset: 3);
            Assert.That(again.Select(r => r["id"]), Is.EqualTo(first.Select(r => r["id"])));
        }
    }

    private static IComparer<IComparable> Ordinal { get; } = Comparer<IComparable>.Create((a, b) =>
        a is string x && b is string y ? string.CompareOrdinal(x, y) : a.CompareTo(b));

    private async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> FindAsync(IReadOnlyList<SortField> sort, int limit, int offset) =>
        (await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "row", Sort = sort, Limit = limit, Offset = offset })).Records;

    private async Task<List<IReadOnlyDictionary<string, object?>>> PagesAsync(IReadOnlyList<SortField> sort, int pageSize)
    {
        var records = new List<IReadOnlyDictionary<string, object?>>();
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "row", Sort = sort, Limit = pageSize, Offset = offset });
            records.AddRange(page.Records);
            if (!page.HasMore)
            {
                return records;
            }
        }
    }
}
