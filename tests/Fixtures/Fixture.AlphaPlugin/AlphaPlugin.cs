using System.Runtime.Loader;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Fixture.AlphaPlugin.AlphaPlugin), "fixtures.alpha", Provides = ["fixtures.alpha"], Description = "Fixture: private library v1")]

namespace Fixture.AlphaPlugin;

public sealed class AlphaPlugin : ObjectStackPlugin
{
    public AlphaPlugin() => FixtureLog.Write("fixtures.alpha:created");

    public override void ConfigureServices(PluginServiceContext context)
    {
        FixtureLog.Write("fixtures.alpha:configure");
        context.Services.AddSingleton(new AlphaProbe(
            AssemblyLoadContext.CurrentContextualReflectionContext?.Name,
            context.Configuration["greeting"]));
        context.Services.AddSingleton(OperationContext.System("fixture alpha"));
        context.Services.AddHostedService<AlphaService>();
    }

    public override void MapEndpoints(PluginEndpointContext context)
    {
        context.Api.MapGet("/fixtures/alpha", (AlphaProbe probe) => new
        {
            privateLibVersion = Fixture.PrivateLib.Greeter.Version,
            contextualContext = probe.ContextualContext,
            loadContext = AssemblyLoadContext.GetLoadContext(typeof(AlphaPlugin).Assembly)?.Name,
            greeting = probe.Greeting,
        });
        context.AddDiscoveryRoute("alpha", "/fixtures/alpha");
    }
}

public sealed record AlphaProbe(string? ContextualContext, string? Greeting);

internal sealed class AlphaService : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        FixtureLog.Write("fixtures.alpha:start");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        FixtureLog.Write("fixtures.alpha:stop");
        return Task.CompletedTask;
    }
}
