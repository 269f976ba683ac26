using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Drivers.Postgres;

/// <summary>
/// Turns the driver options into an Npgsql connection string: reads <c>postgres://</c> URLs (percent-decoded user
/// and password, <c>sslmode</c>, <c>sslrootcert</c>, <c>application_name</c>, <c>connect_timeout</c>) or key=value
/// strings, then applies the pool, timeout and TLS options. A <c>connect_timeout</c> in the URL wins over
/// <c>connectTimeoutSeconds</c>; an <c>sslrootcert</c> that names no file is refused whatever the mode. Errors never
/// repeat the password.
/// </summary>
internal static class PostgresConnectionString
{
    private static readonly Dictionary<string, SslMode> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = Npgsql.SslMode.Disable,
        ["allow"] = Npgsql.SslMode.Allow,
        ["prefer"] = Npgsql.SslMode.Prefer,
        ["require"] = Npgsql.SslMode.Require,
        ["verify-ca"] = Npgsql.SslMode.VerifyCA,
        ["verify-full"] = Npgsql.SslMode.VerifyFull,
    };

    /// <summary>The range of <c>connect_timeout</c> in a URL, as for <c>connectTimeoutSeconds</c>: never 0, which waits forever.</summary>
    private const int MinConnectTimeout = 1, MaxConnectTimeout = 600;

    /// <summary>Builds the connection string.</summary>
    public static bool TryBuild(PostgresDriverOptions options, [NotNullWhen(true)] out NpgsqlConnectionStringBuilder? builder, out string? error)
    {
        builder = null;
        error = null;
        var url = options.Url?.Trim() ?? string.Empty;
        int? urlConnectTimeout = null;
        try
        {
            builder = url.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
                ? FromUrl(url, out urlConnectTimeout)
                : new NpgsqlConnectionStringBuilder(url);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or UriFormatException or KeyNotFoundException)
        {
            error = $"'url' is not a valid PostgreSQL URL or connection string ({Redact(ex.Message, url)}).";
            return false;
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            error = "'url' names no host.";
            builder = null;
            return false;
        }

        if (options.SslMode is { } mode)
        {
            if (!SslModes.TryGetValue(mode, out var parsed))
            {
                error = $"'sslMode' must be one of {string.Join(", ", SslModes.Keys)}.";
                builder = null;
                return false;
            }

            builder.SslMode = parsed;
        }

        if (options.SslRootCert is { } rootCert)
        {
            builder.RootCertificate = rootCert;
        }

        // Whatever the mode: a CA file that is not there is a typo that would otherwise go unnoticed until verification is on.
        if (builder.RootCertificate is { Length: > 0 } ca && !File.Exists(ca))
        {
            error = $"the CA certificate file '{ca}' (sslrootcert) does not exist.";
            builder = null;
            return false;
        }

        // Out-of-range options are PostgresDriverOptions.Validate's to report (every entry point validates first);
        // here they are only kept within what Npgsql accepts, so validation lists them instead of throwing.
        builder.Pooling = true;
        builder.MaxPoolSize = Math.Max(options.MaxPoolSize, 1);
        builder.MinPoolSize = Math.Clamp(options.MinPoolSize, 0, builder.MaxPoolSize);
        builder.Timeout = urlConnectTimeout ?? Math.Clamp(options.ConnectTimeoutSeconds, MinConnectTimeout, MaxConnectTimeout);
        builder.CommandTimeout = Math.Max(options.CommandTimeoutSeconds, 1);
        builder.SearchPath = options.Schema;
        builder.ApplicationName ??= "objectstack";

        // Statements repeat by shape; let Npgsql prepare the frequent ones on each connection.
        builder.MaxAutoPrepare = 256;
        builder.AutoPrepareMinUsages = 2;
        builder.IncludeErrorDetail = false;

        // Sessions never change connection state (no SET, no temp tables outside migrations), so a pooled connection
        // needs no reset round trip when it is returned.
        builder.NoResetOnClose = true;
        return true;
    }

    /// <summary>Describes the datasource without credentials, in libpq's URL form: <c>postgres://app@db:5432/crm</c>,
    /// several hosts as <c>postgres://app@db1:5432,db2:5433/crm</c>, IPv6 hosts bracketed, and Unix-domain sockets as
    /// <c>postgres://app@/crm?host=/var/run/postgresql</c>.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        var tcp = new List<string>();
        var sockets = new List<string>();
        foreach (var (host, port) in Hosts(builder))
        {
            if (IsSocket(host))
            {
                sockets.Add(host);
            }
            else
            {
                var bare = host.TrimStart('[').TrimEnd(']');
                var shown = IPAddress.TryParse(bare, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bare}]" : bare;
                tcp.Add(string.Create(CultureInfo.InvariantCulture, $"{shown}:{port}"));
            }
        }

        var user = builder.Username is { } name ? Uri.EscapeDataString(name) + "@" : string.Empty;
        var query = sockets.Count > 0 ? "?host=" + string.Join(',', sockets) : string.Empty;
        return $"postgres://{user}{string.Join(',', tcp)}/{builder.Database}{query}";
    }

    /// <summary>How the connection is protected, as the data contracts report it: the <c>sslmode</c>, or
    /// <see cref="DatasourceTls.Local"/> when every host is a Unix-domain socket (TLS does not apply; nothing crosses
    /// a network).</summary>
    public static DatasourceTls Tls(NpgsqlConnectionStringBuilder builder)
    {
        var hosts = Hosts(builder).ToList();
        if (hosts.Count > 0 && hosts.TrueForAll(h => IsSocket(h.Host)))
        {
            return DatasourceTls.Local;
        }

        return builder.SslMode switch
        {
            SslMode.Disable => DatasourceTls.Disable,
            SslMode.Allow => DatasourceTls.Allow,
            SslMode.Prefer => DatasourceTls.Prefer,
            SslMode.Require => DatasourceTls.Require,
            SslMode.VerifyCA => DatasourceTls.VerifyCa,
            SslMode.VerifyFull => DatasourceTls.VerifyFull,
            _ => DatasourceTls.Unknown,
        };
    }

    /// <summary>The hosts of the connection string with their ports, read as Npgsql reads them: a comma-separated
    /// list in which each entry may carry its own <c>:port</c> (after the closing bracket of an IPv6 address).</summary>
    private static IEnumerable<(string Host, int Port)> Hosts(NpgsqlConnectionStringBuilder builder)
    {
        foreach (var entry in (builder.Host ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var separator = entry.LastIndexOf(':');
            if (!IsSocket(entry) && separator > 0)
            {
                var otherColon = entry.LastIndexOf(':', separator - 1);
                var ipv6End = entry.LastIndexOf(']');
                if ((otherColon == -1 || (separator > ipv6End && otherColon < ipv6End))
                    && int.TryParse(entry.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    yield return (entry[..separator], port);
                    continue;
                }
            }

            yield return (entry, builder.Port);
        }
    }

    private static bool IsSocket(string host) => host.StartsWith('/') || host.StartsWith('@');

    private static NpgsqlConnectionStringBuilder FromUrl(string url, out int? connectTimeout)
    {
        connectTimeout = null;
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Uri.UnescapeDataString(uri.Host.Trim('[', ']')),
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } database ? database : null,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            switch (key)
            {
                case "sslmode":
                    builder.SslMode = SslModes.TryGetValue(value, out var mode) ? mode : throw new FormatException($"sslmode '{value}' is not one of {string.Join(", ", SslModes.Keys)}");
                    break;
                case "sslrootcert":
                    builder.RootCertificate = value;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "connect_timeout":
                    connectTimeout = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= MinConnectTimeout and <= MaxConnectTimeout
                        ? seconds
                        : throw new FormatException($"connect_timeout must be a whole number of seconds from {MinConnectTimeout} to {MaxConnectTimeout}");
                    break;
                default:
                    throw new FormatException($"the URL parameter '{key}' is not supported; use sslmode, sslrootcert, application_name or connect_timeout");
            }
        }

        return builder;
    }

    // Parser messages may quote what they could not read; no part of a password survives into the error.
    private static string Redact(string message, string url)
    {
        var secrets = new List<string>();
        if (url.Contains("://", StringComparison.Ordinal) && url.IndexOf('@', StringComparison.Ordinal) is > 0 and var at)
        {
            var userInfo = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..at];
            if (userInfo.IndexOf(':', StringComparison.Ordinal) is >= 0 and var colon)
            {
                secrets.Add(userInfo[(colon + 1)..]);
            }
        }

        secrets.AddRange(System.Text.RegularExpressions.Regex.Matches(url, @"(?i)password\s*=\s*([^;]*)").Select(m => m.Groups[1].Value.Trim()));
        foreach (var secret in secrets.Where(s => s.Length > 0))
        {
            message = message.Replace(secret, "***", StringComparison.Ordinal).Replace(Uri.UnescapeDataString(secret), "***", StringComparison.Ordinal);
        }

        return message;
    }
}
