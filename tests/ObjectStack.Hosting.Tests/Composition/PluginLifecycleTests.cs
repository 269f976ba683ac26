using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ObjectStack.Hosting.Composition;

namespace ObjectStack.Hosting.Tests.Composition;

/// <summary>
/// Plugins start in dependency order once the server listens and stop in the exact reverse; a failed start rolls back
/// what already started; readiness follows the runtime's state.
/// </summary>
public sealed class PluginLifecycleTests
{
    private const string GateVariable = "OBJECTSTACK_FIXTURE_GATE";
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(10);

    private FixtureLogScope _log = null!;
    private string _gatePath = null!;

    [SetUp]
    public void SetUp()
    {
        _log = new FixtureLogScope();
        _gatePath = Path.Combine(Path.GetTempPath(), $"objectstack-gate-{Guid.NewGuid():N}");
    }

    [TearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable(GateVariable, null);
        File.Delete(_gatePath);
        _log.Dispose();
    }

    [Test]
    public async Task StartAndStop_PluginsWithDependency_StartInDependencyOrderAndStopInExactReverse()
    {
        await using var host = PluginTestHost.Build("""{ "plugins": ["fixtures.beta", "fixtures.alpha"] }""", "Beta", "Alpha");
        Assert.That(host.Runtime.State, Is.EqualTo(RuntimeState.Starting));

        await host.App.StartAsync();

        Assert.That(host.Runtime.State, Is.EqualTo(RuntimeState.Ready));
        Assert.That(LifecycleEvents(), Is.EqualTo(new[] { "fixtures.alpha:start", "fixtures.beta:start" }));

        await host.App.StopAsync();

        Assert.That(host.Runtime.State, Is.EqualTo(RuntimeState.Stopped));
        Assert.That(LifecycleEvents(), Is.EqualTo(new[]
        {
            "fixtures.alpha:start", "fixtures.beta:start", "fixtures.beta:stop", "fixtures.alpha:stop",
        }));
    }

    [Test]
    public async Task Start_PluginThrowsOnStart_FailsNamingPluginAndCauseAfterRollingBackStartedPlugins()
    {
        await using var host = PluginTestHost.Build("""{ "plugins": ["fixtures.failing-start"] }""", "FailingStart", "Alpha");

        var exception = Assert.ThrowsAsync<PluginActivationException>(() => host.App.StartAsync());

        Assert.That(exception!.PluginId, Is.EqualTo("fixtures.failing-start"));
        Assert.That(exception.Message, Does.Contain("fixtures.failing-start").And.Contain("the fixture refuses to start"));
        Assert.That(exception.InnerException, Is.TypeOf<InvalidOperationException>());
        Assert.That(LifecycleEvents(), Is.EqualTo(new[] { "fixtures.alpha:start", "fixtures.alpha:stop" }), "alpha started first, then was rolled back");
        Assert.That(host.Runtime.State, Is.EqualTo(RuntimeState.Stopped));
    }

    [Test]
    public async Task Start_FailedStart_ReadinessStaysUnavailable()
    {
        await using var host = PluginTestHost.Build("""{ "plugins": ["fixtures.failing-start"] }""", "FailingStart", "Alpha");
        Assert.ThrowsAsync<PluginActivationException>(() => host.App.StartAsync());
        using var client = new HttpClient { BaseAddress = await WaitForAddressAsync(host) };

        using var ready = await client.GetAsync(new Uri("/api/v1/ready", UriKind.Relative));

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var error = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("SERVICE_UNAVAILABLE"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("stopped"));
    }

