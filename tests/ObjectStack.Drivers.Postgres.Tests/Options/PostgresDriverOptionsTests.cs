using System.Reflection;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Drivers.Postgres.Tests.Options;

/// <summary>What <see cref="PostgresDriverOptions.Validate"/> accepts and refuses: every range at both bounds, the
/// schema name, the URL, and that every problem is listed at once without the password.</summary>
[TestFixture]
public sealed class PostgresDriverOptionsTests
{
    private const string Password = "s3cr3t-P@ss";

    [Test]
    public void Defaults_AreTheDocumentedValuesAndValid()
    {
        var options = Valid();

        Assert.Multiple(() =>
        {
            Assert.That(options.Schema, Is.EqualTo("public"));
            Assert.That(options.MaxPoolSize, Is.EqualTo(20));
            Assert.That(options.MinPoolSize, Is.Zero);
            Assert.That(options.AcquireTimeoutMs, Is.EqualTo(5000));
            Assert.That(options.ConnectTimeoutSeconds, Is.EqualTo(5));
            Assert.That(options.CommandTimeoutSeconds, Is.EqualTo(30));
            Assert.That(options.SslMode, Is.Null);
            Assert.That(options.SslRootCert, Is.Null);
            Assert.That(options.Retries, Is.EqualTo(2));
            Assert.That(options.RetryDelayMs, Is.EqualTo(100));
            Assert.That(options.BreakDurationMs, Is.EqualTo(5000));
            Assert.That(options.BreakFailureRatio, Is.EqualTo(0.5));
            Assert.That(options.BreakMinimumThroughput, Is.EqualTo(4));
            Assert.That(options.Validate(), Is.Empty);
        });
    }

    [Test]
    public void Keys_NameEverySettableOption()
    {
        var properties = typeof(PostgresDriverOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]);

        Assert.That(PostgresDriverOptions.Keys, Is.EquivalentTo(properties));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Validate_NoUrl_RequiresIt(string? url)
    {
        var problems = Valid(o => o.Url = url).Validate();

        Assert.That(problems, Has.Exactly(1).Contains("'url' is required").And.Contains("OS_DATABASE_URL"));
    }

    [TestCase("maxPoolSize", 1, 1000)]
    [TestCase("acquireTimeoutMs", 1, 600_000)]
    [TestCase("connectTimeoutSeconds", 1, 600)]
    [TestCase("commandTimeoutSeconds", 1, 3600)]
    [TestCase("retries", 0, 10)]
    [TestCase("retryDelayMs", 1, 60_000)]
    [TestCase("breakDurationMs", 500, 600_000)]
    [TestCase("breakMinimumThroughput", 2, 1000)]
    public void Validate_IntegerOption_AcceptsBothBoundsAndRefusesBeyondThem(string name, int min, int max)
    {
        var message = $"'{name}' must be between {min} and {max}.";

        Assert.Multiple(() =>
        {
            Assert.That(Valid(o => Set(o, name, min)).Validate(), Is.Empty, $"{name} = {min}");
            Assert.That(Valid(o => Set(o, name, max)).Validate(), Is.Empty, $"{name} = {max}");
            Assert.That(Valid(o => Set(o, name, min - 1)).Validate(), Is.EqualTo(new[] { message }), $"{name} = {min - 1}");
            Assert.That(Valid(o => Set(o, name, max + 1)).Validate(), Is.EqualTo(new[] { message }), $"{name} = {max + 1}");
        });
    }

    [TestCase(int.MinValue)]
    [TestCase(int.MaxValue)]
    public void Validate_ExtremeIntegers_AreRefusedNotOverflowed(int value)
    {
        var problems = Valid(o =>
        {
            o.MaxPoolSize = value;
            o.ConnectTimeoutSeconds = value;
            o.Retries = value;
        }).Validate();

        Assert.That(problems, Has.Some.Contains("'maxPoolSize'").And.Some.Contains("'connectTimeoutSeconds'").And.Some.Contains("'retries'"));
    }

