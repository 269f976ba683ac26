using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.BetaPlugin.BetaPlugin), "fixtures.beta", Provides = ["fixtures.beta"], Requires = ["fixtures.alpha"])]

namespace Fixture.BetaPlugin;

public sealed class BetaPlugin : ObjectStackPlugin
{
    public BetaPlugin() => FixtureLog.Write("fixtures.beta:created");

    public override void ConfigureServices(PluginServiceContext context) => context.Services.AddHostedService<BetaService>();

    public override void MapEndpoints(PluginEndpointContext context) =>
        context.Api.MapGet("/fixtures/beta", () => new { privateLibVersion = Fixture.PrivateLib.Greeter.Version });
}

internal sealed class BetaService : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        FixtureLog.Write("fixtures.beta:start");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        FixtureLog.Write("fixtures.beta:stop");
        return Task.CompletedTask;
    }
}
