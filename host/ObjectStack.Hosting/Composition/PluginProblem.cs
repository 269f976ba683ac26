namespace ObjectStack.Hosting.Composition;

/// <summary>One reason the plugin set cannot boot.</summary>
/// <param name="Plugin">The plugin id, or the folder or file when the id is unknown.</param>
/// <param name="Message">The cause, phrased to follow the plugin's name.</param>
public sealed record PluginProblem(string Plugin, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"plugin '{Plugin}': {Message}";
}
