namespace ObjectStack.Plugins.Auth.Passwords;

/// <summary>Every password-hashing slot stayed busy for longer than a caller may wait.</summary>
internal sealed class PasswordHashingBusyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="waited">How long the caller waited.</param>
    public PasswordHashingBusyException(TimeSpan waited)
        : base($"Every password check is busy; waited {waited.TotalSeconds:0.#} s.")
    {
        RetryAfter = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(waited.TotalSeconds)));
    }

    /// <summary>Gets how long the client should wait before trying again.</summary>
    public TimeSpan RetryAfter { get; }
}
