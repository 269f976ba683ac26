namespace ObjectStack.Hosting.Rest;

/// <summary>A request the REST layer refuses before it reaches the data engine, with its status and wire code.</summary>
internal sealed class RestException(int status, string code, string message) : Exception(message)
{
    /// <summary>Gets the HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>Gets the wire error code, such as INVALID_REQUEST.</summary>
    public string Code { get; } = code;

    /// <summary>Gets the object the request named, when there is one.</summary>
    public string? ObjectName { get; init; }

    /// <summary>Gets extra members of the error body, such as <c>allowed</c> or <c>max</c>.</summary>
    public IReadOnlyDictionary<string, object?>? Extra { get; init; }

    public static RestException BadRequest(string code, string message, string? objectName = null) =>
        new(400, code, message) { ObjectName = objectName };
}
