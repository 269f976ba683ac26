using System.Text.RegularExpressions;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// The driver describes its datasource (<see cref="IDataDriver.Datasource"/>) consistently and without credentials:
/// discovery reports the driver and TLS mode from it, and diagnostics print the endpoint.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract partial class DatasourceConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override string Objects => """{ "note": { "fields": { "title": { "type": "text" } } } }""";

    /// <summary>The description names the same driver as <see cref="IDataDriver.Name"/>, an endpoint, and a defined
    /// TLS step.</summary>
    [Test]
    public void Datasource_NamesTheDriverAnEndpointAndATlsStep()
    {
        var driver = Host.Driver;
        var datasource = driver.Datasource;

        Assert.Multiple(() =>
        {
            Assert.That(datasource, Is.Not.Null);
            Assert.That(datasource.Driver, Is.EqualTo(driver.Name));
            Assert.That(datasource.Endpoint, Is.Not.Null.And.Not.Empty.And.Not.Contains('\n'));
            Assert.That(Enum.IsDefined(datasource.Tls), Is.True, $"{datasource.Tls} is a step of {nameof(DatasourceTls)}");
            Assert.That(driver.Datasource, Is.EqualTo(datasource), "the description is stable");
        });
    }

    /// <summary>The endpoint never carries a password, neither as URL user information nor as a key=value pair.</summary>
    [Test]
    public void Datasource_Endpoint_CarriesNoCredentials()
    {
        var endpoint = Host.Driver.Datasource.Endpoint;

        Assert.Multiple(() =>
        {
            Assert.That(UrlPassword().IsMatch(endpoint), Is.False, $"'{endpoint}' has a password in its user information");
            Assert.That(KeyValuePassword().IsMatch(endpoint), Is.False, $"'{endpoint}' has a password setting");
        });
    }

    [GeneratedRegex(@"://[^/@\s]*:[^/@\s]*@")]
    private static partial Regex UrlPassword();

    [GeneratedRegex(@"(?i)\b(password|pwd)\s*=")]
    private static partial Regex KeyValuePassword();
}