    [Test]
    public void Validate_MinPoolSize_IsBoundedByZeroAndMaxPoolSize()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Valid(o => o.MinPoolSize = 0).Validate(), Is.Empty);
            Assert.That(Valid(o => (o.MaxPoolSize, o.MinPoolSize) = (8, 8)).Validate(), Is.Empty);
            Assert.That(Valid(o => o.MinPoolSize = -1).Validate(), Is.EqualTo(new[] { "'minPoolSize' must be between 0 and 20." }));
            Assert.That(Valid(o => (o.MaxPoolSize, o.MinPoolSize) = (8, 9)).Validate(), Is.EqualTo(new[] { "'minPoolSize' must be between 0 and 8." }));
        });
    }

    [TestCase(1e-9)]
    [TestCase(0.5)]
    [TestCase(1.0)]
    public void Validate_BreakFailureRatioWithinRange_IsAccepted(double ratio) =>
        Assert.That(Valid(o => o.BreakFailureRatio = ratio).Validate(), Is.Empty);

    [TestCase(0.0)]
    [TestCase(-0.1)]
    [TestCase(1.0001)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void Validate_BreakFailureRatioOutOfRange_IsRefused(double ratio) =>
        Assert.That(Valid(o => o.BreakFailureRatio = ratio).Validate(), Is.EqualTo(new[] { "'breakFailureRatio' must be greater than 0 and at most 1." }));

    [TestCase("public")]
    [TestCase("crm_2")]
    [TestCase("_private")]
    [TestCase("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Validate_LowerCaseIdentifierSchema_IsAccepted(string schema) =>
        Assert.That(Valid(o => o.Schema = schema).Validate(), Is.Empty);

    [TestCase("")]
    [TestCase("Public")]
    [TestCase("2crm")]
    [TestCase("crm-app")]
    [TestCase("crm\"; DROP SCHEMA public; --")]
    [TestCase("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Validate_OtherSchema_IsRefused(string schema) =>
        Assert.That(Valid(o => o.Schema = schema).Validate(), Is.EqualTo(new[] { "'schema' must be a lower-case identifier such as 'public'." }));

    [Test]
    public void Validate_InvalidSslMode_IsRefused() =>
        Assert.That(Valid(o => o.SslMode = "verify_full").Validate(), Has.Exactly(1).Contains("'sslMode' must be one of"));

    [Test]
    public void Validate_MissingSslRootCert_NamesTheFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), "os-missing-" + Guid.NewGuid().ToString("N") + ".crt");

        var problems = Valid(o => (o.SslMode, o.SslRootCert) = ("verify-full", missing)).Validate();

        Assert.That(problems, Has.Exactly(1).Contains(missing));
    }

    [Test]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var problems = new PostgresDriverOptions
        {
            Url = $"postgres://app:{Uri.EscapeDataString(Password)}@db/crm?sslmode=sometimes",
            Schema = "Bad Schema",
            MaxPoolSize = 0,
            Retries = 11,
            BreakFailureRatio = 2,
        }.Validate();

        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.Count.EqualTo(5));
            Assert.That(problems, Has.Some.Contains("'url'").And.Some.Contains("'schema'").And.Some.Contains("'maxPoolSize'")
                .And.Some.Contains("'retries'").And.Some.Contains("'breakFailureRatio'"));
            Assert.That(problems, Has.None.Contains("s3cr3t"));
        });
    }

    [TestCase("postgres://app:s3cr3t-P%40ss@db:notaport/crm")]
    [TestCase("postgres://app:s3cr3t-P@ss@db/crm?unknown=1")]
    [TestCase("postgres://app:s3cr3t-P%40ss@/crm")]
    [TestCase("Host=db;Password=s3cr3t-P@ss;Port=x")]
    [TestCase("Host=db;Password='s3cr3t-P@ss")]
    public void Validate_MalformedUrlWithPassword_ProblemNeverContainsThePassword(string url)
    {
        var problems = Valid(o => o.Url = url).Validate();

        Assert.Multiple(() =>
        {
            Assert.That(problems, Has.Exactly(1).Contains("'url'"));
            Assert.That(problems, Has.None.Contains("s3cr3t"));
            Assert.That(problems, Has.None.Contains("P@ss"));
        });
    }

    [Test]
    public void Driver_InvalidOptions_RefusesToStartWithoutThePassword()
    {
        var options = Valid(o => o.Url = $"postgres://app:{Uri.EscapeDataString(Password)}@db/crm?sslmode=sometimes");

        var ex = Assert.Throws<ArgumentException>(() => _ = new PostgresDataDriver(options));

        Assert.That(ex!.Message, Does.Contain("sslmode 'sometimes'").And.Not.Contain("s3cr3t"));
    }

    [Test]
    public void Driver_ValidOptions_DescribesTheDatasourceWithoutThePassword()
    {
        using var driver = new PostgresDataDriver(Valid(o => (o.Url, o.SslMode) = ($"postgres://app:{Uri.EscapeDataString(Password)}@db:6000/crm", "verify-ca")));

        Assert.Multiple(() =>
        {
            Assert.That(driver.Datasource, Is.EqualTo(new DatasourceDescription("postgres", "postgres://app@db:6000/crm", DatasourceTls.VerifyCa)));
            Assert.That(driver.Name, Is.EqualTo("postgres"));
        });
    }

    private static PostgresDriverOptions Valid(Action<PostgresDriverOptions>? change = null)
    {
        var options = new PostgresDriverOptions { Url = "postgres://app@db/crm" };
        change?.Invoke(options);
        return options;
    }

    private static void Set(PostgresDriverOptions options, string name, int value) =>
        typeof(PostgresDriverOptions).GetProperty(char.ToUpperInvariant(name[0]) + name[1..])!.SetValue(options, value);
}
