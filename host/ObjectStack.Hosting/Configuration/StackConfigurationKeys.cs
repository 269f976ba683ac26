namespace ObjectStack.Hosting.Configuration;

/// <summary>The top-level keys of ObjectStack's compiled artifact (protocol 17) and how this runtime treats each.</summary>
internal static class StackConfigurationKeys
{
    /// <summary>Keys this runtime reads and enforces.</summary>
    public static readonly IReadOnlySet<string> Supported = new HashSet<string>(StringComparer.Ordinal)
    {
        "$schema", "manifest", "plugins", "requires", "objects", "data", "datasources",
    };

    /// <summary>
    /// Protocol keys no component of this runtime enforces yet. They are refused rather than ignored, so no
    /// declared behaviour is silently inert.
    /// </summary>
    public static readonly IReadOnlySet<string> NotYetSupported = new HashSet<string>(StringComparer.Ordinal)
    {
        "datasourceMapping", "translations", "i18n", "objectExtensions", "apps", "views",
        "pages", "dashboards", "reports", "datasets", "actions", "flows", "jobs", "emailTemplates", "docs", "books",
        "positions", "permissions", "capabilities", "sharingRules", "apis", "webhooks", "api", "server", "agents",
        "tools", "skills", "hooks", "functions", "mappings", "analyticsCubes", "connectors", "devPlugins",
        "tiers", "runtimeModule",
    };

    /// <summary>Every key the reader recognises, supported or not.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(Supported.Concat(NotYetSupported), StringComparer.Ordinal);

    /// <summary>Explains keys that ObjectStack removed or never had, and the recognised keys not yet supported.</summary>
    public static string? Explain(string key) => key switch
    {
        "profiles" or "roles" => $"'{key}' does not exist in ObjectStack 17 (profiles were removed): use 'permissions' (permission sets) and 'positions'.",
        "workflows" => "'workflows' does not exist in ObjectStack 17: use 'flows'.",
        "approvals" => "'approvals' does not exist in ObjectStack 17: approvals are 'flows' with Approval nodes.",
        "settings" => "'settings' is not a configuration key: settings are runtime values managed through /api/settings.",
        "onEnable" => "'onEnable' is a function and cannot appear in objectstack.json: behaviour comes from plugins.",
        _ when NotYetSupported.Contains(key) => $"'{key}' is an ObjectStack key that this runtime version does not support yet; remove it, or use a runtime version that enforces it.",
        _ => null,
    };

    /// <summary>Keys of <c>manifest</c> this runtime reads.</summary>
    public static readonly IReadOnlySet<string> ManifestSupported = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "version", "type", "namespace", "description", "engines",
    };

    /// <summary>Keys of <c>manifest</c> recognised but not supported yet.</summary>
    public static readonly IReadOnlySet<string> ManifestNotYetSupported = new HashSet<string>(StringComparer.Ordinal)
    {
        "scope", "defaultDatasource", "permissions", "dependencies", "configuration", "contributes", "capabilities",
        "extensions", "navigationContributions", "runtime", "packaging", "integrity",
    };

    /// <summary>The package types a manifest may declare.</summary>
    public static readonly IReadOnlySet<string> ManifestTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "plugin", "ui", "driver", "server", "app", "theme", "agent", "module", "adapter",
    };
}
