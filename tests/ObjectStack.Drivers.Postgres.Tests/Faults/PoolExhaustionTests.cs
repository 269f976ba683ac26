using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Dapper;

namespace ObjectStack.Drivers.Postgres.Tests.Faults;

/// <summary>More concurrent slow requests than pooled connections: a bounded wait, then 503 with Retry-After.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PoolExhaustionTests
{
    [Test]
    public async Task FiftySlowRequests_PoolOfTwo_BoundedWaitThen503WhileHealthAnswers()
    {
        var database = await TestDatabase.CreateAsync();
        try
        {
            await using var host = await FaultTestHost.StartAsync(new JsonObject { ["url"] = database, ["maxPoolSize"] = 2, ["acquireTimeoutMs"] = 1000 });
            using var client = host.Client();
            await using var blocker = await TestDatabase.OpenAsync(database);
            await using var lockTransaction = await blocker.BeginTransactionAsync();
            await blocker.ExecuteAsync("LOCK TABLE account IN ACCESS EXCLUSIVE MODE", transaction: lockTransaction);

            // Two requests take both connections and wait on the lock; the other 48 wait for a connection.
            var watch = Stopwatch.StartNew();
            var requests = Enumerable.Range(0, 50)
                .Select(async _ =>
                {
                    var response = await client.GetAsync(new Uri("/api/v1/data/account", UriKind.Relative));
                    return (response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta, Elapsed: watch.Elapsed);
                })
                .ToList();

            await Task.Delay(300);
            var health = await host.Client(user: null).GetAsync(new Uri("/api/v1/health", UriKind.Relative));
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "health answers while the pool is exhausted");

            var refused = new List<(HttpStatusCode StatusCode, TimeSpan? RetryAfter, TimeSpan Elapsed)>();
            while (refused.Count < 48)
            {
                var done = await Task.WhenAny(requests).WaitAsync(TimeSpan.FromSeconds(20));
                requests.Remove(done);
                refused.Add(await done);
            }

            Assert.Multiple(() =>
            {
                Assert.That(refused.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(refused.Select(r => r.RetryAfter), Is.All.Not.Null);
                Assert.That(refused.Max(r => r.Elapsed), Is.LessThan(TimeSpan.FromSeconds(10)), "the wait for a connection is bounded");
                Assert.That(requests, Has.Count.EqualTo(2), "the two requests holding connections are still waiting");
            });

            await lockTransaction.CommitAsync();
            var holders = await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.That(holders.Select(h => h.StatusCode), Is.All.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            await TestDatabase.DropAsync(database);
        }
    }
}
