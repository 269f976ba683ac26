// Raw-driver baseline: the statements the PostgreSQL driver sends for the benchmark's list and get scenarios, run
// through Npgsql + Dapper in a tight loop at the same concurrency as wrk, on the same pool settings (auto-prepare on).
// Usage: RawPgBench URL ID CONNECTIONS SECONDS
using System.Diagnostics;
using Dapper;
using Npgsql;

var (url, id, connections, seconds) = (args[0], Guid.Parse(args[1]), int.Parse(args[2]), double.Parse(args[3]));
var uri = new Uri(url);
var builder = new NpgsqlConnectionStringBuilder
{
    Host = uri.Host, Port = uri.Port, Database = uri.AbsolutePath.TrimStart('/'), Username = uri.UserInfo.Split(':')[0],
    MaxPoolSize = 20, MaxAutoPrepare = 256, AutoPrepareMinUsages = 2, NoResetOnClose = true, ApplicationName = "objectstack",
};
await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);

const string Columns = "\"id\", \"created_at\", \"updated_at\", \"created_by\", \"updated_by\", \"owner_id\", \"organization_id\", \"name\", \"status\", \"amount\", \"quantity\", \"due\", \"notes\"";
const string List = $"SELECT {Columns} FROM \"bench_item\" WHERE \"status\" = $1 ORDER BY \"amount\" DESC NULLS LAST, \"id\" DESC LIMIT $2";
const string Count = "SELECT COUNT(*) FROM \"bench_item\" WHERE \"status\" = $1";
const string Get = $"SELECT {Columns} FROM \"bench_item\" WHERE \"id\" = $1 LIMIT $2";

async Task ListOnce()
{
    await using var connection = await dataSource.OpenConnectionAsync();
    await using var batch = new NpgsqlBatch(connection)
    {
        BatchCommands =
        {
            new NpgsqlBatchCommand(List) { Parameters = { new() { Value = "open" }, new() { Value = 21L } } },
            new NpgsqlBatchCommand(Count) { Parameters = { new() { Value = "open" } } },
        },
    };
    await using var reader = await batch.ExecuteReaderAsync();
    var rows = reader.Parse<BenchItem>().ToList();
    await reader.NextResultAsync();
    await reader.ReadAsync();
    _ = reader.GetInt64(0) + rows.Count;
}

async Task GetOnce()
{
    await using var connection = await dataSource.OpenConnectionAsync();
    var rows = await connection.QueryAsync<BenchItem>(new CommandDefinition(Get.Replace("$1", "@id").Replace("$2", "@limit"), new { id, limit = 2L }));
    _ = rows.Count();
}

foreach (var (name, once) in new (string, Func<Task>)[] { ("list", ListOnce), ("get", GetOnce) })
{
    for (var i = 0; i < 2000; i++)
    {
        await once();
    }

    long done = 0;
    var watch = Stopwatch.StartNew();
    var deadline = TimeSpan.FromSeconds(seconds);
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
    {
        while (watch.Elapsed < deadline)
        {
            await once();
            Interlocked.Increment(ref done);
        }
    }));
    Console.WriteLine($"raw-{name} {done / watch.Elapsed.TotalSeconds:F0}");
}

internal sealed class BenchItem
{
    public Guid id { get; set; }
    public DateTime created_at { get; set; }
    public DateTime updated_at { get; set; }
    public string? created_by { get; set; }
    public string? updated_by { get; set; }
    public string? owner_id { get; set; }
    public string? organization_id { get; set; }
    public string? name { get; set; }
    public string? status { get; set; }
    public decimal? amount { get; set; }
    public decimal? quantity { get; set; }
    public DateOnly? due { get; set; }
    public string? notes { get; set; }
}
