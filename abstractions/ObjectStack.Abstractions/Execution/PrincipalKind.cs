namespace ObjectStack.Abstractions.Execution;

/// <summary>What kind of principal an operation runs as.</summary>
public enum PrincipalKind
{
    /// <summary>No authenticated principal.</summary>
    Guest = 0,

    /// <summary>A person who signed in.</summary>
    Human = 1,

    /// <summary>An AI agent acting on behalf of a person.</summary>
    Agent = 2,

    /// <summary>A non-human caller authenticated by an API key or a client credential.</summary>
    Service = 3,

    /// <summary>Server code running with system privileges.</summary>
    System = 4,
}
