using System.Text.RegularExpressions;

namespace ObjectStack.Hosting.Configuration;

/// <summary>The shapes of the names used in configuration and manifests.</summary>
internal static partial class Identifiers
{
    /// <summary>Lower-case dotted id with at least two segments: <c>objectstack.audit</c>, <c>com.example.crm</c>.</summary>
    public static bool IsDottedId(string value) => DottedId().IsMatch(value);

    /// <summary>A capability token: a dotted id, or a bare first-party name such as <c>auth</c>.</summary>
    public static bool IsCapabilityToken(string value) => CapabilityToken().IsMatch(value);

    /// <summary>A snake_case name: <c>crm</c>, <c>sales_app</c>.</summary>
    public static bool IsSnakeCase(string value) => SnakeCase().IsMatch(value);

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+$", RegexOptions.CultureInvariant)]
    private static partial Regex DottedId();

    [GeneratedRegex("^[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CapabilityToken();

    [GeneratedRegex("^[a-z][a-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SnakeCase();
}