    [Test]
    public async Task Start_WhilePluginsAreStarting_ServerAnswersHealthButNotReady()
    {
        Environment.SetEnvironmentVariable(GateVariable, _gatePath);
        await using var host = PluginTestHost.Build("""{ "plugins": ["fixtures.alpha", "fixtures.gate"] }""", "Alpha", "Gate");

        var start = host.App.StartAsync();
        try
        {
            using var client = new HttpClient { BaseAddress = await WaitForAddressAsync(host) };
            using var health = await WaitForResponseAsync(client, "/api/v1/health");

            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var healthData = (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
            Assert.That(healthData.GetProperty("status").GetString(), Is.EqualTo("ok"));
            Assert.That(healthData.GetProperty("state").GetString(), Is.EqualTo("starting"));

            using var ready = await client.GetAsync(new Uri("/api/v1/ready", UriKind.Relative));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(ready.Headers.RetryAfter, Is.Not.Null);
            Assert.That(ready.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
            var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(body.GetProperty("success").GetBoolean(), Is.False);
            Assert.That(body.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("SERVICE_UNAVAILABLE"));
            Assert.That(body.GetProperty("error").GetProperty("httpStatus").GetInt32(), Is.EqualTo(503));
            Assert.That(body.GetProperty("error").GetProperty("message").GetString(), Does.Contain("starting"));

            var discovery = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/discovery", UriKind.Relative));
            Assert.That(discovery.GetProperty("metadata").GetProperty("state").GetString(), Is.EqualTo("starting"));
            var alpha = discovery.GetProperty("services").GetProperty("fixtures.alpha");
            Assert.That(alpha.GetProperty("enabled").GetBoolean(), Is.True);
            Assert.That(alpha.GetProperty("status").GetString(), Is.EqualTo("registered"), "a provider is not available before the runtime is ready");
            Assert.That(_log.Events, Does.Contain("fixtures.gate:waiting").And.No.Contain("fixtures.gate:start"));
            Assert.That(start.IsCompleted, Is.False, "start-up must still wait for the gate");
        }
        finally
        {
            await File.WriteAllTextAsync(_gatePath, "open");
            await start;
        }

        using var clientAfter = host.CreateClient();
        using var readyAfter = await clientAfter.GetAsync(new Uri("/api/v1/ready", UriKind.Relative));
        Assert.That(readyAfter.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(host.Runtime.State, Is.EqualTo(RuntimeState.Ready));
        Assert.That(_log.Events, Does.Contain("fixtures.gate:start"));
    }

    [Test]
    public async Task StopApplication_ReadyRuntime_ReadinessTurnsUnavailable()
    {
        await using var host = await PluginTestHost.StartAsync("""{ "plugins": ["fixtures.alpha"] }""", "Alpha");
        using var readyBefore = await host.Client.GetAsync(new Uri("/api/v1/ready", UriKind.Relative));
        Assert.That(readyBefore.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        host.App.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        var state = await WaitForStateAsync(host, RuntimeState.Stopping, RuntimeState.Stopped);
        Assert.That(state, Is.EqualTo(RuntimeState.Stopping), "nothing stops the host yet, so it stays stopping");
        using var ready = await host.Client.GetAsync(new Uri("/api/v1/ready", UriKind.Relative));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var error = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("SERVICE_UNAVAILABLE"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("stopping"));

        await host.App.StopAsync();

        Assert.That(host.Runtime.State, Is.EqualTo(RuntimeState.Stopped));
        Assert.That(LifecycleEvents(), Is.EqualTo(new[] { "fixtures.alpha:start", "fixtures.alpha:stop" }));
    }

    [Test]
    public async Task StopApplication_WhileStartIsRunning_RuntimeNeverTurnsReady()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        PluginTestHost.Compose(builder.Services, """{ "plugins": ["fixtures.alpha"] }""", "Alpha");
        // Stands in for start-up work that ignores the cancellation token, such as a slow plugin migration.
        builder.Services.AddSingleton<IHostedService>(new SlowStartedService(entered, release));
        await using var app = builder.Build();
        app.MapObjectStack();
        var runtime = app.Services.GetRequiredService<ObjectStackRuntime>();

        var start = app.StartAsync();
        await entered.Task.WaitAsync(WaitLimit);
        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        Assert.That(runtime.State, Is.EqualTo(RuntimeState.Stopping));
        release.SetResult();
        await start.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

        Assert.That(runtime.State, Is.AnyOf(RuntimeState.Stopping, RuntimeState.Stopped), "a stop request must not be undone by start-up completing");
        await app.StopAsync();
        Assert.That(runtime.State, Is.EqualTo(RuntimeState.Stopped));
    }

    private List<string> LifecycleEvents() =>
        [.. _log.Events.Where(e => e.EndsWith(":start", StringComparison.Ordinal) || e.EndsWith(":stop", StringComparison.Ordinal))];

    /// <summary>Waits until Kestrel has bound its real port, which happens before plugins start.</summary>
    private static async Task<Uri> WaitForAddressAsync(PluginTestHost host)
    {
        var addresses = host.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        using var limit = new CancellationTokenSource(WaitLimit);
        while (!limit.IsCancellationRequested)
        {
            var bound = addresses.ToArray().Select(a => new Uri(a)).FirstOrDefault(a => a.Port != 0);
            if (bound is not null)
            {
                return bound;
            }

            await Task.Delay(20, CancellationToken.None);
        }

        Assert.Fail($"the server did not bind an address within {WaitLimit}");
        return null!;
    }

    private static async Task<HttpResponseMessage> WaitForResponseAsync(HttpClient client, string path)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (true)
        {
            try
            {
                return await client.GetAsync(new Uri(path, UriKind.Relative), limit.Token);
            }
            catch (HttpRequestException) when (!limit.IsCancellationRequested)
            {
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    /// <summary>A host lifecycle service whose StartedAsync runs after the plugins' and ignores cancellation.</summary>
    private sealed class SlowStartedService(TaskCompletionSource entered, TaskCompletionSource release) : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken)
        {
            entered.TrySetResult();
            return release.Task;
        }

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static async Task<RuntimeState> WaitForStateAsync(PluginTestHost host, params RuntimeState[] states)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (!states.Contains(host.Runtime.State) && !limit.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        return host.Runtime.State;
    }
}
