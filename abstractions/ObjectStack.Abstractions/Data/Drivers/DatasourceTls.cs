namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>
/// How a driver protects the connection to its database. The network steps follow libpq's <c>sslmode</c> ladder, from
/// <see cref="Disable"/> to <see cref="VerifyFull"/>: each guarantees at least what the one before it does. Drivers
/// of other databases map their settings onto the highest step they fully guarantee. <see cref="Local"/> is off the
/// ladder: nothing crosses a network. The default, <see cref="Unknown"/>, promises nothing, so a driver that does not
/// say counts as unprotected. Discovery reports the step in kebab case (<c>verify-full</c>).
/// </summary>
public enum DatasourceTls
{
    /// <summary>The driver does not say; treated as unprotected.</summary>
    Unknown = 0,

    /// <summary>Plain text; TLS is never attempted.</summary>
    Disable = 1,

    /// <summary>Plain text first; TLS only if the server insists.</summary>
    Allow = 2,

    /// <summary>TLS if the server offers it, else plain text: no guarantee against a downgrade.</summary>
    Prefer = 3,

    /// <summary>Always encrypted; the server's certificate is not verified, so an impostor on the path is not
    /// detected.</summary>
    Require = 4,

    /// <summary>Always encrypted; the certificate must chain to a trusted CA.</summary>
    VerifyCa = 5,

    /// <summary>Always encrypted; the certificate must chain to a trusted CA and name the host connected to.</summary>
    VerifyFull = 6,

    /// <summary>The connection never leaves the machine: an in-process database (SQLite) or a Unix-domain socket.</summary>
    Local = 100,
}
