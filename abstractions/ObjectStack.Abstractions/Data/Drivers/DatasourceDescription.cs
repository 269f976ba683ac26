namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>What a datasource is and how it is reached, for discovery, diagnostics and log lines.</summary>
/// <param name="Driver">The driver name, such as <c>postgres</c>; the same as <see cref="IDataDriver.Name"/>.</param>
/// <param name="Endpoint">Where the data lives, never with credentials: a URL such as <c>postgres://app@db:5432/crm</c>,
/// or the database file of an embedded driver. Operators see it in logs; anonymous callers do not.</param>
/// <param name="Tls">How the connection to the database is protected.</param>
public sealed record DatasourceDescription(string Driver, string Endpoint, DatasourceTls Tls)
{
    /// <summary>Gets a value indicating whether no one on the network path can read the traffic: it is always
    /// encrypted, or never leaves the machine.</summary>
    public bool IsEncrypted => Tls is DatasourceTls.Require or DatasourceTls.VerifyCa or DatasourceTls.VerifyFull or DatasourceTls.Local;

    /// <summary>Gets a value indicating whether no one on the network path can impersonate the database either: the
    /// server's certificate is verified, or the traffic never leaves the machine.</summary>
    public bool IsServerVerified => Tls is DatasourceTls.VerifyCa or DatasourceTls.VerifyFull or DatasourceTls.Local;
}
