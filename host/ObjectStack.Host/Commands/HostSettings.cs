using System.Globalization;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Loading;

namespace ObjectStack.Host.Commands;

/// <summary>
/// Everything <c>os</c> needs to compose and serve, resolved from the command line first, then the environment,
/// then defaults. Invalid values are collected, never silently replaced by a default.
/// </summary>
internal sealed record HostSettings
{
    public const int DefaultPort = 3000;
    public const string DefaultHost = "127.0.0.1";

    public required string ConfigurationPath { get; init; }

    public required IReadOnlyList<string> PluginPaths { get; init; }

    public required string BundledPluginsPath { get; init; }

    public required IReadOnlyList<string> Urls { get; init; }

    public required string EnvironmentName { get; init; }

    public required LogLevel LogLevel { get; init; }

    public required bool JsonLogs { get; init; }

    /// <summary>Gets the database URL from <c>OS_DATABASE_URL</c>, or null: it selects and configures the PostgreSQL driver.</summary>
    public string? DatabaseUrl { get; init; }

    /// <summary>Where plugins are looked for: the bundled folder when it exists, and every operator-named folder, which must.</summary>
    public IEnumerable<PluginSearchPath> SearchPaths =>
        PluginPaths.Select(p => new PluginSearchPath(p, MustExist: true)).Prepend(new PluginSearchPath(BundledPluginsPath, MustExist: false));

    /// <summary>Resolves the settings; throws with every invalid value named.</summary>
    public static HostSettings Resolve(
        string? configOption,
        IReadOnlyList<string> pluginPathOptions,
        int? portOption,
        string? urlsOption,
        Func<string, string?> environment)
    {
        var errors = new List<ConfigurationError>();
        var configurationPath = Path.GetFullPath(configOption ?? NonEmpty(environment(EnvironmentVariables.Config)) ?? "objectstack.json");

        var pluginPaths = (NonEmpty(environment(EnvironmentVariables.PluginsPath)) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(pluginPathOptions)
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var urls = ResolveUrls(portOption, urlsOption, environment, errors);
        var environmentName = ResolveEnvironment(environment, errors);
        var logLevel = LogLevel.Information;
        if (NonEmpty(environment(EnvironmentVariables.LogLevel)) is { } level
            && (!Enum.TryParse(level, ignoreCase: true, out logLevel) || !Enum.IsDefined(logLevel) || char.IsAsciiDigit(level[0]) || level[0] == '-'))
        {
            errors.Add(new(EnvironmentVariables.LogLevel, $"'{level}' is not one of {string.Join(", ", Enum.GetNames<LogLevel>())}."));
        }

        var format = NonEmpty(environment(EnvironmentVariables.LogFormat))?.ToLowerInvariant() ?? "text";
        if (format is not ("text" or "json"))
        {
            errors.Add(new(EnvironmentVariables.LogFormat, $"'{format}' is not 'text' or 'json'."));
        }

        if (errors.Count > 0)
        {
            throw new ObjectStackConfigurationException("the command line and environment", errors);
        }

        return new HostSettings
        {
            ConfigurationPath = configurationPath,
            PluginPaths = pluginPaths,
            BundledPluginsPath = Path.Combine(AppContext.BaseDirectory, "plugins"),
            Urls = urls,
            EnvironmentName = environmentName,
            LogLevel = logLevel,
            JsonLogs = format == "json",
            DatabaseUrl = environment(EnvironmentVariables.DatabaseUrl) is { Length: > 0 } databaseUrl ? databaseUrl : null,
        };
    }

    private static List<string> ResolveUrls(int? portOption, string? urlsOption, Func<string, string?> environment, List<ConfigurationError> errors)
    {
        if ((urlsOption ?? NonEmpty(environment(EnvironmentVariables.Urls))) is { } urls)
        {
            var list = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            if (list.Count == 0)
            {
                errors.Add(new(urlsOption is null ? EnvironmentVariables.Urls : "--urls", "names no URL; give at least one, such as 'http://127.0.0.1:3000'."));
            }

            foreach (var url in list.Where(u => !Uri.TryCreate(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                errors.Add(new(urlsOption is null ? EnvironmentVariables.Urls : "--urls", $"'{url}' is not an http:// or https:// URL."));
            }

            return list;
        }

        var port = portOption ?? DefaultPort;
        if (portOption is null && NonEmpty(environment(EnvironmentVariables.Port)) is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            errors.Add(new(EnvironmentVariables.Port, $"'{text}' is not a port number between 1 and 65535."));
        }
        else if (port is < 1 or > 65535)
        {
            errors.Add(new("--port", $"{port} is not a port number between 1 and 65535."));
        }

        var host = NonEmpty(environment(EnvironmentVariables.Host)) ?? DefaultHost;
        if (Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            errors.Add(new(EnvironmentVariables.Host, $"'{host}' is not a host name or IP address."));
        }

        var formatted = host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
        return [$"http://{formatted}:{port.ToString(CultureInfo.InvariantCulture)}"];
    }

    private static string ResolveEnvironment(Func<string, string?> environment, List<ConfigurationError> errors)
    {
        var value = NonEmpty(environment(EnvironmentVariables.Environment));
        if (value is null)
        {
            return NonEmpty(environment("DOTNET_ENVIRONMENT")) ?? NonEmpty(environment("ASPNETCORE_ENVIRONMENT")) ?? Environments.Production;
        }

        switch (value.ToLowerInvariant())
        {
            case "development":
                return Environments.Development;
            case "staging" or "sandbox":
                return Environments.Staging;
            case "production":
                return Environments.Production;
            default:
                errors.Add(new(EnvironmentVariables.Environment, $"'{value}' is not 'development', 'staging' or 'production'."));
                return Environments.Production;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
