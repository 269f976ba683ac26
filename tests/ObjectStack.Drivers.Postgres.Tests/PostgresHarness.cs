using System.Reflection;
using System.Text.Json.Nodes;
using ObjectStack.Abstractions.Testing;

namespace ObjectStack.Drivers.Postgres.Tests;

/// <summary>The PostgreSQL driver under the conformance suite: each database is a fresh database on the test server.</summary>
public sealed class PostgresHarness : DriverHarness
{
    /// <inheritdoc />
    public override string PluginId => "objectstack.driver.postgres";

    /// <inheritdoc />
    public override Assembly PluginAssembly => typeof(PostgresDriverPlugin).Assembly;

    /// <summary>A password in every URL the suite uses. The test server trusts loopback connections and never asks for
    /// it; it is there so the suite can check that no description or error repeats it.</summary>
    public const string SentinelPassword = "sentinel-Pw-7f3a";

    /// <inheritdoc />
    public override async Task<JsonObject> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        new() { ["url"] = new UriBuilder(await TestDatabase.CreateAsync(cancellationToken)) { Password = SentinelPassword }.Uri.ToString() };

    /// <inheritdoc />
    public override Task DropDatabaseAsync(JsonObject options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TestDatabase.DropAsync((string)options["url"]!, cancellationToken);
    }
}
