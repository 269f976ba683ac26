using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.GatePlugin.GatePlugin), "fixtures.gate")]

namespace Fixture.GatePlugin;

public sealed class GatePlugin : ObjectStackPlugin
{
    public GatePlugin() => FixtureLog.Write("fixtures.gate:created");

    public override void ConfigureServices(PluginServiceContext context) => context.Services.AddHostedService<GateService>();
}

internal sealed class GateService : Microsoft.Extensions.Hosting.IHostedService
{
    /// <summary>Holds start-up until the file named by OBJECTSTACK_FIXTURE_GATE exists.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        FixtureLog.Write("fixtures.gate:waiting");
        var gate = Environment.GetEnvironmentVariable("OBJECTSTACK_FIXTURE_GATE");
        for (var i = 0; i < 1500 && gate is not null && !File.Exists(gate); i++)
        {
            await Task.Delay(20, cancellationToken);
        }

        FixtureLog.Write("fixtures.gate:start");
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        FixtureLog.Write("fixtures.gate:stop");
        return Task.CompletedTask;
    }
}
