using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(typeof(Samples.EmbeddedHost.OrdersPlugin), "samples.orders", Provides = ["samples.orders"])]

namespace Samples.EmbeddedHost;

/// <summary>A plugin that lives in the embedding app itself: it shares the app's load context.</summary>
public sealed class OrdersPlugin : ObjectStackPlugin
{
    /// <inheritdoc />
    public override void MapEndpoints(PluginEndpointContext context)
    {
        context.Api.MapGet("/orders/summary", () => new { open = 0, source = "samples.orders" });
        context.AddDiscoveryRoute("orders", "/orders/summary");
    }
}
