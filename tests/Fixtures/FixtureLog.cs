namespace Fixture;

/// <summary>Appends events to the file named by OBJECTSTACK_FIXTURE_LOG, so tests can see what plugin code ran.</summary>
internal static class FixtureLog
{
    private static readonly object Gate = new();

    public static void Write(string line)
    {
        var path = Environment.GetEnvironmentVariable("OBJECTSTACK_FIXTURE_LOG");
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        lock (Gate)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }
}
