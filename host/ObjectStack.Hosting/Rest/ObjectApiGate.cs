using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data;

namespace ObjectStack.Hosting.Rest;

/// <summary>Checks that an object exists and exposes the requested operation through the API (<c>enable.apiEnabled</c>, <c>enable.apiMethods</c>).</summary>
internal static class ObjectApiGate
{
    /// <summary>Returns the object, or throws the 404 or 405 the protocol prescribes.</summary>
    public static ObjectDefinition Require(IMetadataRegistry registry, string objectName, ApiMethods method)
    {
        var obj = registry.Find(objectName) ?? throw DataErrors.ObjectNotFound(objectName);
        if (!obj.Enable.ApiEnabled)
        {
            throw new RestException(404, "OBJECT_API_DISABLED", $"Object '{objectName}' is not available through the API.") { ObjectName = objectName };
        }

        if (!obj.Enable.Allows(method))
        {
            var allowed = Enum.GetValues<ApiMethods>()
                .Where(m => m is not (ApiMethods.None or ApiMethods.All) && (obj.Enable.ApiMethods & m) == m)
                .Select(m => m.ToString().ToLowerInvariant())
                .ToList();
            throw new RestException(405, "OBJECT_API_METHOD_NOT_ALLOWED", $"Object '{objectName}' does not allow '{Describe(method)}' through the API.")
            {
                ObjectName = objectName,
                Extra = new Dictionary<string, object?> { ["allowed"] = allowed },
            };
        }

        return obj;
    }

    private static string Describe(ApiMethods method) => string.Join(
        "+", Enum.GetValues<ApiMethods>().Where(m => m is not (ApiMethods.None or ApiMethods.All) && (method & m) == m).Select(m => m.ToString().ToLowerInvariant()));
}
