namespace ObjectStack.Host.Commands;

/// <summary>The environment variables <c>os</c> reads. The README's configuration table lists the same set.</summary>
internal static class EnvironmentVariables
{
    /// <summary>Path of objectstack.json when <c>--config</c> is not given.</summary>
    public const string Config = "OS_CONFIG";

    /// <summary>Extra plugin folders, separated by the platform's path separator.</summary>
    public const string PluginsPath = "OS_PLUGINS_PATH";

    /// <summary>Interface to bind when neither <c>--urls</c> nor <c>OS_URLS</c> is given.</summary>
    public const string Host = "OS_HOST";

    /// <summary>Port to bind when <c>--port</c> is not given.</summary>
    public const string Port = "OS_PORT";

    /// <summary>Full listen URLs, separated by ';'; overrides host and port.</summary>
    public const string Urls = "OS_URLS";

    /// <summary>development, staging or production.</summary>
    public const string Environment = "OS_ENV";

    /// <summary>Minimum log level.</summary>
    public const string LogLevel = "OS_LOG_LEVEL";

    /// <summary>The database (a postgres:// URL or key=value string): selects and configures the PostgreSQL driver.</summary>
    public const string DatabaseUrl = Hosting.Composition.PluginSetResolver.DatabaseUrlVariable;

    /// <summary>text or json.</summary>
    public const string LogFormat = "OS_LOG_FORMAT";
}
