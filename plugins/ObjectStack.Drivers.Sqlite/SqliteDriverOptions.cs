namespace ObjectStack.Drivers.Sqlite;

/// <summary>The options of the SQLite driver, from the plugin's <c>options</c> in <c>objectstack.json</c>.</summary>
public sealed class SqliteDriverOptions
{
    /// <summary>Gets or sets the database file. Relative paths are resolved against the working directory. The default is <c>.objectstack/data.db</c>.</summary>
    public string Path { get; set; } = ".objectstack/data.db";

    /// <summary>Gets or sets how long a statement waits for a lock held by another process, in milliseconds. The default is 5000.</summary>
    public int BusyTimeoutMs { get; set; } = 5000;

    /// <summary>Gets or sets how long a write waits for the single writer slot, in milliseconds, before answering 503. The default is 10000.</summary>
    public int WriteWaitMs { get; set; } = 10_000;

    /// <summary>Checks the options.</summary>
    /// <returns>The problems, each naming the option; empty when valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Path) || Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            problems.Add("'path' must be a file path such as '.objectstack/data.db'.");
        }

        if (BusyTimeoutMs is < 0 or > 600_000)
        {
            problems.Add("'busyTimeoutMs' must be between 0 and 600000.");
        }

        if (WriteWaitMs is < 1 or > 600_000)
        {
            problems.Add("'writeWaitMs' must be between 1 and 600000.");
        }

        return problems;
    }
}
