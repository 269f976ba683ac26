namespace Acme.Hello;

/// <summary>The options of the sample plugin, from its <c>options</c> object in objectstack.json.</summary>
public sealed class HelloOptions
{
    /// <summary>Gets or sets the greeting returned by <c>GET /api/v1/hello</c>. The default is "Hello from a plugin".</summary>
    public string Greeting { get; set; } = "Hello from a plugin";
}
