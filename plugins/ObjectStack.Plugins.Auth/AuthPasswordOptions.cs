using ObjectStack.Plugins.Auth.Passwords;

namespace ObjectStack.Plugins.Auth;

/// <summary>Password rules and hashing cost.</summary>
public sealed class AuthPasswordOptions
{
    /// <summary>Gets or sets the minimum length in characters (8 to 128). Default 8.</summary>
    public int MinLength { get; set; } = PasswordPolicy.DefaultMinLength;

    /// <summary>Gets or sets the PBKDF2-HMAC-SHA512 iterations of new hashes (at least 100,000). Default 210,000.
    /// Raising it rehashes each password at its owner's next sign-in.</summary>
    public int Iterations { get; set; } = PasswordHasher.DefaultIterations;

    /// <summary>Gets or sets how many hashes may run at once; 0 means one per processor (the default).</summary>
    public int HashConcurrency { get; set; }

    /// <summary>Gets or sets how long a sign-in may wait for a hashing slot before it is answered 503. Default 5.</summary>
    public int HashQueueSeconds { get; set; } = 5;
}
