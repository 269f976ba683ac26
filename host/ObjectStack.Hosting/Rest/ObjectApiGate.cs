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
            var allowed = Names(obj.Enable.ApiMethods);
            throw new RestException(405, "OBJECT_API_METHOD_NOT_ALLOWED", $"Object '{objectName}' does not allow '{string.Join('+', Names(method))}' through the API.")
            {
                ObjectName = objectName,
                Extra = new Dictionary<string, object?> { ["allowed"] = allowed },
            };
        }

        return obj;
    }

    /// <summary>The protocol names of the single methods in <paramref name="methods"/>, such as <c>get</c>, <c>list</c>.</summary>
    public static List<string> Names(ApiMethods methods) =>
    [
        .. Enum.GetValues<ApiMethods>()
            .Where(m => m is not (ApiMethods.None or ApiMethods.All) && (methods & m) == m)
            .Select(m => m.ToString().ToLowerInvariant()),
    ];
}
