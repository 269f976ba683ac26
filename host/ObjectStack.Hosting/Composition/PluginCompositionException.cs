namespace ObjectStack.Hosting.Composition;

/// <summary>The plugin set cannot boot. Raised before any plugin code runs; <see cref="Problems"/> lists every cause.</summary>
public sealed class PluginCompositionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">Every problem found.</param>
    public PluginCompositionException(IReadOnlyList<PluginProblem> problems)
        : base("The plugins cannot be composed:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<PluginProblem> Problems { get; }
}
