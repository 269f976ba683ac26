using System.Text.Json;

namespace ObjectStack.Hosting.Configuration;

/// <summary>One entry of the <c>data</c> section: records of one object, applied at boot idempotently.</summary>
/// <param name="ObjectName">The object.</param>
/// <param name="ExternalId">The fields that identify a record across boots (default <c>name</c>).</param>
/// <param name="Mode">How existing records are treated.</param>
/// <param name="Records">The records, as JSON objects.</param>
/// <param name="Path">The JSON path of the entry, for messages.</param>
/// <param name="Environments">The environments the entry applies to: <c>prod</c>, <c>dev</c>, <c>test</c> (default all).</param>
public sealed record SeedDataset(
    string ObjectName,
    IReadOnlyList<string> ExternalId,
    SeedMode Mode,
    IReadOnlyList<JsonElement> Records,
    string Path,
    IReadOnlyList<string> Environments)
{
    /// <summary>Maps a host environment name to a seed environment: Development → dev, Test/Testing → test, others → prod.</summary>
    /// <param name="hostEnvironment">The host environment name, such as Production.</param>
    /// <returns>prod, dev or test.</returns>
    public static string SeedEnvironmentOf(string hostEnvironment) => hostEnvironment.ToUpperInvariant() switch
    {
        "DEVELOPMENT" => "dev",
        "TEST" or "TESTING" => "test",
        _ => "prod",
    };
}
