using System.Text.Json;
using NuGet.Versioning;
using ObjectStack.Hosting.Metadata;

namespace ObjectStack.Hosting.Configuration;

/// <summary>
/// Reads <c>objectstack.json</c> strictly: unknown keys, wrong kinds and invalid values are errors naming the JSON
/// path, and every problem is reported at once.
/// </summary>
public static class StackConfigurationReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    private static readonly IReadOnlySet<string> PluginEntryKeys = new HashSet<string>(StringComparer.Ordinal) { "id", "options" };
    private static readonly IReadOnlySet<string> PluginMapValueKeys = new HashSet<string>(StringComparer.Ordinal) { "options" };
    private static readonly IReadOnlySet<string> EnginesKeys = new HashSet<string>(StringComparer.Ordinal) { "protocol" };

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <param name="path">The path of <c>objectstack.json</c>.</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="ObjectStackConfigurationException">The file is missing, unreadable or invalid.</exception>
    public static StackConfiguration ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var reason = ex is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : ex.Message;
            throw new ObjectStackConfigurationException(fullPath, [new("$", $"cannot read the configuration: {reason}.")]);
        }

        return Read(text, fullPath);
    }

    /// <summary>Reads and validates configuration text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where it came from, for messages.</param>
    /// <returns>The validated configuration.</returns>
    /// <exception cref="ObjectStackConfigurationException">The text is not valid JSON or not a valid configuration.</exception>
    public static StackConfiguration Read(string json, string source = "(inline)")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}, column {ex.BytePositionInLine + 1}" : "$";
            throw new ObjectStackConfigurationException(source, [new(where, "is not valid JSON: " + FirstSentence(ex.Message))]);
        }

        using (document)
        {
            var errors = new List<ConfigurationError>();
            var configuration = ReadRoot(document.RootElement, source, errors);
            if (errors.Count > 0)
            {
                throw new ObjectStackConfigurationException(source, errors);
            }

            return configuration!;
        }
    }

    private static StackConfiguration? ReadRoot(JsonElement root, string source, List<ConfigurationError> errors)
    {
        var walker = JsonObjectWalker.Start(root, "$", errors);
        if (walker is null)
        {
            return null;
        }

        walker.RejectUnknownKeys(StackConfigurationKeys.Supported, StackConfigurationKeys.Explain);
        var manifest = walker.Get("manifest") is { } m ? ReadManifest(m, "$.manifest", errors) : null;
        var plugins = walker.Get("plugins") is { } p ? ReadPlugins(p, "$.plugins", errors) : [];
        if (walker.Get("datasources") is { } ds && DatasourceReader.Read(ds, "$.datasources", errors) is { } datasource)
        {
            plugins = MergeDatasource(plugins, datasource, errors);
        }
        var requires = walker.Get("requires") is { } r ? ReadRequires(r, "$.requires", errors) : [];
        var objects = walker.Get("objects") is { } o ? ObjectMetadataReader.ReadAll(o, "$.objects", errors) : [];
        MetadataValidator.Validate(objects, errors, deferPlatformReferences: true);
        var seedData = walker.Get("data") is { } d ? SeedDataReader.Read(d, "$.data", errors) : [];
        return new StackConfiguration(
            source, manifest, plugins, requires, [.. objects.Select(x => x.Object)], [.. objects.Select(x => x.Path)], seedData);
    }

    // The datasource's driver is enabled with the datasource's options; listing the driver in plugins as well is
    // fine, but its options must then live in one place.
    private static List<PluginEntry> MergeDatasource(List<PluginEntry> plugins, PluginEntry datasource, List<ConfigurationError> errors)
    {
        var listed = plugins.FindIndex(e => e.Id == datasource.Id);
        if (listed < 0)
        {
            return [.. plugins, datasource];
        }

        if (plugins[listed].Options is not null)
        {
            errors.Add(new(plugins[listed].Path, $"gives options to '{datasource.Id}', which {datasource.Path} configures too; configure the datasource in one place."));
            return plugins;
        }

        plugins[listed] = datasource with { Path = plugins[listed].Path };
        return plugins;
    }

    private static AppManifest? ReadManifest(JsonElement element, string path, List<ConfigurationError> errors)
    {
        var walker = JsonObjectWalker.Start(element, path, errors);
        if (walker is null)
        {
            return null;
        }

        walker.RejectUnknownKeys(StackConfigurationKeys.ManifestSupported, key => StackConfigurationKeys.ManifestNotYetSupported.Contains(key)
            ? $"'{key}' is an ObjectStack manifest key that this runtime version does not support yet."
            : null);

        var id = walker.GetString("id", required: true);
        if (id is not null && !Identifiers.IsDottedId(id))
        {
            walker.AddError("id", $"'{id}' is not a reverse-DNS id such as 'com.example.crm' (lower case, dot-separated).");
        }

        var version = walker.GetString("version");
        if (version is not null && !SemanticVersion.TryParse(version, out _))
        {
            walker.AddError("version", $"'{version}' is not a semantic version such as '1.0.0'.");
        }

        var type = walker.GetString("type") ?? "app";
        if (!StackConfigurationKeys.ManifestTypes.Contains(type))
        {
            walker.AddError("type", $"'{type}' is not one of {string.Join(", ", StackConfigurationKeys.ManifestTypes.Order(StringComparer.Ordinal))}.");
        }

        var ns = walker.GetString("namespace");
        if (ns is not null && !Identifiers.IsSnakeCase(ns))
        {
            walker.AddError("namespace", $"'{ns}' must be snake_case, such as 'crm'.");
        }

        var protocol = walker.Get("engines") is { } engines ? ReadEngines(engines, path + ".engines", errors) : null;
        return id is null ? null : new AppManifest(id, walker.GetString("name"), version, type, ns, walker.GetString("description"), protocol);
    }

    private static string? ReadEngines(JsonElement element, string path, List<ConfigurationError> errors)
    {
        var walker = JsonObjectWalker.Start(element, path, errors);
        if (walker is null)
        {
            return null;
        }

        walker.RejectUnknownKeys(EnginesKeys);
        var protocol = walker.GetString("protocol");
        if (protocol is not null && ProtocolRange.Check(protocol) is { } problem)
        {
            walker.AddError("protocol", problem);
        }

        return protocol;
    }

    private static List<PluginEntry> ReadPlugins(JsonElement element, string path, List<ConfigurationError> errors)
    {
        var entries = new List<PluginEntry>();
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var itemPath = $"{path}[{index++}]";
                if (item.ValueKind == JsonValueKind.String)
                {
                    AddPlugin(entries, item.GetString()!, null, itemPath, itemPath, errors);
                    continue;
                }

                var walker = JsonObjectWalker.Start(item, itemPath, errors);
                if (walker is null)
                {
                    continue;
                }

                walker.RejectUnknownKeys(PluginEntryKeys);
                if (walker.GetString("id", required: true) is { } id)
                {
                    AddPlugin(entries, id, ReadOptions(walker, errors), itemPath, itemPath + ".id", errors);
                }
            }
        }
        else if (JsonObjectWalker.Start(element, path, errors) is not null)
        {
            foreach (var property in element.EnumerateObject())
            {
                var itemPath = JsonObjectWalker.ChildPath(path, property.Name);
                if (JsonObjectWalker.Start(property.Value, itemPath, errors) is { } walker)
                {
                    walker.RejectUnknownKeys(PluginMapValueKeys);
                    AddPlugin(entries, property.Name, ReadOptions(walker, errors), itemPath, itemPath, errors);
                }
            }
        }

        return entries;
    }

    private static JsonElement? ReadOptions(JsonObjectWalker walker, List<ConfigurationError> errors)
    {
        if (walker.Get("options") is not { } options)
        {
            return null;
        }

        return JsonObjectWalker.Start(options, walker.Path + ".options", errors) is null ? null : options.Clone();
    }

    private static void AddPlugin(List<PluginEntry> entries, string id, JsonElement? options, string path, string idPath, List<ConfigurationError> errors)
    {
        if (!Identifiers.IsDottedId(id))
        {
            errors.Add(new(idPath, $"'{id}' is not a plugin id such as 'objectstack.audit' (lower case, dot-separated)."));
            return;
        }

        if (entries.Find(e => e.Id == id) is { } first)
        {
            errors.Add(new(idPath, $"plugin '{id}' is already enabled at {first.Path}."));
            return;
        }

        entries.Add(new PluginEntry(id, options, path));
    }

    private static List<string> ReadRequires(JsonElement element, string path, List<ConfigurationError> errors)
    {
        var capabilities = new List<string>();
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(path, $"must be an array of capability names, not {JsonObjectWalker.Describe(element)}."));
            return capabilities;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            var token = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            if (token is null || !Identifiers.IsCapabilityToken(token))
            {
                errors.Add(new(itemPath, "must be a capability name such as 'auth' or 'acme.billing'."));
                continue;
            }

            var id = token.Contains('.', StringComparison.Ordinal) ? token : "objectstack." + token;
            if (!capabilities.Contains(id))
            {
                capabilities.Add(id);
            }
        }

        return capabilities;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
