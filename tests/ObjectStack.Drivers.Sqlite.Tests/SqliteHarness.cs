using System.Reflection;
using System.Text.Json.Nodes;
using ObjectStack.Abstractions.Testing;

namespace ObjectStack.Drivers.Sqlite.Tests;

/// <summary>The SQLite driver under the conformance suite: each database is a file in a temporary folder of its own.</summary>
public sealed class SqliteHarness : DriverHarness
{
    /// <inheritdoc />
    public override string PluginId => "objectstack.driver.sqlite";

    /// <inheritdoc />
    public override Assembly PluginAssembly => typeof(SqliteDriverPlugin).Assembly;

    /// <inheritdoc />
    public override Task<JsonObject> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "objectstack-tests", "sqlite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Task.FromResult(new JsonObject { ["path"] = Path.Combine(folder, "data.db") });
    }

    /// <inheritdoc />
    public override Task DropDatabaseAsync(JsonObject options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var folder = Path.GetDirectoryName((string)options["path"]!)!;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection closing late may still hold the file for a moment; the temporary folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }
}
