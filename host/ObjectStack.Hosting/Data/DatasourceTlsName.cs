using System.Text.Json;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Hosting.Data;

/// <summary>Spells a <see cref="DatasourceTls"/> step as discovery and the logs do: <c>embedded</c>, <c>prefer</c>,
/// <c>verify-full</c>, in libpq's vocabulary.</summary>
internal static class DatasourceTlsName
{
    /// <summary>Returns the kebab-case name of the step.</summary>
    public static string Of(DatasourceTls tls) => JsonNamingPolicy.KebabCaseLower.ConvertName(tls.ToString());
}
