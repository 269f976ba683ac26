using Npgsql;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Drivers.Postgres.Tests.Options;

/// <summary>How <see cref="PostgresConnectionString"/> reads URLs and key=value strings, and that no error or
/// description ever repeats the password.</summary>
[TestFixture]
public sealed class PostgresConnectionStringTests
{
    private const string Password = "s3cr3t-P@ss";

    [TestCase("postgres")]
    [TestCase("postgresql")]
    [TestCase("POSTGRES")]
    public void TryBuild_Url_ReadsUserPasswordHostPortAndDatabase(string scheme)
    {
        var builder = Build($"{scheme}://app:pw@db.example.com:6543/crm");

        Assert.Multiple(() =>
        {
            Assert.That(builder.Username, Is.EqualTo("app"));
            Assert.That(builder.Password, Is.EqualTo("pw"));
            Assert.That(builder.Host, Is.EqualTo("db.example.com"));
            Assert.That(builder.Port, Is.EqualTo(6543));
            Assert.That(builder.Database, Is.EqualTo("crm"));
        });
    }

    [Test]
    public void TryBuild_PercentEncodedUserAndPassword_AreDecoded()
    {
        var builder = Build("postgres://app%40corp:s3cr3t%40P%3Ass%2Fx%25y@db/crm");

        Assert.Multiple(() =>
        {
            Assert.That(builder.Username, Is.EqualTo("app@corp"));
            Assert.That(builder.Password, Is.EqualTo("s3cr3t@P:ss/x%y"));
            Assert.That(builder.Host, Is.EqualTo("db"));
        });
    }

    [Test]
    public void TryBuild_PercentEncodedDatabase_IsDecoded() =>
        Assert.That(Build("postgres://app@db/my%20crm").Database, Is.EqualTo("my crm"));

    [Test]
    public void TryBuild_UrlWithoutPort_UsesDefaultPort() =>
        Assert.That(Build("postgres://app@db/crm").Port, Is.EqualTo(5432));

    [Test]
    public void TryBuild_UrlWithoutUserOrDatabase_LeavesThemUnset()
    {
        var builder = Build("postgres://db:5433");

        Assert.Multiple(() =>
        {
            Assert.That(builder.Username, Is.Null);
            Assert.That(builder.Password, Is.Null);
            Assert.That(builder.Database, Is.Null);
            Assert.That(builder.Port, Is.EqualTo(5433));
        });
    }

    [Test]
    public void TryBuild_UserWithoutPassword_HasNoPassword()
    {
        var builder = Build("postgres://app@db/crm");

        Assert.Multiple(() =>
        {
            Assert.That(builder.Username, Is.EqualTo("app"));
            Assert.That(builder.Password, Is.Null);
        });
    }

    [TestCase("postgres://app@[::1]:5433/crm", "::1", 5433)]
    [TestCase("postgres://app@[2001:db8::17]/crm", "2001:db8::17", 5432)]
    public void TryBuild_Ipv6HostInBrackets_IsReadWithoutBrackets(string url, string host, int port)
    {
        var builder = Build(url);

        Assert.Multiple(() =>
        {
            Assert.That(builder.Host, Is.EqualTo(host));
            Assert.That(builder.Port, Is.EqualTo(port));
            Assert.That(builder.Database, Is.EqualTo("crm"));
        });
    }

    [TestCase("postgres://app@[::1]:5433/crm", "postgres://app@[::1]:5433/crm")]
    [TestCase("postgres://app:pw@[2001:db8::17]/crm", "postgres://app@[2001:db8::17]:5432/crm")]
    [TestCase("postgres://app:pw@db.internal/crm", "postgres://app@db.internal:5432/crm")]
    [TestCase("Host=::1;Username=app;Password=pw;Database=crm", "postgres://app@[::1]:5432/crm")]
    [TestCase("Host=[::1];Username=app;Database=crm", "postgres://app@[::1]:5432/crm")]
    [TestCase("Host=db:5433;Username=app;Database=crm", "postgres://app@db:5433/crm")]
    [TestCase("Host=db1, [2001:db8::1]:5434 ,db2:6000;Port=5999;Username=app;Database=crm", "postgres://app@db1:5999,[2001:db8::1]:5434,db2:6000/crm")]
    [TestCase("Host=/var/run/postgresql;Username=app;Password=pw;Database=crm", "postgres://app@/crm?host=/var/run/postgresql")]
    public void Describe_Hosts_AreShownAsInALibpqUrlWithoutThePassword(string url, string expected)
    {
        Assert.That(PostgresConnectionString.Describe(Build(url)), Is.EqualTo(expected));
    }

