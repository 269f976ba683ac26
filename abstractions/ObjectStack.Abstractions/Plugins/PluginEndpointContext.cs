using Microsoft.AspNetCore.Routing;

namespace ObjectStack.Abstractions.Plugins;

/// <summary>What a plugin receives in its endpoint-mapping phase.</summary>
/// <remarks>
/// Plugins contribute endpoints, not middleware: the request pipeline's order (hardening, authentication,
/// endpoint) is fixed by the host, and capabilities such as identity resolution plug into it through their
/// contracts.
/// </remarks>
public sealed class PluginEndpointContext
{
    private readonly Action<string, string> _addDiscoveryRoute;

    /// <summary>Creates the context. Called by the host.</summary>
    /// <param name="manifest">The plugin's manifest.</param>
    /// <param name="endpoints">The application's root endpoint builder.</param>
    /// <param name="api">The endpoint builder rooted at the API base path.</param>
    /// <param name="apiBasePath">The API base path, such as <c>/api/v1</c>.</param>
    /// <param name="addDiscoveryRoute">Receives each route the plugin declares for the discovery document.</param>
    public PluginEndpointContext(
        PluginManifest manifest,
        IEndpointRouteBuilder endpoints,
        IEndpointRouteBuilder api,
        string apiBasePath,
        Action<string, string> addDiscoveryRoute)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiBasePath);
        ArgumentNullException.ThrowIfNull(addDiscoveryRoute);
        Manifest = manifest;
        Endpoints = endpoints;
        Api = api;
        ApiBasePath = apiBasePath;
        _addDiscoveryRoute = addDiscoveryRoute;
    }

    /// <summary>Gets the plugin's manifest.</summary>
    public PluginManifest Manifest { get; }

    /// <summary>Gets the application's root endpoint builder, for routes outside the API such as <c>/.well-known/*</c>.</summary>
    public IEndpointRouteBuilder Endpoints { get; }

    /// <summary>Gets the endpoint builder rooted at <see cref="ApiBasePath"/>; map plugin routes here.</summary>
    public IEndpointRouteBuilder Api { get; }

    /// <summary>Gets the API base path, such as <c>/api/v1</c>.</summary>
    public string ApiBasePath { get; }

    /// <summary>
    /// Declares a route in the <c>routes</c> map of the discovery document, so clients find the plugin's API.
    /// </summary>
    /// <param name="name">The route's key, such as <c>hello</c>.</param>
    /// <param name="relativePath">The path below <see cref="ApiBasePath"/>, such as <c>/hello</c>.</param>
    public void AddDiscoveryRoute(string name, string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        _addDiscoveryRoute(name, ApiBasePath.TrimEnd('/') + "/" + relativePath.TrimStart('/'));
    }
}
