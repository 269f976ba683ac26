using ObjectStack.Abstractions.Data;
using static ObjectStack.Hosting.Tests.Data.EngineTestKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Offset paging: a total order even when sort keys tie (the driver breaks ties by creation order, in the direction of
/// the last sort key, which its indexes deliver for free), <c>hasMore</c> with and without a total, offsets past the
/// end, null ordering and the default page size.
/// </summary>
public sealed class EnginePagingTests : SharedEngineHostFixture
{
    protected override string Objects => """
        { "entry": { "fields": { "name": { "type": "text" }, "rank": { "type": "number" } } } }
        """;

    private static readonly int?[] Ranks = [3, 1, 2, 1, 3, 1, 2, null, 2, 1, null];

    private List<(string Id, int? Rank)> _records = null!;

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
    public async Task Find_SameQueryTwice_ReturnsTheSameOrder()
    {
        var query = new RecordQuery { ObjectName = "entry", Sort = [new SortField("rank")], Limit = 5, Offset = 2 };

        var first = await Host.Engine.FindAsync(DataTestHost.Alice, query);
        var second = await Host.Engine.FindAsync(DataTestHost.Alice, query);

        Assert.That(second.Records.Select(r => r["id"]), Is.EqualTo(first.Records.Select(r => r["id"])));
    }

    [Test]
    public async Task Find_NoSort_ReturnsCreationOrder()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry" });

        Assert.That(result.Records.Select(r => (string)r["id"]!), Is.EqualTo(_records.Select(r => r.Id)));
    }

    [Test]
    public async Task Find_SortByIdDescending_IsHonouredWithoutAnotherIdKey()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry", Sort = [new SortField("id", SortDirection.Descending)] });

        Assert.That(result.Records.Select(r => (string)r["id"]!), Is.EqualTo(_records.Select(r => r.Id).OrderDescending(StringComparer.Ordinal)));
    }

    [Test]
    public async Task Find_SortBySeveralKeys_AppliesThemInOrder()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "entry",
            Sort = [new SortField("rank", SortDirection.Descending), new SortField("name", SortDirection.Descending)],
            Filter = Where("""{ "rank": { "$in": [1, 2] } }"""),
        });

        var expected = Enumerable.Range(0, Ranks.Length)
            .Where(i => Ranks[i] is 1 or 2)
            .OrderByDescending(i => Ranks[i])
            .ThenByDescending(i => $"e{i}", StringComparer.Ordinal)
            .Select(i => $"e{i}");
        Assert.That(result.Records.Select(r => r["name"]), Is.EqualTo(expected));
    }

    [Test]
    public async Task Find_PageEndingExactlyAtTheLastRecord_HasNoMore()
    {
        var withoutTotal = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry", Limit = 5, Offset = Ranks.Length - 5 });
        var withTotal = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry", Limit = 5, Offset = Ranks.Length - 5, IncludeTotal = true });
        var oneShort = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry", Limit = 5, Offset = Ranks.Length - 6 });

        Assert.That((withoutTotal.Records.Count, withoutTotal.HasMore), Is.EqualTo((5, false)));
        Assert.That((withTotal.Records.Count, withTotal.HasMore, withTotal.Total), Is.EqualTo((5, false, (long?)Ranks.Length)));
        Assert.That((oneShort.Records.Count, oneShort.HasMore), Is.EqualTo((5, true)));
    }

    [Test]
    public async Task Find_OffsetPastTheEnd_ReturnsNothingButStillCounts()
    {
        var withTotal = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry", Offset = 100, Limit = 10, IncludeTotal = true });
        var withoutTotal = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry", Offset = 100, Limit = 10 });
        var atTheEnd = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry", Offset = Ranks.Length, IncludeTotal = true });

        Assert.That((withTotal.Records.Count, withTotal.HasMore, withTotal.Total), Is.EqualTo((0, false, (long?)Ranks.Length)));
        Assert.That((withoutTotal.Records.Count, withoutTotal.HasMore, withoutTotal.Total), Is.EqualTo((0, false, (long?)null)));
        Assert.That((atTheEnd.Records.Count, atTheEnd.HasMore, atTheEnd.Total), Is.EqualTo((0, false, (long?)Ranks.Length)));
    }

    [Test]
    public async Task Find_TotalWithFilter_CountsMatchesNotThePage()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
        {
            ObjectName = "entry",
            Filter = Where("""{ "rank": 1 }"""),
            Limit = 2,
            Offset = 1,
            IncludeTotal = true,
        });

        Assert.That(result.Total, Is.EqualTo(Ranks.Count(r => r == 1)));
        Assert.That(result.Records, Has.Count.EqualTo(2));
        Assert.That(result.HasMore, Is.True);
    }

    [Test]
    public async Task Find_NoMatches_TotalIsZero()
    {
        var result = await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry", Filter = Where("""{ "rank": 99 }"""), IncludeTotal = true });

        Assert.That((result.Records.Count, result.HasMore, result.Total), Is.EqualTo((0, false, (long?)0)));
    }

    [Test]
    public async Task Find_NoLimit_UsesTheConfiguredDefaultPageSize()
    {
        await using var host = await DataTestHost.StartAsync(Objects, configure: o => o.Data.DefaultPageSize = 2);
        for (var i = 0; i < 3; i++)
        {
            await host.Engine.InsertAsync(DataTestHost.Alice, "entry", Values(("name", $"n{i}")));
        }

        var result = await host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "entry" });

        Assert.That((result.Records.Count, result.HasMore), Is.EqualTo((2, true)));
    }

    private async Task<List<QueryResult>> PagesAsync(SortDirection direction, int pageSize, bool includeTotal)
    {
        var pages = new List<QueryResult>();
        for (var offset = 0; offset < Ranks.Length; offset += pageSize)
        {
            pages.Add(await Host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery
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