    [TestCase("disable", DatasourceTls.Disable)]
    [TestCase("allow", DatasourceTls.Allow)]
    [TestCase("prefer", DatasourceTls.Prefer)]
    [TestCase("require", DatasourceTls.Require)]
    [TestCase("verify-ca", DatasourceTls.VerifyCa)]
    [TestCase("verify-full", DatasourceTls.VerifyFull)]
    public void Tls_EverySslMode_MapsToTheSameStepOfTheContract(string value, DatasourceTls expected)
    {
        Assert.That(PostgresConnectionString.Tls(Build($"postgres://app@db/crm?sslmode={value}")), Is.EqualTo(expected));
    }

    [TestCase("Host=/var/run/postgresql;Username=app;Database=crm;SSL Mode=Disable", DatasourceTls.Local)]
    [TestCase("Host=/tmp,/var/run/postgresql;Username=app;Database=crm", DatasourceTls.Local)]
    [TestCase("Host=/var/run/postgresql,db;Username=app;Database=crm;SSL Mode=Disable", DatasourceTls.Disable)]
    public void Tls_UnixSockets_AreLocalOnlyWhenEveryHostIsOne(string value, DatasourceTls expected)
    {
        Assert.That(PostgresConnectionString.Tls(Build(value)), Is.EqualTo(expected));
    }

    [TestCase("disable", SslMode.Disable)]
    [TestCase("allow", SslMode.Allow)]
    [TestCase("prefer", SslMode.Prefer)]
    [TestCase("require", SslMode.Require)]
    [TestCase("verify-ca", SslMode.VerifyCA)]
    [TestCase("verify-full", SslMode.VerifyFull)]
    [TestCase("VERIFY-FULL", SslMode.VerifyFull)]
    public void TryBuild_UrlSslMode_IsApplied(string value, SslMode expected)
    {
        var builder = Build($"postgres://app@db/crm?sslmode={value}");

        Assert.That(builder.SslMode, Is.EqualTo(expected));
    }

    [Test]
    public void TryBuild_NoSslMode_PrefersTls()
    {
        var builder = Build("postgres://app@db/crm");

        Assert.That((builder.SslMode, PostgresConnectionString.Tls(builder)), Is.EqualTo((SslMode.Prefer, DatasourceTls.Prefer)));
    }

    [Test]
    public void TryBuild_InvalidUrlSslMode_FailsNamingTheValueAndTheChoices()
    {
        var error = Fail(new PostgresDriverOptions { Url = "postgres://app@db/crm?sslmode=sometimes" });

        Assert.That(error, Does.Contain("sslmode 'sometimes'").And.Contain("verify-full"));
    }

    [Test]
    public void TryBuild_InvalidSslModeOption_FailsNamingTheOption()
    {
        var error = Fail(new PostgresDriverOptions { Url = "postgres://app@db/crm", SslMode = "always" });

        Assert.That(error, Does.Contain("'sslMode'").And.Contain("verify-full"));
    }

    [Test]
    public void TryBuild_SslModeOption_OverridesTheUrl()
    {
        var builder = Build(new PostgresDriverOptions { Url = "postgres://app@db/crm?sslmode=disable", SslMode = "require" });

        Assert.That(builder.SslMode, Is.EqualTo(SslMode.Require));
    }

