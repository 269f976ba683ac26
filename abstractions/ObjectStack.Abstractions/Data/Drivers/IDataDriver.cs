namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>
/// A datasource: opens sessions that read and write rows, and manages the schema. A driver plugin registers one
/// as a singleton; the engine owns validation, access and interceptors, so a driver only stores and fetches.
/// </summary>
/// <remarks>
/// Drivers receive metadata-checked identifiers and typed values only, and must render them as quoted identifiers
/// and bound parameters. Every driver passes the conformance suite in <c>ObjectStack.Abstractions.Testing</c>.
/// </remarks>
public interface IDataDriver
{
    /// <summary>Gets the driver name reported by discovery, such as <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Gets what the datasource is and how it is reached (without credentials), for discovery and
    /// diagnostics.</summary>
    DatasourceDescription Datasource { get; }

    /// <summary>Gets the schema manager.</summary>
    ISchemaManager Schema { get; }

    /// <summary>Opens a session.</summary>
    /// <param name="writable">True for a write transaction (which holds the database's write lock where it has one);
    /// false for a read-only session with a consistent snapshot.</param>
    /// <param name="cancellationToken">Cancels waiting for a connection or the write lock.</param>
    /// <returns>The session; disposing it without a commit rolls back.</returns>
    /// <exception cref="DataOperationException">With <see cref="DataErrorCode.Unavailable"/> when the database cannot be reached.</exception>
    Task<IDriverSession> OpenSessionAsync(bool writable, CancellationToken cancellationToken = default);
}
