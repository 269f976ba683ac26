namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>
/// How a driver protects the connection to its database, on libpq's ladder (each step guarantees at least what the
/// one before it does). Drivers of other databases map their own settings onto the closest step that they fully
/// guarantee. Discovery reports it in kebab case (<c>verify-full</c>); <c>os doctor</c> judges it.
/// </summary>
public enum DatasourceTls
{
    /// <summary>The database runs inside the process (SQLite): no network hop to protect.</summary>
    Embedded,

    /// <summary>Plain text; TLS is never attempted.</summary>
    Disable,

    /// <summary>Plain text first; TLS only if the server insists.</summary>
    Allow,

    /// <summary>TLS if the server offers it, else plain text: no guarantee against a downgrade.</summary>
    Prefer,

    /// <summary>Always encrypted; the server's certificate is not verified.</summary>
    Require,

    /// <summary>Always encrypted; the certificate must chain to a trusted CA.</summary>
    VerifyCa,

    /// <summary>Always encrypted; the certificate must chain to a trusted CA and name the host connected to.</summary>
    VerifyFull,
}
