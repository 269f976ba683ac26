using ObjectStack.Hosting.Composition;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Loading;

namespace ObjectStack.Hosting.Tests.Composition;

/// <summary>
/// Exactly one data driver: the embedded SQLite driver when none is enabled, PostgreSQL when <c>OS_DATABASE_URL</c>
/// or the default datasource names it, and a clear refusal for two.
/// </summary>
public sealed class DataDriverChoiceTests
{
    private const string Sqlite = "objectstack.driver.sqlite";

    [Test]
    public void Resolve_NoDriverEnabledAndSqlitePresent_AddsSqliteAutomatically()
    {
        var plan = Resolve("""{ "plugins": [] }""", "ObjectStack.Drivers.Sqlite");

        var sqlite = plan.Plugins.Single(p => p.Candidate.Manifest.Id == Sqlite);
        Assert.That(sqlite.AddedAutomatically, Is.True);
        Assert.That(sqlite.Reason, Does.Contain("no data driver is enabled"));
    }

    [Test]
    public void Resolve_AnotherDriverEnabled_DoesNotAddSqlite()
    {
        var plan = Resolve("""{ "plugins": ["fixtures.fake-driver"] }""", "ObjectStack.Drivers.Sqlite", "Fixture.FakeDriverPlugin");

        Assert.That(plan.Plugins.Select(p => p.Candidate.Manifest.Id), Is.EqualTo(new[] { "fixtures.fake-driver" }));
    }

    [Test]
    public void Resolve_NoDriverAnywhere_AddsNothing()
    {
        var plan = Resolve("""{ "plugins": [] }""");

        Assert.That(plan.Plugins, Is.Empty);
    }

    [Test]
    public void Resolve_TwoDriversEnabled_FailsNamingBoth()
    {
        var exception = Assert.Throws<PluginCompositionException>(
            () => Resolve("""{ "plugins": ["objectstack.driver.sqlite", "fixtures.fake-driver"] }""", "ObjectStack.Drivers.Sqlite", "Fixture.FakeDriverPlugin"));

        Assert.That(exception!.Message, Does.Contain("'fixtures.fake-driver'").And.Contain("'objectstack.driver.sqlite'").And.Contain("exactly one data driver"));
    }

    [Test]
    public void Resolve_DatabaseUrlAndNoDriverEnabled_AddsPostgresWithTheUrl()
    {
        var plan = ResolveWithUrl("""{ "plugins": [] }""", "postgres://app:pw@db.example:5432/crm");

        var postgres = plan.Plugins.Single(p => p.Candidate.Manifest.Id == Postgres);
        Assert.That(postgres.AddedAutomatically, Is.True);
        Assert.That(postgres.Reason, Does.Contain("OS_DATABASE_URL"));
        Assert.That(postgres.Options!.Value.GetProperty("url").GetString(), Is.EqualTo("postgres://app:pw@db.example:5432/crm"));
        Assert.That(plan.Plugins.Select(p => p.Candidate.Manifest.Id), Does.Not.Contain(Sqlite));
    }

    [Test]
    public void Resolve_DatabaseUrl_OverridesTheConfiguredUrlAndKeepsOtherOptions()
    {
        var plan = ResolveWithUrl(
            """{ "plugins": [ { "id": "objectstack.driver.postgres", "options": { "url": "postgres://file@db/file", "maxPoolSize": 7 } } ] }""",
            "postgres://env@db/env");

        var options = plan.Plugins.Single(p => p.Candidate.Manifest.Id == Postgres).Options!.Value;
        Assert.That(options.GetProperty("url").GetString(), Is.EqualTo("postgres://env@db/env"));
        Assert.That(options.GetProperty("maxPoolSize").GetInt32(), Is.EqualTo(7));
    }

    [Test]
    public void Resolve_DatabaseUrlBesideSqliteEnabled_FailsNamingTheVariable()
    {
        var exception = Assert.Throws<PluginCompositionException>(() => ResolveWithUrl("""{ "plugins": ["objectstack.driver.sqlite"] }""", "postgres://db/x"));

        Assert.That(exception!.Message, Does.Contain("OS_DATABASE_URL").And.Contain(Sqlite));
    }

