namespace ObjectStack.Hosting.Data;

/// <summary>
/// Whether the data layer can serve. Data calls are refused (503) until the schema is applied; <c>/api/v1/ready</c>
/// answers 503 until the seed data is loaded too. While the database cannot be reached at boot, the process keeps
/// running (liveness stays up) and <see cref="Problem"/> says why it is not ready.
/// </summary>
internal sealed class DataReadiness
{
    private volatile string? _problem = "the data layer is starting";
    private volatile bool _schemaApplied;

    /// <summary>Gets a value indicating whether the schema matches the metadata, so data calls may run.</summary>
    public bool SchemaApplied => _schemaApplied;

    /// <summary>Gets a value indicating whether the data layer is fully prepared.</summary>
    public bool IsReady => _problem is null;

    /// <summary>Gets why the data layer is not ready, or null.</summary>
    public string? Problem => _problem;

    public void Waiting(string problem) => _problem = problem;

    public void MarkSchemaApplied() => _schemaApplied = true;

    public void MarkReady()
    {
        _schemaApplied = true;
        _problem = null;
    }
}
