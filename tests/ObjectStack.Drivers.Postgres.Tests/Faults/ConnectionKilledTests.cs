using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Npgsql;

namespace ObjectStack.Drivers.Postgres.Tests.Faults;

/// <summary>A connection killed by the server (<c>pg_terminate_backend</c>) while a request is using it.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConnectionKilledTests
{
    private string _database = null!;
    private FaultTestHost _host = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabase.CreateAsync();
        _host = await FaultTestHost.StartAsync(new JsonObject { ["url"] = _database });
    }

    [TearDown]
    public async Task TearDown()
    {
        await _host.DisposeAsync();
        await TestDatabase.DropAsync(_database);
    }

    [Test]
    public async Task Write_BackendTerminatedMidTransaction_503NothingWrittenNotRetried()
    {
        using var client = _host.Client();
        await using var blocker = await TestDatabase.OpenAsync(_database);
        await using var lockTransaction = await blocker.BeginTransactionAsync();

        // An uncommitted row with the same unique name makes the request's third insert wait, after two inserts.
        await blocker.ExecuteAsync(
            "INSERT INTO account (id, name) VALUES (gen_random_uuid(), 'Gamma')", transaction: lockTransaction);
        var request = client.PostAsJsonAsync(
            new Uri("/api/v1/data/account/createMany", UriKind.Relative),
            new[] { new { name = "Alpha" }, new { name = "Beta" }, new { name = "Gamma" } });
        await using var observer = await TestDatabase.OpenAsync(_database);
        var backend = await WaitForBlockedBackendAsync(observer);
        await observer.ExecuteAsync("SELECT pg_terminate_backend(@backend)", new { backend });
        var response = await request.WaitAsync(TimeSpan.FromSeconds(15));

        // A retry would have replayed the inserts and waited on the lock again; the answer came while it is held.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        await lockTransaction.RollbackAsync();
        var names = (await blocker.QueryAsync<string>("SELECT name FROM account")).ToList();
        Assert.That(names, Is.Empty, "the transaction was rolled back: nothing half-written");

        // The pool recovers: the next request gets a healthy connection.
        var after = await client.PostAsJsonAsync(new Uri("/api/v1/data/account", UriKind.Relative), new { name = "After" });
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Created), await after.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Read_BackendTerminatedMidQuery_RetriedOnAFreshConnection()
    {
        using var client = _host.Client();
        Assert.That((await client.PostAsJsonAsync(new Uri("/api/v1/data/account", UriKind.Relative), new { name = "Kept" })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        await using var blocker = await TestDatabase.OpenAsync(_database);
        await using var lockTransaction = await blocker.BeginTransactionAsync();
        await blocker.ExecuteAsync("LOCK TABLE account IN ACCESS EXCLUSIVE MODE", transaction: lockTransaction);

        var request = client.GetAsync(new Uri("/api/v1/data/account", UriKind.Relative));
        await using var observer = await TestDatabase.OpenAsync(_database);
        var backend = await WaitForBlockedBackendAsync(observer);
        await observer.ExecuteAsync("SELECT pg_terminate_backend(@backend)", new { backend });

        // The read is idempotent: it is retried on a new connection, which waits on the lock like the first.
        var retried = await WaitForBlockedBackendAsync(observer, except: backend);
        Assert.That(retried, Is.Not.EqualTo(backend));
        await lockTransaction.CommitAsync();
        var response = await request.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(body!["records"]!.AsArray(), Has.Count.EqualTo(1));
    }

    /// <summary>The process id of the runtime's connection that waits on a lock. The observer must not be inside a
    /// transaction: pg_stat_activity is read once per transaction.</summary>
    private static async Task<int> WaitForBlockedBackendAsync(NpgsqlConnection observer, int except = 0)
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var pid = await observer.QueryFirstOrDefaultAsync<int?>(
                "SELECT pid FROM pg_stat_activity WHERE application_name = 'objectstack' AND wait_event_type = 'Lock' AND pid <> @except LIMIT 1",
                new { except });
            if (pid is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        var activity = await observer.QueryAsync<(int Pid, string? App, string? Wait, string? State, string? Query)>(
            "SELECT pid, application_name, wait_event_type, state, query FROM pg_stat_activity WHERE datname = current_database()");
        Assert.Fail("No runtime connection waited on the lock within 15 s. Activity: " + string.Join("; ", activity));
        return 0;
    }
}
