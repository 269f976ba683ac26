using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ObjectStack.Abstractions.Capabilities;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Hosting.Data;

namespace ObjectStack.Hosting.Http;

/// <summary>Builds the ObjectStack discovery document (protocol 17) from the composed runtime.</summary>
internal static class DiscoveryDocument
{
    /// <summary>The well-known feature flags of protocol 17; each is reported, enabled or not.</summary>
    private static readonly HashSet<string> RuntimeCapabilities = new(StringComparer.Ordinal) { "search", "transactionalBatch" };

    private static readonly string[] WellKnownCapabilities =
        ["comments", "automation", "cron", "search", "export", "chunkedUpload", "transactionalBatch", "websockets", "files", "analytics", "ai", "notifications", "i18n"];

    /// <summary>Builds the document.</summary>
    /// <param name="runtime">The composed runtime.</param>
    /// <param name="environment">The host environment.</param>
    /// <param name="services">The application services, for the datasource and its readiness.</param>
    public static Dictionary<string, object?> Build(ObjectStackRuntime runtime, IHostEnvironment environment, IServiceProvider services)
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
            ["services"] = Services(runtime, services),
            ["capabilities"] = WellKnownCapabilities.ToDictionary(key => key, key => new { enabled = RuntimeCapabilities.Contains(key) }),
            ["metadata"] = new
            {
                runtime = "objectstack-dotnet",
                protocol = ObjectStackProtocol.Version,
                state = runtime.State.ToString().ToLowerInvariant(),
            },
        };
    }

    private static SortedDictionary<string, object> Services(ObjectStackRuntime runtime, IServiceProvider provider)
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
        services["metadata"] = new { enabled = true, status, route = runtime.ApiBasePath + "/meta", provider = "objectstack-dotnet" };
        services["data"] = DataService(runtime, provider, status);

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

    /// <summary>The data service: its route, the datasource's driver and TLS mode (never its endpoint, which would tell
    /// anonymous callers where the database is), and <c>degraded</c> with the reason while the database cannot
    /// serve.</summary>
    private static Dictionary<string, object?> DataService(ObjectStackRuntime runtime, IServiceProvider provider, string status)
    {
        // One read of the problem: readiness can change between two reads, and a "degraded" without its reason (or
        // the reverse) must not be reported.
        var problem = runtime.State == RuntimeState.Ready ? provider.GetService<DataReadiness>()?.Problem : null;
        var degraded = problem is not null;
        var service = new Dictionary<string, object?>
        {
            ["enabled"] = true,
            ["status"] = degraded ? "degraded" : status,
            ["route"] = runtime.ApiBasePath + "/data",
            ["provider"] = "objectstack-dotnet",
        };
        if (degraded)
        {
            service["message"] = problem;
        }

        if (provider.GetServices<IDataDriver>().ToList() is [var driver])
        {
            service["driver"] = driver.Datasource.Driver;
            service["tls"] = DatasourceTlsName.Of(driver.Datasource.Tls);
        }

        return service;
    }

    private static string EnvironmentName(IHostEnvironment environment) =>
        environment.IsDevelopment() ? "development" : environment.IsStaging() ? "sandbox" : "production";
}