    [Test]
    public void Resolve_DefaultPostgresDatasource_EnablesPostgresWithItsOptions()
    {
        var plan = Resolve("""
            { "datasources": [ { "name": "default", "driver": "postgres", "config": { "url": "postgres://app@db/crm" },
                                 "pool": { "max": 12, "min": 2 }, "ssl": { "mode": "verify-full", "ca": "/etc/ssl/db-ca.pem" } } ] }
            """, "ObjectStack.Drivers.Sqlite", "ObjectStack.Drivers.Postgres");

        var postgres = plan.Plugins.Single(p => p.Candidate.Manifest.Id == Postgres);
        var options = postgres.Options!.Value;
        Assert.Multiple(() =>
        {
            Assert.That(plan.Plugins.Select(p => p.Candidate.Manifest.Id), Does.Not.Contain(Sqlite));
            Assert.That(options.GetProperty("url").GetString(), Is.EqualTo("postgres://app@db/crm"));
            Assert.That(options.GetProperty("maxPoolSize").GetInt32(), Is.EqualTo(12));
            Assert.That(options.GetProperty("minPoolSize").GetInt32(), Is.EqualTo(2));
            Assert.That(options.GetProperty("sslMode").GetString(), Is.EqualTo("verify-full"));
            Assert.That(options.GetProperty("sslRootCert").GetString(), Is.EqualTo("/etc/ssl/db-ca.pem"));
        });
    }

    [Test]
    public void Read_DatasourceWithHostParts_BuildsAConnectionStringThatQuotesThePassword()
    {
        var configuration = StackConfigurationReader.Read("""
            { "datasources": { "default": { "driver": "postgres", "config": { "host": "db", "port": 6543, "database": "crm", "user": "app", "password": "p;w=\"x" } } } }
            """);

        var url = configuration.Plugins.Single().Options!.Value.GetProperty("url").GetString()!;
        var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = url };
        Assert.Multiple(() =>
        {
            Assert.That(parsed["Host"], Is.EqualTo("db"));
            Assert.That(parsed["Port"], Is.EqualTo("6543"));
            Assert.That(parsed["Password"], Is.EqualTo("p;w=\"x"));
        });
    }

    [TestCase("""{ "datasources": [ { "driver": "postgres" }, { "name": "b", "driver": "sqlite" } ] }""", "serves one")]
    [TestCase("""{ "datasources": [ { "name": "crm", "driver": "postgres" } ] }""", "must be named 'default'")]
    [TestCase("""{ "datasources": [ { "driver": "mongo" } ] }""", "'mongo' is not a driver")]
    [TestCase("""{ "datasources": [ { "driver": "postgres", "config": { "hostname": "x" } } ] }""", "hostname")]
    [TestCase("""{ "datasources": [ { "driver": "postgres", "ssl": "yes" } ] }""", "must be true, false or an object")]
    [TestCase("""{ "datasources": "postgres" }""", "must be an array of datasources")]
    [TestCase("""{ "plugins": [ { "id": "objectstack.driver.postgres", "options": { "url": "x" } } ], "datasources": [ { "driver": "postgres" } ] }""", "configure the datasource in one place")]
    public void Read_InvalidDatasources_FailWithThePath(string json, string message)
    {
        var exception = Assert.Throws<ObjectStackConfigurationException>(() => StackConfigurationReader.Read(json));

        Assert.That(exception!.Message, Does.Contain(message).And.Contain("$.datasources").Or.Contain("$.plugins"));
    }

    private const string Postgres = "objectstack.driver.postgres";

    private static PluginPlan ResolveWithUrl(string configuration, string databaseUrl) =>
        PluginSetResolver.Resolve(Catalog("ObjectStack.Drivers.Sqlite", "ObjectStack.Drivers.Postgres"), StackConfigurationReader.Read(configuration), databaseUrl);

    private static PluginPlan Resolve(string configuration, params string[] folders) =>
        PluginSetResolver.Resolve(Catalog(folders), StackConfigurationReader.Read(configuration));

    private static PluginCatalog Catalog(params string[] folders)
    {
        var fixtures = Path.Combine(TestContext.CurrentContext.TestDirectory, "fixtures");
        return PluginCatalog.Discover(folders.Select(f => new PluginSearchPath(Path.Combine(fixtures, f), MustExist: true)), []);
    }
}
