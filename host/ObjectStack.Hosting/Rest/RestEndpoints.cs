using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ObjectStack.Hosting.Rest;

/// <summary>Maps the ObjectStack REST API the runtime itself serves: data, batch and metadata.</summary>
internal static class RestEndpoints
{
    /// <summary>Maps the routes on <paramref name="api"/> (the API base group) and announces them in discovery.</summary>
    public static void Map(RouteGroupBuilder api, ObjectStackRuntime runtime)
    {
        var guarded = api.MapGroup(string.Empty).AddEndpointFilter(RestRequest.GuardAsync);
        var data = guarded.MapGroup("/data");
        DataEndpoints.Map(data);
        BatchEndpoints.Map(data, guarded);
        MetaEndpoints.Map(guarded.MapGroup("/meta"));
        runtime.AddDiscoveryRoute("runtime", "data", runtime.ApiBasePath + "/data");
        runtime.AddDiscoveryRoute("runtime", "metadata", runtime.ApiBasePath + "/meta");
    }
}
