namespace ObjectStack.Drivers.Postgres;

/// <summary>
/// The options of the PostgreSQL driver, from the plugin's <c>options</c> in <c>objectstack.json</c> (or the
/// <c>datasources</c> entry the host maps to it). <c>OS_DATABASE_URL</c> overrides <see cref="Url"/>.
/// </summary>
public sealed class PostgresDriverOptions
{
    /// <summary>Gets or sets the database: a <c>postgres://user:password@host:port/database?sslmode=…</c> URL or an
    /// Npgsql key=value connection string. Required.</summary>
    public string? Url { get; set; }

    /// <summary>Gets or sets the schema that holds the managed tables. The default is <c>public</c>.</summary>
    public string Schema { get; set; } = "public";

    /// <summary>Gets or sets the most connections the pool opens. The default is 20.</summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>Gets or sets the connections the pool keeps open when idle. The default is 0.</summary>
    public int MinPoolSize { get; set; }

    /// <summary>Gets or sets how long a request waits for a free pooled connection before answering 503, in milliseconds. The default is 5000.</summary>
    public int AcquireTimeoutMs { get; set; } = 5000;

    /// <summary>Gets or sets how long opening a new connection may take, in seconds. The default is 5.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Gets or sets how long one statement may run before it is cancelled (503), in seconds. The default is 30.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>Gets or sets the TLS mode, overriding the URL's <c>sslmode</c>: <c>disable</c>, <c>prefer</c>,
    /// <c>require</c>, <c>verify-ca</c> or <c>verify-full</c>.</summary>
    public string? SslMode { get; set; }

    /// <summary>Gets or sets the CA certificate file (PEM) that <c>verify-ca</c>/<c>verify-full</c> trust, overriding the URL's <c>sslrootcert</c>.</summary>
    public string? SslRootCert { get; set; }

    /// <summary>Gets or sets how many times a failed connection attempt or idempotent read is retried on a transient error. The default is 2.</summary>
    public int Retries { get; set; } = 2;

    /// <summary>Gets or sets the first retry delay in milliseconds; later ones grow exponentially, with jitter. The default is 100.</summary>
    public int RetryDelayMs { get; set; } = 100;

    /// <summary>Gets or sets how long the circuit stays open after the database is found unreachable, in milliseconds;
    /// requests meanwhile answer 503 at once. The default is 5000.</summary>
    public int BreakDurationMs { get; set; } = 5000;

    /// <summary>Gets or sets the share of failed connection attempts (0–1) within the sampling window that opens the circuit. The default is 0.5.</summary>
    public double BreakFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest attempts within the sampling window before the circuit may open. The default is 4.</summary>
    public int BreakMinimumThroughput { get; set; } = 4;

    /// <summary>The option names, as written in <c>objectstack.json</c>.</summary>
    internal static readonly string[] Keys =
    [
        "url", "schema", "maxPoolSize", "minPoolSize", "acquireTimeoutMs", "connectTimeoutSeconds", "commandTimeoutSeconds",
        "sslMode", "sslRootCert", "retries", "retryDelayMs", "breakDurationMs", "breakFailureRatio", "breakMinimumThroughput",
    ];

    /// <summary>Checks the options, including the URL.</summary>
    /// <returns>The problems, each naming the option; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Url))
        {
            problems.Add("'url' is required: set OS_DATABASE_URL or the plugin option 'url' to a postgres:// URL or an Npgsql connection string.");
        }
        else if (!PostgresConnectionString.TryBuild(this, out _, out var error))
        {
            problems.Add(error!);
        }

        if (string.IsNullOrWhiteSpace(Schema) || !System.Text.RegularExpressions.Regex.IsMatch(Schema, "^[a-z_][a-z0-9_]{0,62}$"))
        {
            problems.Add("'schema' must be a lower-case identifier such as 'public'.");
        }

        Range(problems, "maxPoolSize", MaxPoolSize, 1, 1000);
        Range(problems, "minPoolSize", MinPoolSize, 0, MaxPoolSize);
        Range(problems, "acquireTimeoutMs", AcquireTimeoutMs, 1, 600_000);
        Range(problems, "connectTimeoutSeconds", ConnectTimeoutSeconds, 1, 600);
        Range(problems, "commandTimeoutSeconds", CommandTimeoutSeconds, 1, 3600);
        Range(problems, "retries", Retries, 0, 10);
        Range(problems, "retryDelayMs", RetryDelayMs, 1, 60_000);
        Range(problems, "breakDurationMs", BreakDurationMs, 500, 600_000);
        Range(problems, "breakMinimumThroughput", BreakMinimumThroughput, 2, 1000);
        if (BreakFailureRatio is <= 0 or > 1 || double.IsNaN(BreakFailureRatio))
        {
            problems.Add("'breakFailureRatio' must be greater than 0 and at most 1.");
        }

        return problems;
    }

    private static void Range(List<string> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"'{name}' must be between {min} and {max}.");
        }
    }
}
