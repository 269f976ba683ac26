using System.Net;
using System.Text.Json;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>A response read to the end: status, headers (response and content, case-insensitive) and the JSON body.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Headers">Every header, values joined with ", ".</param>
/// <param name="Body">The JSON body, or an undefined element when the body is empty.</param>
/// <param name="Text">The raw body, for failure messages.</param>
internal sealed record ApiResponse(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, JsonElement Body, string Text)
{
    /// <summary>Gets a header value, or null when it is absent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <inheritdoc />
    public override string ToString() => $"{(int)Status} {Text}";
}
