using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ObjectStack.Drivers.Postgres.Tests.Faults;

/// <summary>A database that is down: at boot, and while the runtime serves (the circuit).</summary>
[TestFixture]
[NonParallelizable]
public sealed class DatabaseDownTests
{
    private string _database = null!;
    private TcpProxy _proxy = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = await TestDatabase.CreateAsync();
        _proxy = TcpProxy.For(_database);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _proxy.DisposeAsync();
        await TestDatabase.DropAsync(_database);
    }

    [Test]
    public async Task Boot_DatabaseDown_LivenessUpReadinessUnavailableThenRecoversByItself()
    {
        // Nothing listens behind the proxy's port yet: every connection attempt is refused.
        await using var host = await FaultTestHost.StartAsync(new JsonObject { ["url"] = _proxy.UrlFor(_database), ["breakDurationMs"] = 500 });
        using var client = host.Client();

        var health = await client.GetAsync(new Uri("/api/v1/health", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/api/v1/ready", UriKind.Relative));
        var data = await client.GetAsync(new Uri("/api/v1/data/account", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "liveness answers while the database is down");
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(ready.Headers.RetryAfter, Is.Not.Null);
            Assert.That(data.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(data.Headers.RetryAfter, Is.Not.Null);
            Assert.That(host.Logs.Lines, Has.Some.Match(@"the database at postgres://\S+@127\.0\.0\.1:\d+/\S+ is unreachable at startup"), "one clear log line says which database and why");
        });
        var readyBody = await ready.Content.ReadAsStringAsync();
        Assert.That(readyBody, Does.Contain("database is unreachable"));
        var degraded = (await client.GetFromJsonAsync<JsonObject>(new Uri("/api/v1/discovery", UriKind.Relative)))!["services"]!["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(degraded["status"]!.GetValue<string>(), Is.EqualTo("degraded"), "discovery says the data service cannot serve");
            Assert.That(degraded["message"]!.GetValue<string>(), Does.Contain("database is unreachable"));
        });

        // The database comes up: the runtime prepares the schema and turns ready without a restart.
        _proxy.Start();
        await FaultTestHost.EventuallyAsync(
            async () => (await client.GetAsync(new Uri("/api/v1/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "readiness after the database came up");
        var created = await client.PostAsJsonAsync(new Uri("/api/v1/data/account", UriKind.Relative), new { name = "Recovered" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        Assert.That(host.Logs.Lines, Has.Some.Contains("the database answered"));
        var recovered = (await client.GetFromJsonAsync<JsonObject>(new Uri("/api/v1/discovery", UriKind.Relative)))!["services"]!["data"]!;
        Assert.Multiple(() =>
        {
            Assert.That(recovered["status"]!.GetValue<string>(), Is.EqualTo("available"));
            Assert.That(recovered["message"], Is.Null);
        });
    }

    [Test]
    public async Task Serving_DatabaseGoesDown_CircuitAnswersFast503ThenRecovers()
    {
        _proxy.Start();
        await using var host = await FaultTestHost.StartAsync(new JsonObject
        {
            ["url"] = _proxy.UrlFor(_database),
            ["breakDurationMs"] = 3000,
            ["connectTimeoutSeconds"] = 5,
        });
        using var client = host.Client();
        Assert.That((await client.GetAsync(new Uri("/api/v1/data/account", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        _proxy.Stop();
        Npgsql.NpgsqlConnection.ClearAllPools();

        // The first failures trip the circuit; after that a request is refused at once instead of waiting to connect.
        for (var i = 0; i < 6; i++)
        {
            var failed = await client.GetAsync(new Uri("/api/v1/data/account", UriKind.Relative));
            Assert.That(failed.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }

        var watch = Stopwatch.StartNew();
        var fast = await client.GetAsync(new Uri("/api/v1/data/account", UriKind.Relative));
        watch.Stop();
        var body = await fast.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Multiple(() =>
        {
            Assert.That(fast.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(body!["code"]!.GetValue<string>(), Is.EqualTo("SERVICE_UNAVAILABLE"));
            Assert.That(fast.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "an open circuit answers without trying to connect");
            Assert.That(host.Logs.Lines, Has.Some.Contains("is unreachable").And.Some.Contains("refusing data requests"));
        });

        _proxy.Start();
        await FaultTestHost.EventuallyAsync(
            async () => (await client.GetAsync(new Uri("/api/v1/data/account", UriKind.Relative))).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30),
            "data requests after the database came back");
    }
}
