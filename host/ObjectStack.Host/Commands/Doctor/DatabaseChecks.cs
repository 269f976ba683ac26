using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Host.Commands.Doctor;

/// <summary>The database checks of <c>os doctor</c>: transport security of the datasource, and whether it answers.</summary>
internal static class DatabaseChecks
{
    /// <summary>How long the reachability check waits for a connection.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the checks against the one enabled driver.</summary>
    public static async Task<IReadOnlyList<DoctorFinding>> RunAsync(IReadOnlyList<IDataDriver> drivers, IHostEnvironment environment, CancellationToken cancellationToken)
    {
        if (drivers.Count != 1)
        {
            return [new("database.driver", DoctorStatus.Error, "No data driver is enabled.", "Enable one driver (SQLite is the default when none is listed).")];
        }

        var driver = drivers[0];
        return [Tls(driver.Datasource, environment), await ReachableAsync(driver, cancellationToken).ConfigureAwait(false)];
    }

    /// <summary>Grades the TLS step of a datasource: verify-full or in-process is ok; encryption without full
    /// verification is a warning; a connection that may run in clear text is an error outside Development.</summary>
    public static DoctorFinding Tls(DatasourceDescription datasource, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(datasource);
        ArgumentNullException.ThrowIfNull(environment);
        var where = $"{datasource.Driver} at {datasource.Endpoint}";
        const string VerifyFull = "Connect with sslmode=verify-full and sslrootcert=<CA file> (in OS_DATABASE_URL or the datasource options).";
        return datasource.Tls switch
        {
            DatasourceTls.Local => new("database.tls", DoctorStatus.Ok, $"{where}: in-process database, no network connection to protect."),
            DatasourceTls.VerifyFull => new("database.tls", DoctorStatus.Ok, $"{where}: TLS required, server certificate and host name verified (verify-full)."),
            DatasourceTls.VerifyCa => new("database.tls", DoctorStatus.Warn, $"{where}: TLS required and the certificate checked against the CA, but not the host name (verify-ca).", VerifyFull),
            DatasourceTls.Require => new("database.tls", DoctorStatus.Warn, $"{where}: TLS required but the server is not verified (require): a machine in the middle can still read the traffic.", VerifyFull),
            _ => new(
                "database.tls",
                environment.IsDevelopment() ? DoctorStatus.Warn : DoctorStatus.Error,
                $"{where}: the connection may run without TLS (sslmode={Name(datasource.Tls)}); credentials and records could cross the network in clear text.",
                VerifyFull),
        };
    }

    private static async Task<DoctorFinding> ReachableAsync(IDataDriver driver, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            // A real round trip: opening a session may not connect yet. Reading the schema writes nothing.
            await driver.Schema.ReadSchemaAsync(timeout.Token).ConfigureAwait(false);
            return new("database.reachable", DoctorStatus.Ok, $"The {driver.Datasource.Driver} database answers.");
        }
        catch (DataOperationException ex)
        {
            return Unreachable(driver, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unreachable(driver, $"no connection within {ConnectTimeout.TotalSeconds:0} s");
        }
    }

    private static DoctorFinding Unreachable(IDataDriver driver, string reason) => new(
        "database.reachable",
        DoctorStatus.Error,
        $"The {driver.Datasource.Driver} database at {driver.Datasource.Endpoint} does not answer: {reason}",
        "Check that the server runs and that OS_DATABASE_URL (or the datasource) names it.");

    // The spelling of discovery and the logs (Hosting's DatasourceTlsName, internal there).
    private static string Name(DatasourceTls tls) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(tls.ToString());
}
