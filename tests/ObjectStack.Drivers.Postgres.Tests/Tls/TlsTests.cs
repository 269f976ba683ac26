using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Drivers.Postgres.Tests.Faults;

namespace ObjectStack.Drivers.Postgres.Tests.Tls;

/// <summary>
/// The driver's <c>sslmode</c> against the real test server, which build/services/postgres.sh starts with TLS on and a
/// certificate for 127.0.0.1 and localhost signed by a throwaway CA (<c>OS_TEST_DATABASE_CA</c>). Each case opens a
/// real connection through the driver and asks the server whether it sees TLS.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class TlsTests
{
    /// <summary>The variable that names the CA file of the test server; build/test.sh exports it.</summary>
    public const string CaVariable = "OS_TEST_DATABASE_CA";

    // A failed handshake must fail, not hang; this only guards the test run and is far above the connect timeout.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private string _database = null!;
    private string _ca = null!;
    private string _folder = null!;
    private string _otherCa = null!;

    [OneTimeSetUp]
    public async Task OneTimeSetUp()
    {
        _ca = Environment.GetEnvironmentVariable(CaVariable) is { Length: > 0 } ca
            ? ca
            : throw new InvalidOperationException(
                $"{CaVariable} is not set. Run the tests through build/test.sh, or export {CaVariable}=DIR/tls/ca.crt for the cluster "
                + "that `build/services/postgres.sh start DIR PORT` started.");
        Assert.That(File.Exists(_ca), Is.True, $"{CaVariable} names {_ca}, which does not exist");
        _folder = Directory.CreateTempSubdirectory("os-tls-tests-").FullName;
        _otherCa = Path.Combine(_folder, "other-ca.crt");
        await File.WriteAllTextAsync(_otherCa, CreateCertificateAuthorityPem("ObjectStack unrelated test CA"));
        _database = await TestDatabase.CreateAsync();
    }

    [OneTimeTearDown]
    public async Task OneTimeTearDown()
    {
        if (_database is not null)
        {
            await TestDatabase.DropAsync(_database);
        }

        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Test]
    public async Task Connect_SslModeRequire_ServerSeesTls()
    {
        await using var driver = Driver(WithQuery(_database, "sslmode=require"));

        var tls = await ServerSeesTlsAsync(driver);

        Assert.Multiple(() =>
        {
            Assert.That(driver.Datasource.Tls, Is.EqualTo(DatasourceTls.Require));
            Assert.That(tls, Is.True);
        });
    }

    [Test]
    public async Task Connect_SslModeDisable_ServerSeesPlainConnection()
    {
        await using var driver = Driver(WithQuery(_database, "sslmode=disable"));

        var tls = await ServerSeesTlsAsync(driver);

        Assert.Multiple(() =>
        {
            Assert.That(driver.Datasource.Tls, Is.EqualTo(DatasourceTls.Disable));
            Assert.That(tls, Is.False);
        });
    }

    [Test]
    public async Task Connect_NoSslMode_PrefersTlsWhenTheServerOffersIt()
    {
        await using var driver = Driver(_database);

        var tls = await ServerSeesTlsAsync(driver);

        Assert.Multiple(() =>
        {
            Assert.That(driver.Datasource.Tls, Is.EqualTo(DatasourceTls.Prefer));
            Assert.That(tls, Is.True);
        });
    }

    [TestCase("127.0.0.1")]
    [TestCase("localhost")]
    public async Task Connect_VerifyFullWithTheServersCaInTheUrl_Connects(string host)
    {
        var url = WithQuery(WithHost(_database, host), $"sslmode=verify-full&sslrootcert={Uri.EscapeDataString(_ca)}");
        await using var driver = Driver(url);

        var schema = await driver.Schema.ReadSchemaAsync().WaitAsync(HangGuard);
        var tls = await ServerSeesTlsAsync(driver);

        Assert.Multiple(() =>
        {
            Assert.That(schema, Is.Not.Null);
            Assert.That(driver.Datasource.Tls, Is.EqualTo(DatasourceTls.VerifyFull));
            Assert.That(tls, Is.True);
        });
    }

    [Test]
    public async Task Connect_VerifyFullWithTheServersCaInTheOptions_Connects()
    {
        await using var driver = Driver(WithQuery(_database, "sslmode=disable"), o => (o.SslMode, o.SslRootCert) = ("verify-full", _ca));

        var tls = await ServerSeesTlsAsync(driver);

        Assert.Multiple(() =>
        {
            Assert.That(driver.Datasource.Tls, Is.EqualTo(DatasourceTls.VerifyFull), "the options override the URL");
            Assert.That(tls, Is.True);
        });
    }

    [TestCase("verify-full", "verify-full", null)]
    [TestCase("verify-ca", "verify-ca", null)]
    [TestCase("require", "require", "the server's certificate is not verified")]
    [TestCase("prefer", "prefer", "not guaranteed to be encrypted")]
    [TestCase("disable", "disable", "not guaranteed to be encrypted")]
    public async Task Discovery_DataService_ReportsTheDriverAndTlsModeButNotWhereTheDatabaseIs(string mode, string reported, string? warning)
    {
        var url = WithQuery(_database, $"sslmode={mode}&sslrootcert={Uri.EscapeDataString(_ca)}");
        await using var host = await FaultTestHost.StartAsync(new JsonObject { ["url"] = url }, environment: "Production");
        using var client = host.Client(user: null);

        var discovery = await client.GetFromJsonAsync<JsonObject>(new Uri("/api/v1/discovery", UriKind.Relative));

        var data = discovery!["services"]!["data"]!;
        var endpoint = new Uri(_database);
        Assert.Multiple(() =>
        {
            Assert.That(data["status"]!.GetValue<string>(), Is.EqualTo("available"));
            Assert.That(data["driver"]!.GetValue<string>(), Is.EqualTo("postgres"));
            Assert.That(data["tls"]!.GetValue<string>(), Is.EqualTo(reported));
            Assert.That(discovery.ToJsonString(), Does.Not.Contain(endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Not.Contain(endpoint.AbsolutePath.Trim('/')).And.Not.Contain(endpoint.Host),
                "anonymous callers learn how the database is reached, not where it is");
            Assert.That(host.Logs.Lines, Has.Some.Contains($"datasource postgres at postgres://postgres@{endpoint.Host}:{endpoint.Port}{endpoint.AbsolutePath}, TLS {reported}."));
            var warnings = host.Logs.Lines.Where(l => l.Contains("not guaranteed to be encrypted", StringComparison.Ordinal) || l.Contains("certificate is not verified", StringComparison.Ordinal)).ToList();
            Assert.That(warnings, warning is null ? Is.Empty : Has.Exactly(1).Contains(warning), "production warns when TLS can be skipped or the server is not verified");
        });
    }

    [TestCase("verify-full", DatasourceTls.VerifyFull)]
    [TestCase("verify-ca", DatasourceTls.VerifyCa)]
    public async Task Connect_VerifyWithAnotherCa_FailsUnavailable(string mode, DatasourceTls expected)
    {
        await using var driver = Driver(WithQuery(_database, $"sslmode={mode}&sslrootcert={Uri.EscapeDataString(_otherCa)}"));

        var ex = Fails(driver);

        Assert.Multiple(() =>
        {
            Assert.That(driver.Datasource.Tls, Is.EqualTo(expected));
            Assert.That(ex.Code, Is.EqualTo(DataErrorCode.Unavailable));
            Assert.That(Chain(ex), Has.Some.InstanceOf<AuthenticationException>(), "the handshake refused the certificate");
        });
    }

    [Test]
    public async Task Connect_VerifyFullForANameNotInTheCertificate_FailsUnavailable()
    {
        // The server listens on 127.0.0.1 only; a proxy on 127.0.0.2 reaches it under an address its certificate
        // does not name, so only the host name check differs between the three connections below.
        await using var proxy = TcpProxy.For(TestDatabase.AdminUrl, IPAddress.Parse("127.0.0.2"));
        proxy.Start();
        var viaProxy = new UriBuilder(_database) { Host = "127.0.0.2", Port = proxy.Port }.Uri.ToString();
        var ca = Uri.EscapeDataString(_ca);

        await using var unverified = Driver(WithQuery(viaProxy, "sslmode=require"));
        await using var chainOnly = Driver(WithQuery(viaProxy, $"sslmode=verify-ca&sslrootcert={ca}"));
        await using var full = Driver(WithQuery(viaProxy, $"sslmode=verify-full&sslrootcert={ca}"));

        Assert.That(await ServerSeesTlsAsync(unverified), Is.True, "the proxy reaches the server");
        Assert.That(await ServerSeesTlsAsync(chainOnly), Is.True, "verify-ca checks the chain, not the name");
        var ex = Fails(full);
        Assert.Multiple(() =>
        {
            Assert.That(ex.Code, Is.EqualTo(DataErrorCode.Unavailable));
            Assert.That(Chain(ex), Has.Some.InstanceOf<AuthenticationException>(), "the handshake refused the host name");
        });
    }

    [TestCase("verify-full")]
    [TestCase("require")]
    public void Options_SslRootCertMissing_RefusedNamingTheFile(string mode)
    {
        var missing = Path.Combine(_folder, "no-such-ca.crt");
        var options = Options(WithQuery(_database, $"sslmode={mode}&sslrootcert={Uri.EscapeDataString(missing)}"));

        var problems = options.Validate();
        var ex = Assert.Throws<ArgumentException>(() => _ = new PostgresDataDriver(options));

        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.Exactly(1).Contains(missing));
            Assert.That(ex!.Message, Does.Contain(missing));
        });
    }

    private static PostgresDriverOptions Options(string url, Action<PostgresDriverOptions>? change = null)
    {
        var options = new PostgresDriverOptions { Url = url, ConnectTimeoutSeconds = 3, Retries = 0 };
        change?.Invoke(options);
        return options;
    }

    private static PostgresDataDriver Driver(string url, Action<PostgresDriverOptions>? change = null)
    {
        var options = Options(url, change);
        Assert.That(options.Validate(), Is.Empty);
        return new PostgresDataDriver(options);
    }

    private static async Task<bool> ServerSeesTlsAsync(PostgresDataDriver driver)
    {
        await using var connection = await driver.OpenConnectionAsync(string.Empty, CancellationToken.None).WaitAsync(HangGuard);
        await using var command = new NpgsqlCommand("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static DataOperationException Fails(PostgresDataDriver driver) =>
        Assert.ThrowsAsync<DataOperationException>(() => driver.Schema.ReadSchemaAsync().WaitAsync(HangGuard))!;

    private static IEnumerable<Exception> Chain(Exception ex)
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }

    private static string WithHost(string url, string host) => new UriBuilder(url) { Host = host }.Uri.ToString();

    private static string WithQuery(string url, string query) => new UriBuilder(url) { Query = query }.Uri.ToString();

    private static string CreateCertificateAuthorityPem(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return certificate.ExportCertificatePem();
    }
}
