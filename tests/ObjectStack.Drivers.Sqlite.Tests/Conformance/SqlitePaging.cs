using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Testing;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Drivers.Sqlite.Tests.Conformance;

/// <summary>
/// The paging suite, plus the tie-break SQLite chooses for a total order (the suite only demands that there is one):
/// creation order (rowid), in the direction of the last sort key, which its indexes deliver for free.
/// </summary>
[TestFixture]
public sealed class SqlitePaging : PagingConformance<SqliteHarness>
{
    [Test]
    public async Task Find_AscendingWithTies_BreaksTiesInCreationOrder()
    {
        var expected = Records.Select((r, created) => (r.Id, r.Rank, Created: created))
            .OrderBy(r => r.Rank.HasValue).ThenBy(r => r.Rank).ThenBy(r => r.Created).Select(r => r.Id).ToList();

        var pages = await PagesAsync(SortDirection.Ascending, pageSize: 3, includeTotal: false);

        Assert.That(pages.SelectMany(p => p.Records.Select(r => (string)r["id"]!)), Is.EqualTo(expected), "nulls first, ties broken by creation order");
    }

    [Test]
    public async Task Find_DescendingWithTies_BreaksTiesNewestFirstAndPutsNullsLast()
    {
        var expected = Records.Select((r, created) => (r.Id, r.Rank, Created: created))
            .OrderBy(r => !r.Rank.HasValue).ThenByDescending(r => r.Rank).ThenByDescending(r => r.Created).Select(r => r.Id).ToList();

        var pages = await PagesAsync(SortDirection.Descending, pageSize: 4, includeTotal: true);

        Assert.That(pages.SelectMany(p => p.Records.Select(r => (string)r["id"]!)), Is.EqualTo(expected));
    }

    [Test]
    public async Task Find_NoSort_ReturnsCreationOrder()
    {
        var result = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "entry" });

        Assert.That(result.Records.Select(r => (string)r["id"]!), Is.EqualTo(Records.Select(r => r.Id)));
    }
}
