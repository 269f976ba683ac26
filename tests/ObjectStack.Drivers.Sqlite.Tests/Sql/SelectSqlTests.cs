using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Testing;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Drivers.Sqlite.Tests.Sql;

/// <summary>
/// The tie-break SQLite chooses for a total order (see PagingConformance for what every driver must do): creation
/// order (rowid), in the direction of the last sort key, which its indexes deliver for free.
/// </summary>
public sealed class SelectSqlTests : DriverConformanceFixture<SqliteHarness>
{
    private static readonly int?[] Ranks = [3, 1, 2, 1, 3, 1, 2, null, 2, 1, null];

    private List<(string Id, int? Rank)> _records = null!;

    protected override string Objects => """
        { "entry": { "fields": { "name": { "type": "text" }, "rank": { "type": "number" } } } }
        """;

    protected override async Task SeedAsync()
    {
        _records = [];
        for (var i = 0; i < Ranks.Length; i++)
        {
            var id = await InsertAsync("entry", ("name", $"e{i}"), ("rank", Ranks[i]));
            _records.Add((id, Ranks[i]));
        }
    }

    [Test]
    public async Task Find_AscendingWithTies_PagesCoverEveryRecordOnceInRankThenCreationOrder()
    {
        var expected = _records.Select((r, created) => (r.Id, r.Rank, Created: created))
            .OrderBy(r => r.Rank.HasValue).ThenBy(r => r.Rank).ThenBy(r => r.Created).Select(r => r.Id).ToList();

        var pages = await PagesAsync(SortDirection.Ascending, pageSize: 3, includeTotal: false);

        Assert.That(pages.SelectMany(p => p.Records.Select(r => (string)r["id"]!)), Is.EqualTo(expected), "nulls first, ties broken by creation order");
        Assert.That(pages.Select(p => p.HasMore), Is.EqualTo(new[] { true, true, true, false }));
        Assert.That(pages.Select(p => p.Total), Is.All.Null);
    }

    [Test]
    public async Task Find_DescendingWithTies_BreaksTiesNewestFirstAndPutsNullsLast()
    {
        var expected = _records.Select((r, created) => (r.Id, r.Rank, Created: created))
            .OrderBy(r => !r.Rank.HasValue).ThenByDescending(r => r.Rank).ThenByDescending(r => r.Created).Select(r => r.Id).ToList();

        var pages = await PagesAsync(SortDirection.Descending, pageSize: 4, includeTotal: true);

        Assert.That(pages.SelectMany(p => p.Records.Select(r => (string)r["id"]!)), Is.EqualTo(expected));
        Assert.That(pages.Select(p => p.HasMore), Is.EqualTo(new[] { true, true, false }));
        Assert.That(pages.Select(p => p.Total), Is.All.EqualTo(Ranks.Length));
    }

    [Test]
    public async Task Find_NoSort_ReturnsCreationOrder()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry" });

        Assert.That(result.Records.Select(r => (string)r["id"]!), Is.EqualTo(_records.Select(r => r.Id)));
    }

    private async Task<List<QueryResult>> PagesAsync(SortDirection direction, int pageSize, bool includeTotal)
    {
        var pages = new List<QueryResult>();
        for (var offset = 0; offset < Ranks.Length; offset += pageSize)
        {
            pages.Add(await Engine.FindAsync(Alice, new RecordQuery
            {
                ObjectName = "entry",
                Sort = [new SortField("rank", direction)],
                Limit = pageSize,
                Offset = offset,
                IncludeTotal = includeTotal,
            }));
        }

        return pages;
    }
}
