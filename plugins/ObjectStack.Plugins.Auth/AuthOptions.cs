using System.Globalization;
using ObjectStack.Plugins.Auth.Passwords;

namespace ObjectStack.Plugins.Auth;

/// <summary>
/// The auth plugin's options: the <c>options</c> of its entry in <c>objectstack.json</c>. Secrets are never options:
/// the session key comes from <c>OS_AUTH_SECRET</c>.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>The keys the options accept, for refusing unknown ones.</summary>
    internal static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["signUp"] = [],
        ["session"] = ["expiresIn", "updateAge", "absoluteMaxAge"],
        ["password"] = ["minLength", "iterations", "hashConcurrency", "hashQueueSeconds"],
    };

    /// <summary>Gets or sets who may create an account once the first one (the platform admin) exists: <c>open</c>
    /// (anyone), <c>invite-only</c> (only with an invitation; the default) or <c>closed</c> (nobody).</summary>
    public string SignUp { get; set; } = SignUpModes.InviteOnly;

    /// <summary>Gets or sets the session lifetimes.</summary>
    public AuthSessionOptions Session { get; set; } = new();

    /// <summary>Gets or sets the password rules and hashing cost.</summary>
    public AuthPasswordOptions Password { get; set; } = new();

    /// <summary>Lists every problem at once; empty when the options are valid.</summary>
    /// <returns>The problems, each naming its key.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!SignUpModes.All.Contains(SignUp, StringComparer.Ordinal))
        {
            problems.Add($"'signUp' must be one of {string.Join(", ", SignUpModes.All)}; it is '{SignUp}'.");
        }

        Range(problems, "session.expiresIn", Session.ExpiresIn, 60, 31_536_000);
        Range(problems, "session.updateAge", Session.UpdateAge, 0, 31_536_000);
        Range(problems, "session.absoluteMaxAge", Session.AbsoluteMaxAge, 60, 31_536_000);
        if (Session.AbsoluteMaxAge < Session.ExpiresIn)
        {
            problems.Add("'session.absoluteMaxAge' must be at least 'session.expiresIn'.");
        }

        Range(problems, "password.minLength", Password.MinLength, PasswordPolicy.DefaultMinLength, PasswordPolicy.MaxLength);
        Range(problems, "password.iterations", Password.Iterations, PasswordHasher.MinimumIterations, 10_000_000);
        Range(problems, "password.hashConcurrency", Password.HashConcurrency, 0, 1024);
        Range(problems, "password.hashQueueSeconds", Password.HashQueueSeconds, 1, 300);
        return problems;
    }

    private static void Range(List<string> problems, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"'{key}' must be between {min} and {max}; it is {value}."));
        }
    }
}
