using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// The driver describes its datasource (<see cref="IDataDriver.Datasource"/>) consistently and without credentials:
/// discovery reports the driver and TLS mode from it, and diagnostics print the endpoint.
/// </summary>
/// <remarks>To make the credential test bite, let the harness put a password in the options it returns (a server
/// that trusts loopback connections ignores it).</remarks>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract partial class DatasourceConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override string Objects => """{ "note": { "fields": { "title": { "type": "text" } } } }""";

    /// <summary>The description names the same driver as <see cref="IDataDriver.Name"/>, an endpoint, and says how the
    /// connection is protected.</summary>
    [Test]
    public void Datasource_NamesTheDriverAnEndpointAndHowItIsProtected()
    {
        var driver = Host.Driver;
        var datasource = driver.Datasource;

        Assert.Multiple(() =>
        {
            Assert.That(datasource, Is.Not.Null);
            Assert.That(datasource.Driver, Is.EqualTo(driver.Name));
            Assert.That(datasource.Endpoint, Is.Not.Null.And.Not.Empty.And.Not.Contains('\n'));
            Assert.That(Enum.IsDefined(datasource.Tls), Is.True, $"{datasource.Tls} is a value of {nameof(DatasourceTls)}");
            Assert.That(datasource.Tls, Is.Not.EqualTo(DatasourceTls.Unknown), "a driver knows how it reaches its database");
            Assert.That(driver.Datasource, Is.EqualTo(datasource), "the description is stable");
        });
    }

    /// <summary>The endpoint never carries a password: not one the options hold, not as URL user information and not
    /// as a key=value pair.</summary>
    [Test]
    public void Datasource_Endpoint_CarriesNoCredentials()
    {
        var endpoint = Host.Driver.Datasource.Endpoint;
        var secrets = SecretsIn(Host.DatabaseOptions).ToList();

        Assert.Multiple(() =>
        {
            foreach (var secret in secrets)
            {
                Assert.That(endpoint, Does.Not.Contain(secret), "a password of the options appears in the endpoint");
            }

            Assert.That(UrlPassword().IsMatch(endpoint), Is.False, $"'{endpoint}' has a password in its user information");
            Assert.That(KeyValuePassword().IsMatch(endpoint), Is.False, $"'{endpoint}' has a password setting");
        });
    }

    /// <summary>The passwords in the options: URL user information, key=value settings and password-named keys.</summary>
    private static IEnumerable<string> SecretsIn(JsonNode? node, string? key = null)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    foreach (var secret in SecretsIn(value, name))
                    {
                        yield return secret;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var secret in SecretsIn(item))
                    {
                        yield return secret;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && text.Length > 0:
                if (key is not null && key.Contains("password", StringComparison.OrdinalIgnoreCase))
                {
                    yield return text;
                }

                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.UserInfo.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
                {
                    yield return Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
                }

                foreach (Match match in KeyValuePasswordValue().Matches(text))
                {
                    yield return match.Groups["value"].Value.Trim();
                }

                break;
        }
    }

    [GeneratedRegex(@"://[^/@\s]*:[^/@\s]*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?i)\b(password|pwd)\s*=")]
    private static partial Regex KeyValuePassword();

    [GeneratedRegex(@"(?i)\b(password|pwd)\s*=\s*(?<value>[^;]+)")]
    private static partial Regex KeyValuePasswordValue();
}
