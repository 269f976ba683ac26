using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ObjectStack.Hosting.Http;

/// <summary>The runtime's own endpoints: discovery, health and readiness.</summary>
internal static class CoreEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, IEndpointRouteBuilder api, ObjectStackRuntime runtime)
    {
        var environment = endpoints.ServiceProvider.GetRequiredService<IHostEnvironment>();
        IResult Discovery(HttpContext context)
        {
            NoStore(context);
            return Results.Json(DiscoveryDocument.Build(runtime, environment, context.RequestServices));
        }

        api.MapGet("/", Discovery).WithName("objectstack.discovery.root");
        api.MapGet("/discovery", Discovery).WithName("objectstack.discovery");
        endpoints.MapGet("/.well-known/objectstack", (HttpContext context) =>
        {
            NoStore(context);
            return Results.Json(new { success = true, data = DiscoveryDocument.Build(runtime, environment, context.RequestServices) });
        }).WithName("objectstack.well-known");

        api.MapGet("/health", (HttpContext context) =>
        {
            NoStore(context);
            var uptime = DateTimeOffset.UtcNow - runtime.StartedAt;
            return Results.Json(new
            {
                success = true,
                data = new
                {
                    status = "ok",
                    state = runtime.State.ToString().ToLowerInvariant(),
                    timestamp = DateTimeOffset.UtcNow,
                    version = ObjectStackRuntime.Version,
                    uptime = Math.Round(uptime.TotalSeconds, 3),
                },
            });
        }).WithName("objectstack.health");

        api.MapGet("/ready", (HttpContext context) =>
        {
            NoStore(context);
            var state = runtime.State;
            var data = context.RequestServices.GetService<Data.DataReadiness>();
            if (state == RuntimeState.Ready && data?.IsReady != false)
            {
                return Results.Json(new { success = true, data = new { status = "ready" } });
            }

            context.Response.Headers.RetryAfter = "1";
            var reason = state == RuntimeState.Ready ? $"The runtime is not ready: {data?.Problem}." : $"The runtime is {state.ToString().ToLowerInvariant()}.";
            return ApiErrors.Result(StatusCodes.Status503ServiceUnavailable, "SERVICE_UNAVAILABLE", reason);
        }).WithName("objectstack.ready");
    }

    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";
}
