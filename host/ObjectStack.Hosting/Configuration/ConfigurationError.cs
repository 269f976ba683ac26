namespace ObjectStack.Hosting.Configuration;

/// <summary>One problem found in the configuration: where it is and what is wrong.</summary>
/// <param name="Path">The JSON path (such as <c>$.plugins[1].id</c>) or environment variable name.</param>
/// <param name="Message">What is wrong and, where possible, how to fix it.</param>
public sealed record ConfigurationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
