namespace ObjectStack.Hosting.Configuration;

/// <summary>The <c>manifest</c> of an ObjectStack app: who the app is.</summary>
/// <param name="Id">Reverse-DNS id such as <c>com.example.crm</c>.</param>
/// <param name="Name">Display name, or null.</param>
/// <param name="Version">The app's SemVer version, or null.</param>
/// <param name="Type">The package type (<c>app</c> when omitted).</param>
/// <param name="Namespace">The app's namespace, or null.</param>
/// <param name="Description">A description, or null.</param>
/// <param name="ProtocolRange">The ObjectStack protocol range the app targets (<c>engines.protocol</c>), or null.</param>
public sealed record AppManifest(
    string Id,
    string? Name,
    string? Version,
    string Type,
    string? Namespace,
    string? Description,
    string? ProtocolRange);
