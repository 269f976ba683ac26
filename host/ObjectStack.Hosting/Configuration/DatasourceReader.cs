using System.Text.Json;
using System.Text.Json.Nodes;

namespace ObjectStack.Hosting.Configuration;

/// <summary>
/// Reads the <c>datasources</c> section (protocol §2.6) and turns its one supported entry, the default datasource,
/// into the options of its driver plugin: <c>driver: "postgres"</c> enables <c>objectstack.driver.postgres</c> with
/// <c>config.url</c> (or host/port/database/user/password), <c>pool.max</c>/<c>pool.min</c> and <c>ssl</c>;
/// <c>driver: "sqlite"</c> enables <c>objectstack.driver.sqlite</c> with <c>config.path</c>.
/// </summary>
internal static class DatasourceReader
{
    private static readonly HashSet<string> EntryKeys = new(StringComparer.Ordinal) { "name", "label", "driver", "config", "pool", "ssl", "schemaMode", "active", "description" };
    private static readonly HashSet<string> PostgresConfigKeys = new(StringComparer.Ordinal) { "url", "host", "port", "database", "user", "password", "schema" };
    private static readonly HashSet<string> PoolKeys = new(StringComparer.Ordinal) { "max", "min", "acquireTimeoutMs", "idleTimeoutMs" };
    private static readonly HashSet<string> SslKeys = new(StringComparer.Ordinal) { "mode", "ca" };

    /// <summary>Reads the section and returns the driver plugin entry it implies, or null when it names none.</summary>
    public static PluginEntry? Read(JsonElement section, string path, List<ConfigurationError> errors)
    {
        var entries = new List<(JsonElement Element, string Path, string? Key)>();
        switch (section.ValueKind)
        {
            case JsonValueKind.Array:
                entries.AddRange(section.EnumerateArray().Select((e, i) => (e, $"{path}[{i}]", (string?)null)));
                break;
            case JsonValueKind.Object:
                entries.AddRange(section.EnumerateObject().Select(p => (p.Value, JsonObjectWalker.ChildPath(path, p.Name), (string?)p.Name)));
                break;
            default:
                errors.Add(new(path, $"must be an array of datasources or an object keyed by name, not {JsonObjectWalker.Describe(section)}."));
                return null;
        }

        if (entries.Count == 0)
        {
            return null;
        }

        if (entries.Count > 1)
        {
            errors.Add(new(path, $"declares {entries.Count} datasources; this runtime version serves one, the 'default' datasource."));
            return null;
        }

        var (element, entryPath, key) = entries[0];
        var walker = JsonObjectWalker.Start(element, entryPath, errors);
        if (walker is null)
        {
            return null;
        }

        walker.RejectUnknownKeys(EntryKeys);
        var name = walker.GetString("name") ?? key ?? "default";
        if (name != "default")
        {
            walker.AddError("name", $"'{name}': the one datasource must be named 'default' (objects use the default datasource).");
        }

        var driver = walker.GetString("driver", required: true);
        var options = driver switch
        {
            "postgres" => PostgresOptions(walker, errors),
            "sqlite" => SqliteOptions(walker, errors),
            null => null,
            _ => Unsupported(walker, driver),
        };
        return options is null ? null : new PluginEntry($"objectstack.driver.{driver}", JsonSerializer.SerializeToElement(options), entryPath);
    }

    private static JsonObject? Unsupported(JsonObjectWalker walker, string driver)
    {
        walker.AddError("driver", $"'{driver}' is not a driver this runtime ships; use 'postgres' or 'sqlite'.");
        return null;
    }

    private static JsonObject SqliteOptions(JsonObjectWalker walker, List<ConfigurationError> errors)
    {
        var options = new JsonObject();
        if (walker.Get("config") is { } config && JsonObjectWalker.Start(config, JsonObjectWalker.ChildPath(walker.Path, "config"), errors) is { } configWalker)
        {
            configWalker.RejectUnknownKeys(new HashSet<string>(StringComparer.Ordinal) { "path", "filename" });
            if ((configWalker.GetString("path") ?? configWalker.GetString("filename")) is { } file)
            {
                options["path"] = file;
            }
        }

        return options;
    }

    private static JsonObject PostgresOptions(JsonObjectWalker walker, List<ConfigurationError> errors)
    {
        var options = new JsonObject();
        if (walker.Get("config") is { } config && JsonObjectWalker.Start(config, JsonObjectWalker.ChildPath(walker.Path, "config"), errors) is { } c)
        {
            c.RejectUnknownKeys(PostgresConfigKeys);
            if (c.GetString("url") is { } url)
            {
                options["url"] = url;
            }
            else if (c.GetString("host") is { } host)
            {
                // Npgsql's key=value form quotes values itself when a value needs it.
                var builder = new System.Data.Common.DbConnectionStringBuilder { ["Host"] = host };
                if (c.GetInt("port", 1, 65535) is { } port)
                {
                    builder["Port"] = port;
                }

                foreach (var (from, to) in new[] { ("database", "Database"), ("user", "Username"), ("password", "Password") })
                {
                    if (c.GetString(from) is { } value)
                    {
                        builder[to] = value;
                    }
                }

                options["url"] = builder.ConnectionString;
            }

            if (c.GetString("schema") is { } schema)
            {
                options["schema"] = schema;
            }
        }

        if (walker.Get("pool") is { } pool && JsonObjectWalker.Start(pool, JsonObjectWalker.ChildPath(walker.Path, "pool"), errors) is { } p)
        {
            p.RejectUnknownKeys(PoolKeys);
            Copy(p.GetInt("max", 1, 1000), "maxPoolSize");
            Copy(p.GetInt("min", 0, 1000), "minPoolSize");
            Copy(p.GetInt("acquireTimeoutMs", 1, 600_000), "acquireTimeoutMs");
        }

        switch (walker.Get("ssl"))
        {
            case { ValueKind: JsonValueKind.True }:
                options["sslMode"] = "verify-full";
                break;
            case { ValueKind: JsonValueKind.False }:
                options["sslMode"] = "disable";
                break;
            case { ValueKind: JsonValueKind.Object } ssl when JsonObjectWalker.Start(ssl, JsonObjectWalker.ChildPath(walker.Path, "ssl"), errors) is { } s:
                s.RejectUnknownKeys(SslKeys);
                if (s.GetString("mode") is { } mode)
                {
                    options["sslMode"] = mode;
                }

                if (s.GetString("ca") is { } ca)
                {
                    options["sslRootCert"] = ca;
                }

                break;
            case { } other:
                walker.AddError("ssl", $"must be true, false or an object {{mode, ca}}, not {JsonObjectWalker.Describe(other)}.");
                break;
        }

        return options;

        void Copy(int? value, string option)
        {
            if (value is { } v)
            {
                options[option] = v;
            }
        }
    }
}
