namespace ObjectStack.Hosting.Composition;

/// <summary>A plugin's own code failed while the host activated or started it.</summary>
public sealed class PluginActivationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="pluginId">The plugin that failed.</param>
    /// <param name="cause">What failed, phrased to follow the plugin's name.</param>
    /// <param name="innerException">The plugin's exception, if any.</param>
    public PluginActivationException(string pluginId, string cause, Exception? innerException = null)
        : base($"plugin '{pluginId}' {cause}", innerException)
    {
        PluginId = pluginId;
    }

    /// <summary>Gets the id of the plugin that failed.</summary>
    public string PluginId { get; }
}