    [Test]
    public void TryBuild_UrlSslRootCert_IsApplied()
    {
        var ca = Path.GetTempFileName();
        try
        {
            var builder = Build($"postgres://app@db/crm?sslmode=verify-full&sslrootcert={Uri.EscapeDataString(ca)}");

            Assert.That(builder.RootCertificate, Is.EqualTo(ca));
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [Test]
    public void TryBuild_SslRootCertOption_OverridesTheUrl()
    {
        var ca = Path.GetTempFileName();
        try
        {
            var builder = Build(new PostgresDriverOptions { Url = "postgres://app@db/crm?sslmode=verify-ca&sslrootcert=/nowhere/ca.crt", SslRootCert = ca });

            Assert.That(builder.RootCertificate, Is.EqualTo(ca));
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [TestCase("verify-full")]
    [TestCase("verify-ca")]
    [TestCase("require")]
    [TestCase("prefer")]
    public void TryBuild_SslRootCertMissing_FailsNamingTheFile(string mode)
    {
        var missing = Path.Combine(Path.GetTempPath(), "os-missing-" + Guid.NewGuid().ToString("N"), "ca.crt");

        var fromUrl = Fail(new PostgresDriverOptions { Url = $"postgres://app@db/crm?sslmode={mode}&sslrootcert={Uri.EscapeDataString(missing)}" });
        var fromOption = Fail(new PostgresDriverOptions { Url = "postgres://app@db/crm", SslMode = mode, SslRootCert = missing });

        Assert.Multiple(() =>
        {
            Assert.That(fromUrl, Does.Contain(missing).And.Contain("does not exist"));
            Assert.That(fromOption, Does.Contain(missing).And.Contain("does not exist"));
        });
    }

    [Test]
    public void TryBuild_UrlApplicationName_IsApplied() =>
        Assert.That(Build("postgres://app@db/crm?application_name=crm%20worker").ApplicationName, Is.EqualTo("crm worker"));

    [Test]
    public void TryBuild_NoApplicationName_DefaultsToObjectStack() =>
        Assert.That(Build("postgres://app@db/crm").ApplicationName, Is.EqualTo("objectstack"));

    [TestCase(1)]
    [TestCase(17)]
    [TestCase(600)]
    public void TryBuild_UrlConnectTimeout_IsApplied(int seconds) =>
        Assert.That(Build($"postgres://app@db/crm?connect_timeout={seconds}").Timeout, Is.EqualTo(seconds));

    [Test]
    public void TryBuild_UrlConnectTimeout_WinsOverTheOption() =>
        Assert.That(Build(new PostgresDriverOptions { Url = "postgres://app@db/crm?connect_timeout=17", ConnectTimeoutSeconds = 9 }).Timeout, Is.EqualTo(17));

    [Test]
    public void TryBuild_NoUrlConnectTimeout_UsesTheOption() =>
        Assert.That(Build(new PostgresDriverOptions { Url = "postgres://app@db/crm", ConnectTimeoutSeconds = 9 }).Timeout, Is.EqualTo(9));

    [TestCase("abc")]
    [TestCase("")]
    [TestCase("1.5")]
    [TestCase("-1")]
    [TestCase("0")]
    [TestCase("601")]
    [TestCase("99999999999")]
    public void TryBuild_InvalidUrlConnectTimeout_FailsNamingTheParameter(string value)
    {
        var error = Fail(new PostgresDriverOptions { Url = $"postgres://app:{Uri.EscapeDataString(Password)}@db/crm?connect_timeout={value}" });

        Assert.Multiple(() =>
        {
            Assert.That(error, Does.Contain("connect_timeout must be a whole number of seconds from 1 to 600"));
            Assert.That(error, Does.Not.Contain(Password).And.Not.Contain("s3cr3t"));
        });
    }

    [Test]
    public void TryBuild_EveryParameterTogether_AreAllApplied()
    {
        var ca = Path.GetTempFileName();
        try
        {
            var builder = Build($"postgresql://app:pw@db:6000/crm?sslmode=verify-ca&sslrootcert={Uri.EscapeDataString(ca)}&application_name=etl&connect_timeout=3");

            Assert.Multiple(() =>
            {
                Assert.That(builder.SslMode, Is.EqualTo(SslMode.VerifyCA));
                Assert.That(builder.RootCertificate, Is.EqualTo(ca));
                Assert.That(builder.ApplicationName, Is.EqualTo("etl"));
                Assert.That(builder.Timeout, Is.EqualTo(3));
                Assert.That(builder.Port, Is.EqualTo(6000));
            });
        }
        finally
        {
            File.Delete(ca);
        }
    }

    [TestCase("target_session_attrs=any", "target_session_attrs")]
    [TestCase("password=x", "password")]
    [TestCase("sslmode=require&options=-c%20search_path%3Dx", "options")]
    [TestCase("flag", "flag")]
    public void TryBuild_UnsupportedUrlParameter_FailsNamingIt(string query, string name)
    {
        var error = Fail(new PostgresDriverOptions { Url = $"postgres://app:{Uri.EscapeDataString(Password)}@db/crm?{query}" });

        Assert.Multiple(() =>
        {
            Assert.That(error, Does.Contain($"'{name}' is not supported"));
            Assert.That(error, Does.Contain("sslmode, sslrootcert, application_name or connect_timeout"));
            Assert.That(error, Does.Not.Contain(Password));
        });
    }

    [Test]
    public void TryBuild_KeyValueString_IsRead()
    {
        var builder = Build($"Host=db.example.com;Port=6543;Username=app;Password={Password};Database=crm;SSL Mode=VerifyFull;Application Name=etl");

        Assert.Multiple(() =>
        {
            Assert.That(builder.Host, Is.EqualTo("db.example.com"));
            Assert.That(builder.Port, Is.EqualTo(6543));
            Assert.That(builder.Username, Is.EqualTo("app"));
            Assert.That(builder.Password, Is.EqualTo(Password));
            Assert.That(builder.Database, Is.EqualTo("crm"));
            Assert.That(builder.SslMode, Is.EqualTo(SslMode.VerifyFull));
            Assert.That(builder.ApplicationName, Is.EqualTo("etl"));
        });
    }

    [Test]
    public void TryBuild_Options_AreAppliedOverTheConnectionString()
    {
        var builder = Build(new PostgresDriverOptions
        {
            Url = "Host=db;Maximum Pool Size=99;Command Timeout=1",
            MaxPoolSize = 7,
            MinPoolSize = 2,
            ConnectTimeoutSeconds = 4,
            CommandTimeoutSeconds = 45,
            Schema = "crm",
        });

        Assert.Multiple(() =>
        {
            Assert.That(builder.Pooling, Is.True);
            Assert.That(builder.MaxPoolSize, Is.EqualTo(7));
            Assert.That(builder.MinPoolSize, Is.EqualTo(2));
            Assert.That(builder.Timeout, Is.EqualTo(4));
            Assert.That(builder.CommandTimeout, Is.EqualTo(45));
            Assert.That(builder.SearchPath, Is.EqualTo("crm"));
            Assert.That(builder.IncludeErrorDetail, Is.False, "row values never reach error messages");
        });
    }

    [TestCase("postgres://app:pw@/crm")]
    [TestCase("postgres:///crm")]
    [TestCase("Username=app;Password=pw;Database=crm")]
    [TestCase("Host=;Database=crm")]
    public void TryBuild_NoHost_Fails(string url) =>
        Assert.That(Fail(new PostgresDriverOptions { Url = url }), Does.Contain("'url'"));

    [TestCase("postgres://app@db/crm", "postgres://app@db:5432/crm")]
    [TestCase("postgres://app:pw@db:6000/crm?sslmode=require", "postgres://app@db:6000/crm")]
    [TestCase("Host=db;Username=app;Password=pw;Database=crm", "postgres://app@db:5432/crm")]
    [TestCase("postgres://db/crm", "postgres://db:5432/crm")]
    public void Describe_NamesUserHostPortAndDatabase(string url, string expected) =>
        Assert.That(PostgresConnectionString.Describe(Build(url)), Is.EqualTo(expected));

    [TestCase("postgres://app:s3cr3t-P%40ss@db:6000/crm")]
    [TestCase("postgres://app:s3cr3t-P@ss@db:6000/crm")]
    [TestCase("Host=db;Username=app;Password=s3cr3t-P@ss;Database=crm")]
    [TestCase("Host=db;Username=app;Password='s3cr3t-P@ss';Database=crm")]
    public void Describe_NeverContainsThePassword(string url)
    {
        if (!PostgresConnectionString.TryBuild(new PostgresDriverOptions { Url = url }, out var builder, out var error))
        {
            Assert.That(error, Does.Not.Contain("s3cr3t"));
            return;
        }

        var description = PostgresConnectionString.Describe(builder);
        Assert.Multiple(() =>
        {
            Assert.That(description, Does.Not.Contain("s3cr3t"));
            Assert.That(description, Does.Not.Contain("P@ss").And.Not.Contain("P%40ss"));
            Assert.That(description, Does.Contain("app@"));
        });
    }

    // Malformed inputs that carry the password: whatever the parser complains about, the message keeps no part of it.
    [TestCase("postgres://app:s3cr3t-P@ss@db:notaport/crm")]
    [TestCase("postgres://app:s3cr3t-P%40ss@db:99999/crm")]
    [TestCase("postgres://app:s3cr3t-P%40ss@db/crm?sslmode=sometimes")]
    [TestCase("postgres://app:s3cr3t-P%40ss@db/crm?s3cr3t-P%40ss")]
    [TestCase("postgres://app:s3cr3t-P%40ss@db/crm?connect_timeout=s3cr3t-P%40ss")]
    [TestCase("postgres://app:s3cr3t-P%40ss@[::1/crm")]
    [TestCase("postgres://app:s3cr3t-P%40ss@/crm")]
    [TestCase("postgres://app:s3cr3t-P%40ss@db/crm?sslmode=verify-full&sslrootcert=/nowhere/ca.crt")]
    [TestCase("postgres://app:s3cr3t P@ss@db/crm")]
    [TestCase("Host=db;Password=s3cr3t-P@ss;Port=notaport")]
    [TestCase("Host=db;Password=s3cr3t-P@ss;Port=99999999999")]
    [TestCase("Host=db;Password=s3cr3t-P@ss;Nonsense=1")]
    [TestCase("Host=db;Password='s3cr3t-P@ss")]
    [TestCase("Host=db;Password=\"s3cr3t-P@ss;Database=crm")]
    [TestCase("Host=db;Password=s3cr3t-P@ss;Pooling=s3cr3t-P@ss")]
    [TestCase("Host=db;Password=s3cr3t-P@ss;SSL Mode=s3cr3t-P@ss")]
    [TestCase("Host=db;Password=s3cr3t-P@ss;Timeout=s3cr3t-P@ss")]
    [TestCase("Password=s3cr3t-P@ss;Database=crm")]
    [TestCase("Host=db;Password=s3cr3t-P@ss;s3cr3t-P@ss")]
    [TestCase("s3cr3t-P@ss")]
    [TestCase("postgres:/app:s3cr3t-P@ss@db/crm")]
    public void TryBuild_MalformedWithPassword_ErrorNeverContainsThePassword(string url)
    {
        var error = Fail(new PostgresDriverOptions { Url = url });

        Assert.Multiple(() =>
        {
            Assert.That(error, Is.Not.Empty);
            Assert.That(error, Does.Not.Contain(Password));
            Assert.That(error, Does.Not.Contain("s3cr3t"));
            Assert.That(error, Does.Not.Contain("P@ss").And.Not.Contain("P%40ss"));
        });
    }

    private static NpgsqlConnectionStringBuilder Build(string url) => Build(new PostgresDriverOptions { Url = url });

    private static NpgsqlConnectionStringBuilder Build(PostgresDriverOptions options)
    {
        var built = PostgresConnectionString.TryBuild(options, out var builder, out var error);
        Assert.That(built, Is.True, error);
        return builder!;
    }

    private static string Fail(PostgresDriverOptions options)
    {
        var built = PostgresConnectionString.TryBuild(options, out var builder, out var error);
        Assert.Multiple(() =>
        {
            Assert.That(built, Is.False, "the options should be refused");
            Assert.That(builder, Is.Null);
        });
        return error!;
    }
}
