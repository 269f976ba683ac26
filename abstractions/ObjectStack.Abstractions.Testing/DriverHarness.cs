using System.Reflection;
using System.Text.Json.Nodes;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// What a driver author supplies to run the conformance suite: the driver plugin, and fresh empty databases for it.
/// </summary>
/// <remarks>
/// <para>
/// The fixtures create one instance per fixture class (hence the public parameterless constructor) and ask it for a
/// database whenever they start a host: once per fixture, or once per test where a test needs a clean database.
/// </para>
/// <para>
/// The driver is loaded as an in-process plugin (<see cref="Hosting.ObjectStackOptions.InProcessPlugins"/>), so the
/// test project references the driver project directly, and the host enables it as
/// <c>{ "id": PluginId, "options": ... }</c> with the options <see cref="CreateDatabaseAsync"/> returned.
/// </para>
/// </remarks>
public abstract class DriverHarness
{
    /// <summary>Gets the id of the driver plugin, such as <c>objectstack.driver.sqlite</c>.</summary>
    public abstract string PluginId { get; }

    /// <summary>Gets the driver's plugin assembly, the one declaring <c>[assembly: ObjectStackPlugin(...)]</c>.</summary>
    public abstract Assembly PluginAssembly { get; }

    /// <summary>Creates a fresh, empty database.</summary>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The plugin's <c>options</c> object pointing at the new database. The suite never changes it.</returns>
    public abstract Task<JsonObject> CreateDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> created. Called after every host on it has stopped.</summary>
    /// <param name="options">The options <see cref="CreateDatabaseAsync"/> returned for it.</param>
    /// <param name="cancellationToken">Cancels the drop.</param>
    /// <returns>A task that completes when the database is gone.</returns>
    public abstract Task DropDatabaseAsync(JsonObject options, CancellationToken cancellationToken);
}
