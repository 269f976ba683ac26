namespace ObjectStack.Hosting.Tests;

/// <summary>Points the fixtures' event log at a fresh temporary file for one test.</summary>
internal sealed class FixtureLogScope : IDisposable
{
    public const string Variable = "OBJECTSTACK_FIXTURE_LOG";

    public FixtureLogScope()
    {
        FilePath = Path.Combine(Path.GetTempPath(), $"objectstack-fixture-{Guid.NewGuid():N}.log");
        Environment.SetEnvironmentVariable(Variable, FilePath);
    }

    public string FilePath { get; }

    /// <summary>The events plugin code wrote, in order.</summary>
    public IReadOnlyList<string> Events => File.Exists(FilePath) ? File.ReadAllLines(FilePath) : [];

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Variable, null);
        File.Delete(FilePath);
    }
}
