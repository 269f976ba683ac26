namespace ObjectStack.Hosting.Schema;

/// <summary>The metadata needs destructive schema changes that were not allowed.</summary>
public sealed class SchemaMigrationException : Exception
{
    /// <summary>Creates the exception for <paramref name="plan"/>.</summary>
    /// <param name="plan">The plan whose destructive changes were refused.</param>
    public SchemaMigrationException(SchemaPlan plan)
        : base(FormatMessage(plan))
    {
        Plan = plan;
    }

    /// <summary>Gets the refused plan.</summary>
    public SchemaPlan Plan { get; }

    private static string FormatMessage(SchemaPlan plan) =>
        $"the metadata needs {plan.Destructive.Count} destructive schema change(s), which are never applied automatically:{Environment.NewLine}"
        + string.Join(Environment.NewLine, plan.Destructive.Select(c => "  - " + c.Description))
        + $"{Environment.NewLine}Review them with 'os migrate plan', back up the database, then run 'os migrate apply --allow-destructive'"
        + " (or restore the removed fields and objects to the metadata).";
}
