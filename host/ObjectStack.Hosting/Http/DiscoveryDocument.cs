using Microsoft.Extensions.Hosting;
using ObjectStack.Abstractions.Capabilities;

namespace ObjectStack.Hosting.Http;

/// <summary>Builds the ObjectStack discovery document (protocol 17) from the composed runtime.</summary>
internal static class DiscoveryDocument
{
    /// <summary>The well-known feature flags of protocol 17; each is reported, enabled or not.</summary>
    private static readonly HashSet<string> RuntimeCapabilities = new(StringComparer.Ordinal) { "search", "transactionalBatch" };

    private static readonly string[] WellKnownCapabilities =
        ["comments", "automation", "cron", "search", "export", "chunkedUpload", "transactionalBatch", "websockets", "files", "analytics", "ai", "notifications", "i18n"];

    public static Dictionary<string, object?> Build(ObjectStackRuntime runtime, IHostEnvironment environment)
    {
        var name = runtime.Configuration.Manifest?.Name ?? runtime.Configuration.Manifest?.Id ?? "ObjectStack";
        var routes = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["discovery"] = runtime.ApiBasePath + "/discovery",
        };
        foreach (var (key, path) in runtime.DiscoveryRoutes)
        {
            routes[key] = path;
        }

        return new Dictionary<string, object?>
        {
            ["name"] = name,
            ["apiName"] = name,
            ["version"] = ObjectStackRuntime.Version,
            ["environment"] = EnvironmentName(environment),
            ["routes"] = routes,
            ["locale"] = new { @default = "en", supported = new[] { "en" }, timezone = "UTC" },
            ["services"] = Services(runtime),
            ["capabilities"] = WellKnownCapabilities.ToDictionary(key => key, key => new { enabled = RuntimeCapabilities.Contains(key) }),
            ["metadata"] = new
            {
                runtime = "objectstack-dotnet",
                protocol = ObjectStackProtocol.Version,
                state = runtime.State.ToString().ToLowerInvariant(),
            },
        };
    }

    private static SortedDictionary<string, object> Services(ObjectStackRuntime runtime)
    {
        var services = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var capability in CapabilityIds.All)
        {
            services[CapabilityIds.ToServiceName(capability)] = new
            {
                enabled = false,
                status = "unavailable",
                message = $"No enabled plugin provides '{capability}'.",
            };
        }

        var status = runtime.State == RuntimeState.Ready ? "available" : "registered";
        foreach (var (service, route) in new[] { ("data", "/data"), ("metadata", "/meta") })
        {
            services[service] = new { enabled = true, status, route = runtime.ApiBasePath + route, provider = "objectstack-dotnet" };
        }

        foreach (var (capability, planned) in runtime.Plan.Providers)
        {
            services[CapabilityIds.ToServiceName(capability)] = new
            {
                enabled = true,
                status = runtime.State == RuntimeState.Ready ? "available" : "registered",
                provider = planned.Candidate.Manifest.Id,
                version = planned.Candidate.Manifest.Version,
            };
        }

        return services;
    }

    private static string EnvironmentName(IHostEnvironment environment) =>
        environment.IsDevelopment() ? "development" : environment.IsStaging() ? "sandbox" : "production";
}
