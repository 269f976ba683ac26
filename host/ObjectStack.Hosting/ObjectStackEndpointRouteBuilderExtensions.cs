using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Plugins;
using ObjectStack.Hosting;
using ObjectStack.Hosting.Composition;
using ObjectStack.Hosting.Http;

#pragma warning disable IDE0130 // Extension methods live in the namespace of the type they extend.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps the ObjectStack runtime's endpoints.</summary>
public static class ObjectStackEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps discovery, health and readiness, then each plugin's endpoints in plugin order, and answers unknown
    /// routes under the API base path with a 404 error envelope.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <returns>The same endpoint builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException"><c>AddObjectStack</c> was not called, or this was already called.</exception>
    public static IEndpointRouteBuilder MapObjectStack(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var runtime = endpoints.ServiceProvider.GetService<ObjectStackRuntime>()
            ?? throw new InvalidOperationException("Call services.AddObjectStack(...) before app.MapObjectStack().");
        if (!runtime.TryMarkMapped())
        {
            throw new InvalidOperationException("MapObjectStack() was already called for this application.");
        }

        var api = endpoints.MapGroup(runtime.ApiBasePath);
        var runtimeApi = api.MapGroup(string.Empty).WithMetadata(new EndpointOwner(EndpointOwner.Runtime));
        var runtimeRoot = endpoints.MapGroup(string.Empty).WithMetadata(new EndpointOwner(EndpointOwner.Runtime));
        CoreEndpoints.Map(runtimeRoot, runtimeApi, runtime);
        ObjectStack.Hosting.Rest.RestEndpoints.Map(runtimeApi, runtime);

        foreach (var plugin in runtime.Plugins)
        {
            var owner = new EndpointOwner(plugin.Manifest.Id);
            var context = new PluginEndpointContext(
                plugin.Manifest,
                endpoints.MapGroup(string.Empty).WithMetadata(owner),
                api.MapGroup(string.Empty).WithMetadata(owner),
                runtime.ApiBasePath,
                (name, path) => runtime.AddDiscoveryRoute(plugin.Manifest.Id, name, path));
            try
            {
                plugin.RunInContext(() => plugin.Entry.MapEndpoints(context));
            }
            catch (Exception ex) when (ex is not PluginActivationException)
            {
                throw new PluginActivationException(plugin.Manifest.Id, "failed to map its endpoints: " + ex.Message, ex);
            }
        }

        runtimeApi.MapFallback("{**path}", (HttpContext context) => OtherMethodsFor(context) is { Count: > 0 } allowed
            ? MethodNotAllowed(context, allowed)
            : ApiErrors.Result(StatusCodes.Status404NotFound, "ROUTE_NOT_FOUND", $"No route matches {context.Request.Method} {context.Request.Path}."));
        return endpoints;
    }

    private static IResult MethodNotAllowed(HttpContext context, List<string> allowed)
    {
        context.Response.Headers.Allow = string.Join(", ", allowed);
        return ApiErrors.Result(StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", $"{context.Request.Method} is not allowed on {context.Request.Path}.");
    }

    /// <summary>The methods other endpoints accept on this path; only consulted on the 404 path.</summary>
    private static List<string> OtherMethodsFor(HttpContext context)
    {
        var allowed = new List<string>();
        foreach (var endpoint in context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains(context.Request.Method))
            {
                continue;
            }

            var matcher = new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary());
            if (matcher.TryMatch(context.Request.Path, new RouteValueDictionary()))
            {
                allowed.AddRange(methods.HttpMethods.Except(allowed));
            }
        }

        return allowed;
    }
}
