using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Offset paging: a total order even when sort keys tie (the driver breaks ties with a unique key of its choice, so
/// pages never overlap or skip), <c>hasMore</c> with and without a total, offsets past the end, null ordering and the
/// default page size.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class PagingConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    private List<(string Id, int? Rank)> _records = null!;

    /// <summary>Gets the ranks of the seeded <c>entry</c> records, in creation order: ties and nulls included.</summary>
    protected static IReadOnlyList<int?> Ranks { get; } = [3, 1, 2, 1, 3, 1, 2, null, 2, 1, null];

    /// <summary>Gets the seeded <c>entry</c> records (id and rank), in creation order; a driver's own tests use them to
    /// check the tie-break it chose.</summary>
    protected IReadOnlyList<(string Id, int? Rank)> Records => _records;

    /// <inheritdoc />
    protected override string Objects => """
        { "entry": { "fields": { "name": { "type": "text" }, "rank": { "type": "number" } } } }
        """;

    /// <inheritdoc />
    protected override async Task SeedAsync()
    {
        _records = [];
        for (var i = 0; i < Ranks.Count; i++)
        {
            var id = await InsertAsync("entry", ("name", $"e{i}"), ("rank", Ranks[i]));
            _records.Add((id, Ranks[i]));
        }
    }

    /// <summary>Ascending pages with ties cover every record exactly once, nulls first, in the order of one unpaged query.</summary>
    [Test]
    public async Task Find_AscendingWithTies_PagesCoverEveryRecordOnceWithNullsFirst()
    {
        var pages = await PagesAsync(SortDirection.Ascending, pageSize: 3, includeTotal: false);
        var paged = pages.SelectMany(p => p.Records).ToList();
        var whole = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Sort = [new SortField("rank")], Limit = 100 });

        Assert.That(paged.Select(r => (string)r["id"]!), Is.EquivalentTo(_records.Select(r => r.Id)), "every record exactly once");
        Assert.That(paged.Select(r => r["id"]), Is.EqualTo(whole.Records.Select(r => r["id"])), "pages follow the order of the whole result");
        Assert.That(paged.Select(r => (decimal?)r["rank"]), Is.EqualTo(Ranks.Select(r => (decimal?)r).OrderBy(r => r.HasValue).ThenBy(r => r)), "nulls first, then ascending");
        Assert.That(pages.Select(p => p.HasMore), Is.EqualTo(new[] { true, true, true, false }));
        Assert.That(pages.Select(p => p.Total), Is.All.Null);
    }

    /// <summary>Descending pages with ties cover every record exactly once, nulls last, in the order of one unpaged query, each with the total.</summary>
    [Test]
    public async Task Find_DescendingWithTies_PagesCoverEveryRecordOnceWithNullsLast()
    {
        var pages = await PagesAsync(SortDirection.Descending, pageSize: 4, includeTotal: true);
        var paged = pages.SelectMany(p => p.Records).ToList();
        var whole = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Sort = [new SortField("rank", SortDirection.Descending)], Limit = 100 });

        Assert.That(paged.Select(r => (string)r["id"]!), Is.EquivalentTo(_records.Select(r => r.Id)), "every record exactly once");
        Assert.That(paged.Select(r => r["id"]), Is.EqualTo(whole.Records.Select(r => r["id"])), "pages follow the order of the whole result");
        Assert.That(paged.Select(r => (decimal?)r["rank"]), Is.EqualTo(Ranks.Select(r => (decimal?)r).OrderBy(r => !r.HasValue).ThenByDescending(r => r)), "descending, then nulls");
        Assert.That(pages.Select(p => p.HasMore), Is.EqualTo(new[] { true, true, false }));
        Assert.That(pages.Select(p => p.Total), Is.All.EqualTo(Ranks.Count));
    }

    /// <summary>Pages of an unsorted query cover every record exactly once.</summary>
    [Test]
    public async Task Find_NoSortPaged_CoversEveryRecordOnce()
    {
        var ids = new List<string>();
        for (var offset = 0; offset < Ranks.Count; offset += 2)
        {
            var page = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Limit = 2, Offset = offset });
            ids.AddRange(page.Records.Select(r => (string)r["id"]!));
        }

        Assert.That(ids, Is.EquivalentTo(_records.Select(r => r.Id)));
    }

    /// <summary>The same query twice returns the same order, ties included.</summary>
    [Test]
    public async Task Find_SameQueryTwice_ReturnsTheSameOrder()
    {
        var query = new RecordQuery { ObjectName = "entry", Sort = [new SortField("rank")], Limit = 5, Offset = 2 };

        var first = await Engine.FindAsync(Alice, query);
        var second = await Engine.FindAsync(Alice, query);

        Assert.That(second.Records.Select(r => r["id"]), Is.EqualTo(first.Records.Select(r => r["id"])));
    }

    /// <summary>A descending sort by id is honoured as given.</summary>
    [Test]
    public async Task Find_SortByIdDescending_IsHonouredWithoutAnotherIdKey()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Sort = [new SortField("id", SortDirection.Descending)] });

        Assert.That(result.Records.Select(r => (string)r["id"]!), Is.EqualTo(_records.Select(r => r.Id).OrderDescending(StringComparer.Ordinal)));
    }

    /// <summary>Several sort keys apply in order.</summary>
    [Test]
    public async Task Find_SortBySeveralKeys_AppliesThemInOrder()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery
        {
            ObjectName = "entry",
            Sort = [new SortField("rank", SortDirection.Descending), new SortField("name", SortDirection.Descending)],
            Filter = Where("""{ "rank": { "$in": [1, 2] } }"""),
        });

        var expected = Enumerable.Range(0, Ranks.Count)
            .Where(i => Ranks[i] is 1 or 2)
            .OrderByDescending(i => Ranks[i])
            .ThenByDescending(i => $"e{i}", StringComparer.Ordinal)
            .Select(i => $"e{i}");
        Assert.That(result.Records.Select(r => r["name"]), Is.EqualTo(expected));
    }

    /// <summary>A page ending exactly at the last record has no more; one ending before it has.</summary>
    [Test]
    public async Task Find_PageEndingExactlyAtTheLastRecord_HasNoMore()
    {
        var withoutTotal = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Limit = 5, Offset = Ranks.Count - 5 });
        var withTotal = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Limit = 5, Offset = Ranks.Count - 5, IncludeTotal = true });
        var oneShort = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Limit = 5, Offset = Ranks.Count - 6 });

        Assert.That((withoutTotal.Records.Count, withoutTotal.HasMore), Is.EqualTo((5, false)));
        Assert.That((withTotal.Records.Count, withTotal.HasMore, withTotal.Total), Is.EqualTo((5, false, (long?)Ranks.Count)));
        Assert.That((oneShort.Records.Count, oneShort.HasMore), Is.EqualTo((5, true)));
    }

    /// <summary>An offset past the end returns no records but still counts the matches when asked.</summary>
    [Test]
    public async Task Find_OffsetPastTheEnd_ReturnsNothingButStillCounts()
    {
        var withTotal = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Offset = 100, Limit = 10, IncludeTotal = true });
        var withoutTotal = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Offset = 100, Limit = 10 });
        var atTheEnd = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Offset = Ranks.Count, IncludeTotal = true });

        Assert.That((withTotal.Records.Count, withTotal.HasMore, withTotal.Total), Is.EqualTo((0, false, (long?)Ranks.Count)));
        Assert.That((withoutTotal.Records.Count, withoutTotal.HasMore, withoutTotal.Total), Is.EqualTo((0, false, (long?)null)));
        Assert.That((atTheEnd.Records.Count, atTheEnd.HasMore, atTheEnd.Total), Is.EqualTo((0, false, (long?)Ranks.Count)));
    }

    /// <summary>The total of a filtered page counts every match, not the page.</summary>
    [Test]
    public async Task Find_TotalWithFilter_CountsMatchesNotThePage()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery
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

    /// <summary>A filter matching nothing has a total of zero.</summary>
    [Test]
    public async Task Find_NoMatches_TotalIsZero()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry", Filter = Where("""{ "rank": 99 }"""), IncludeTotal = true });

        Assert.That((result.Records.Count, result.HasMore, result.Total), Is.EqualTo((0, false, (long?)0)));
    }

    /// <summary>Without a limit, the configured default page size applies.</summary>
    [Test]
    public async Task Find_NoLimit_UsesTheConfiguredDefaultPageSize()
    {
        await using var host = await StartHostAsync(Objects, configure: o => o.Data.DefaultPageSize = 2);
        for (var i = 0; i < 3; i++)
        {
            await host.Engine.InsertAsync(Alice, "entry", Values(("name", $"n{i}")));
        }

        var result = await host.Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry" });

        Assert.That((result.Records.Count, result.HasMore), Is.EqualTo((2, true)));
    }

    /// <summary>Reads every page of the <c>entry</c> records sorted by rank.</summary>
    /// <param name="direction">The direction of the rank sort.</param>
    /// <param name="pageSize">The page size.</param>
    /// <param name="includeTotal">Whether each page asks for the total.</param>
    /// <returns>The pages, in order.</returns>
    protected async Task<List<QueryResult>> PagesAsync(SortDirection direction, int pageSize, bool includeTotal)
    {
        var pages = new List<QueryResult>();
        for (var offset = 0; offset < Ranks.Count; offset += pageSize)
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
