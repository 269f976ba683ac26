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

    /// <inheritdoc />
    public override async Task<JsonObject> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        new() { ["url"] = await TestDatabase.CreateAsync(cancellationToken) };

    /// <inheritdoc />
    public override Task DropDatabaseAsync(JsonObject options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return TestDatabase.DropAsync((string)options["url"]!, cancellationToken);
    }
}
