using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(
    typeof(Acme.Hello.HelloPlugin),
    "acme.hello",
    Provides = ["acme.hello"],
    Description = "A third-party sample plugin: one greeting endpoint.")]

namespace Acme.Hello;

/// <summary>The entry of the sample plugin: registers its options and maps one endpoint.</summary>
public sealed class HelloPlugin : ObjectStackPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(PluginServiceContext context)
    {
        context.Services.AddOptions<HelloOptions>()
            .Bind(context.Configuration, binder => binder.ErrorOnUnknownConfiguration = true)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Greeting), "options.greeting must not be empty.")
            .ValidateOnStart();
    }

    /// <inheritdoc />
    public override void MapEndpoints(PluginEndpointContext context)
    {
        var version = context.Manifest.Version;
        context.Api.MapGet("/hello", (IOptions<HelloOptions> options) => new { message = options.Value.Greeting, plugin = "acme.hello", version });
        context.AddDiscoveryRoute("hello", "/hello");
    }
}
