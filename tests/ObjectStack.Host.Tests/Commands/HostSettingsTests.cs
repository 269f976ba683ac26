using Microsoft.Extensions.Logging;
using ObjectStack.Host.Commands;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Host.Tests.Commands;

public sealed class HostSettingsTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => values.TryGetValue(name, out var value) ? value : null;
    }

    private static HostSettings Resolve(
        Func<string, string?> environment,
        string? config = null,
        IReadOnlyList<string>? pluginPaths = null,
        int? port = null,
        string? urls = null) =>
        HostSettings.Resolve(config, pluginPaths ?? [], port, urls, environment);

    private static ObjectStackConfigurationException ResolveInvalid(
        Func<string, string?> environment,
        int? port = null,
        string? urls = null) =>
        Assert.Throws<ObjectStackConfigurationException>(() => Resolve(environment, port: port, urls: urls))!;

    private static ConfigurationError SingleError(Func<string, string?> environment, int? port = null, string? urls = null)
    {
        var exception = ResolveInvalid(environment, port, urls);
        Assert.That(exception.Errors, Has.Count.EqualTo(1), exception.Message);
        return exception.Errors[0];
    }

    [Test]
    public void Resolve_NothingGiven_UsesDefaults()
    {
        var settings = Resolve(Env());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.Urls, Is.EqualTo(new[] { "http://127.0.0.1:3000" }));
            Assert.That(settings.EnvironmentName, Is.EqualTo("Production"));
            Assert.That(settings.LogLevel, Is.EqualTo(LogLevel.Information));
            Assert.That(settings.JsonLogs, Is.False);
            Assert.That(settings.ConfigurationPath, Is.EqualTo(Path.GetFullPath("objectstack.json")));
            Assert.That(settings.PluginPaths, Is.Empty);
            Assert.That(settings.BundledPluginsPath, Is.EqualTo(Path.Combine(AppContext.BaseDirectory, "plugins")));
        }
    }

    [Test]
    public void Resolve_BlankVariables_AreTreatedAsUnset()
    {
        var settings = Resolve(Env(
            ("OS_CONFIG", " "), ("OS_PORT", ""), ("OS_HOST", "  "), ("OS_URLS", " "), ("OS_ENV", ""),
            ("OS_LOG_LEVEL", " "), ("OS_LOG_FORMAT", ""), ("OS_PLUGINS_PATH", " ")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(settings.Urls, Is.EqualTo(new[] { "http://127.0.0.1:3000" }));
            Assert.That(settings.EnvironmentName, Is.EqualTo("Production"));
            Assert.That(settings.LogLevel, Is.EqualTo(LogLevel.Information));
            Assert.That(settings.JsonLogs, Is.False);
            Assert.That(settings.ConfigurationPath, Is.EqualTo(Path.GetFullPath("objectstack.json")));
            Assert.That(settings.PluginPaths, Is.Empty);
        }
    }

    [Test]
    public void Resolve_OsPort_IsUsed()
    {
        var settings = Resolve(Env(("OS_PORT", "8080")));

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://127.0.0.1:8080" }));
    }

    [Test]
    public void Resolve_OsPortWithSurroundingSpaces_IsTrimmed()
    {
        var settings = Resolve(Env(("OS_PORT", " 8080 ")));

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://127.0.0.1:8080" }));
    }

    [Test]
    public void Resolve_PortOptionAndOsPort_OptionWins()
    {
        var settings = Resolve(Env(("OS_PORT", "8080")), port: 9000);

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://127.0.0.1:9000" }));
    }

    [Test]
    public void Resolve_PortOptionAndInvalidOsPort_OptionWinsWithoutError()
    {
        var settings = Resolve(Env(("OS_PORT", "abc")), port: 9000);

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://127.0.0.1:9000" }));
    }

    [TestCase("abc")]
    [TestCase("70000")]
    [TestCase("65536")]
    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("+80")]
    [TestCase("80.5")]
    public void Resolve_InvalidOsPort_Throws(string port)
    {
        var error = SingleError(Env(("OS_PORT", port)));

        Assert.That(error.Path, Is.EqualTo("OS_PORT"));
        Assert.That(error.Message, Is.EqualTo($"'{port}' is not a port number between 1 and 65535."));
    }

    [TestCase(0)]
    [TestCase(65536)]
    public void Resolve_PortOptionOutOfRange_Throws(int port)
    {
        var error = SingleError(Env(), port: port);

        Assert.That(error.Path, Is.EqualTo("--port"));
        Assert.That(error.Message, Does.Contain("is not a port number between 1 and 65535"));
    }

    [TestCase(1)]
    [TestCase(65535)]
    public void Resolve_PortOptionAtRangeLimit_IsAccepted(int port)
    {
        var settings = Resolve(Env(), port: port);

        Assert.That(settings.Urls, Is.EqualTo(new[] { $"http://127.0.0.1:{port}" }));
    }

    [Test]
    public void Resolve_OsHostAnyAddress_IsUsed()
    {
        var settings = Resolve(Env(("OS_HOST", "0.0.0.0")));

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://0.0.0.0:3000" }));
    }

    [Test]
    public void Resolve_OsHostAndOsPort_AreCombined()
    {
        var settings = Resolve(Env(("OS_HOST", "localhost"), ("OS_PORT", "8080")));

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://localhost:8080" }));
    }

    [TestCase("::1", "http://[::1]:3000")]
    [TestCase("::", "http://[::]:3000")]
    [TestCase("[::1]", "http://[::1]:3000")]
    public void Resolve_OsHostIpv6_IsBracketed(string host, string expected)
    {
        var settings = Resolve(Env(("OS_HOST", host)));

        Assert.That(settings.Urls, Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void Resolve_InvalidOsHost_Throws()
    {
        var error = SingleError(Env(("OS_HOST", "not a host")));

        Assert.That(error.Path, Is.EqualTo("OS_HOST"));
        Assert.That(error.Message, Does.Contain("is not a host name or IP address"));
    }

    [Test]
    public void Resolve_UrlsOption_OverridesHostAndPort()
    {
        var settings = Resolve(
            Env(("OS_HOST", "0.0.0.0"), ("OS_PORT", "8080")),
            port: 9000,
            urls: "http://localhost:5000;https://localhost:5001");

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://localhost:5000", "https://localhost:5001" }));
    }

    [Test]
    public void Resolve_OsUrls_OverridesHostAndPort()
    {
        var settings = Resolve(Env(("OS_URLS", "http://localhost:5000"), ("OS_HOST", "0.0.0.0"), ("OS_PORT", "8080")));

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://localhost:5000" }));
    }

    [Test]
    public void Resolve_UrlsOptionAndOsUrls_OptionWins()
    {
        var settings = Resolve(Env(("OS_URLS", "http://localhost:5000")), urls: "http://localhost:6000");

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://localhost:6000" }));
    }

    [Test]
    public void Resolve_UrlsWithWildcardHosts_AreAcceptedVerbatim()
    {
        var settings = Resolve(Env(), urls: "http://*:5000;https://+:5001");

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://*:5000", "https://+:5001" }));
    }

    [Test]
    public void Resolve_UrlsWithSpacesAndEmptyEntries_AreTrimmed()
    {
        var settings = Resolve(Env(), urls: " http://localhost:5000 ; ;http://[::1]:5001; ");

        Assert.That(settings.Urls, Is.EqualTo(new[] { "http://localhost:5000", "http://[::1]:5001" }));
    }

    [TestCase("ftp://example.com")]
    [TestCase("not a url")]
    [TestCase("localhost:5000")]
    [TestCase("/relative")]
    public void Resolve_InvalidUrlsOption_Throws(string url)
    {
        var error = SingleError(Env(), urls: url);

        Assert.That(error.Path, Is.EqualTo("--urls"));
        Assert.That(error.Message, Is.EqualTo($"'{url}' is not an http:// or https:// URL."));
    }

    [Test]
    public void Resolve_InvalidOsUrls_ThrowsNamingVariable()
    {
        var error = SingleError(Env(("OS_URLS", "ftp://example.com")));

        Assert.That(error.Path, Is.EqualTo("OS_URLS"));
        Assert.That(error.Message, Does.Contain("'ftp://example.com'"));
    }

    [Test]
    public void Resolve_SeveralInvalidUrls_ReportsEach()
    {
        var exception = ResolveInvalid(Env(), urls: "http://localhost:5000;ftp://a;gopher://b");

        Assert.That(exception.Errors.Select(e => e.Path), Is.EqualTo(new[] { "--urls", "--urls" }));
        Assert.That(exception.Errors.Select(e => e.Message), Has.Some.Contains("'ftp://a'").And.Some.Contains("'gopher://b'"));
    }

    [TestCase("")]
    [TestCase(";")]
    public void Resolve_UrlsOptionWithoutAnyUrl_Throws(string urls)
    {
        // An empty list must not fall back silently to Kestrel's own default address.
        var exception = ResolveInvalid(Env(), urls: urls);

        Assert.That(exception.Errors.Select(e => e.Path), Is.EqualTo(new[] { "--urls" }));
    }

    [TestCase("development", "Development")]
    [TestCase("Development", "Development")]
    [TestCase("staging", "Staging")]
    [TestCase("sandbox", "Staging")]
    [TestCase("production", "Production")]
    [TestCase("PRODUCTION", "Production")]
    public void Resolve_OsEnv_MapsToEnvironmentName(string value, string expected)
    {
        var settings = Resolve(Env(("OS_ENV", value)));

        Assert.That(settings.EnvironmentName, Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_OsEnvAndDotnetEnvironment_OsEnvWins()
    {
        var settings = Resolve(Env(("OS_ENV", "staging"), ("DOTNET_ENVIRONMENT", "Development")));

        Assert.That(settings.EnvironmentName, Is.EqualTo("Staging"));
    }

    [Test]
    public void Resolve_NoOsEnv_FallsBackToDotnetEnvironment()
    {
        var settings = Resolve(Env(("DOTNET_ENVIRONMENT", "Development"), ("ASPNETCORE_ENVIRONMENT", "Staging")));

        Assert.That(settings.EnvironmentName, Is.EqualTo("Development"));
    }

    [Test]
    public void Resolve_NoOsEnvOrDotnetEnvironment_FallsBackToAspNetCoreEnvironment()
    {
        var settings = Resolve(Env(("ASPNETCORE_ENVIRONMENT", "Staging")));

        Assert.That(settings.EnvironmentName, Is.EqualTo("Staging"));
    }

    [TestCase("prod")]
    [TestCase("test")]
    public void Resolve_InvalidOsEnv_Throws(string value)
    {
        var error = SingleError(Env(("OS_ENV", value)));

        Assert.That(error.Path, Is.EqualTo("OS_ENV"));
        Assert.That(error.Message, Is.EqualTo($"'{value}' is not 'development', 'staging' or 'production'."));
    }

    [TestCase("debug", LogLevel.Debug)]
    [TestCase("Warning", LogLevel.Warning)]
    [TestCase("TRACE", LogLevel.Trace)]
    [TestCase("none", LogLevel.None)]
    public void Resolve_OsLogLevel_IsParsedIgnoringCase(string value, LogLevel expected)
    {
        var settings = Resolve(Env(("OS_LOG_LEVEL", value)));

        Assert.That(settings.LogLevel, Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_InvalidOsLogLevel_ThrowsListingLevels()
    {
        var error = SingleError(Env(("OS_LOG_LEVEL", "verbose")));

        Assert.That(error.Path, Is.EqualTo("OS_LOG_LEVEL"));
        Assert.That(error.Message, Does.StartWith("'verbose' is not one of").And.Contain("Information"));
    }

    [Test]
    public void Resolve_NumericOsLogLevelOutOfRange_Throws()
    {
        // Enum.TryParse alone accepts any integer.
        var error = SingleError(Env(("OS_LOG_LEVEL", "42")));

        Assert.That(error.Path, Is.EqualTo("OS_LOG_LEVEL"));
    }

    [TestCase("json", true)]
    [TestCase("JSON", true)]
    [TestCase("text", false)]
    [TestCase("Text", false)]
    public void Resolve_OsLogFormat_SelectsJsonLogs(string value, bool expected)
    {
        var settings = Resolve(Env(("OS_LOG_FORMAT", value)));

        Assert.That(settings.JsonLogs, Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_InvalidOsLogFormat_Throws()
    {
        var error = SingleError(Env(("OS_LOG_FORMAT", "xml")));

        Assert.That(error.Path, Is.EqualTo("OS_LOG_FORMAT"));
        Assert.That(error.Message, Is.EqualTo("'xml' is not 'text' or 'json'."));
    }

    [Test]
    public void Resolve_SeveralInvalidValues_ReportsEveryOne()
    {
        var exception = ResolveInvalid(Env(
            ("OS_PORT", "abc"),
            ("OS_HOST", "not a host"),
            ("OS_ENV", "prod"),
            ("OS_LOG_LEVEL", "verbose"),
            ("OS_LOG_FORMAT", "xml")));

        Assert.That(exception.Errors, Has.Count.EqualTo(5), exception.Message);
        Assert.That(
            exception.Errors.Select(e => e.Path),
            Is.EqualTo(new[] { "OS_PORT", "OS_HOST", "OS_ENV", "OS_LOG_LEVEL", "OS_LOG_FORMAT" }));
        Assert.That(exception.Source, Is.EqualTo("the command line and environment"));
    }

    [Test]
    public void Resolve_InvalidUrlsOptionAndInvalidEnvironment_ReportsBoth()
    {
        var exception = ResolveInvalid(Env(("OS_ENV", "prod")), urls: "ftp://example.com");

        Assert.That(exception.Errors.Select(e => e.Path), Is.EqualTo(new[] { "--urls", "OS_ENV" }));
    }

    [Test]
    public void Resolve_OsPluginsPathAndOptions_AreCombinedAbsoluteAndDistinct()
    {
        var root = Path.Combine(Path.GetTempPath(), "objectstack-host-settings");
        var first = Path.Combine(root, "first");
        var second = Path.Combine(root, "second");
        var third = Path.Combine(root, "third");
        var sep = Path.PathSeparator;
        var environment = Env(("OS_PLUGINS_PATH", $"{first}{sep}{sep} relative-plugins {sep}{second}{sep}"));

        var settings = Resolve(environment, pluginPaths: [second, third, Path.Combine(root, "x", "..", "first")]);

        Assert.That(settings.PluginPaths, Is.EqualTo(new[]
        {
            first,
            Path.GetFullPath("relative-plugins"),
            second,
            third,
        }));
    }

    [Test]
    public void Resolve_PluginsPathOptionsOnly_AreMadeAbsolute()
    {
        var settings = Resolve(Env(), pluginPaths: ["plugins-a", "plugins-a", "plugins-b"]);

        Assert.That(settings.PluginPaths, Is.EqualTo(new[] { Path.GetFullPath("plugins-a"), Path.GetFullPath("plugins-b") }));
    }

    [Test]
    public void Resolve_OsConfigWithoutOption_IsUsed()
    {
        var path = Path.Combine(Path.GetTempPath(), "objectstack-host-settings", "app.json");

        var settings = Resolve(Env(("OS_CONFIG", path)));

        Assert.That(settings.ConfigurationPath, Is.EqualTo(path));
    }

    [Test]
    public void Resolve_RelativeOsConfig_IsMadeAbsolute()
    {
        var settings = Resolve(Env(("OS_CONFIG", Path.Combine("config", "app.json"))));

        Assert.That(settings.ConfigurationPath, Is.EqualTo(Path.GetFullPath(Path.Combine("config", "app.json"))));
    }

    [Test]
    public void Resolve_ConfigOptionAndOsConfig_OptionWins()
    {
        var settings = Resolve(Env(("OS_CONFIG", "from-environment.json")), config: "from-option.json");

        Assert.That(settings.ConfigurationPath, Is.EqualTo(Path.GetFullPath("from-option.json")));
    }
}
