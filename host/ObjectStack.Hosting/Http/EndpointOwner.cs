namespace ObjectStack.Hosting.Http;

/// <summary>Endpoint metadata naming who mapped an endpoint: the runtime or a plugin id.</summary>
/// <param name="Owner">The plugin id, or <see cref="Runtime"/> for the runtime's own endpoints.</param>
public sealed record EndpointOwner(string Owner)
{
    /// <summary>The owner name of the runtime's own endpoints.</summary>
    public const string Runtime = "objectstack.runtime";
}
