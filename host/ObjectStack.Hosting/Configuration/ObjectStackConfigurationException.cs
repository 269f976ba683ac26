namespace ObjectStack.Hosting.Configuration;

/// <summary>The configuration is invalid; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class ObjectStackConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">Where the configuration came from, such as a file path.</param>
    /// <param name="errors">Every problem found.</param>
    public ObjectStackConfigurationException(string source, IReadOnlyList<ConfigurationError> errors)
        : base(FormatMessage(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>Gets where the configuration came from.</summary>
    public new string Source { get; }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string FormatMessage(string source, IReadOnlyList<ConfigurationError> errors)
    {
        var noun = errors.Count == 1 ? "problem" : "problems";
        return $"{source} has {errors.Count} {noun}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
