using System.Globalization;
using System.Text;

namespace ObjectStack.Plugins.Auth.Passwords;

/// <summary>
/// What a new password must be (ASVS 5.0 §6.2): 8 to 128 characters counted as Unicode code points after NFKC
/// normalization, never truncated, any character allowed, not one of the most common passwords, and not the
/// account's own e-mail address. No composition rules and no expiry, as ASVS and NIST SP 800-63B advise.
/// </summary>
internal sealed class PasswordPolicy(CommonPasswords common, int minLength = PasswordPolicy.DefaultMinLength)
{
    /// <summary>The default and smallest allowed minimum length.</summary>
    public const int DefaultMinLength = 8;

    /// <summary>The maximum length.</summary>
    public const int MaxLength = 128;

    /// <summary>Gets the minimum length.</summary>
    public int MinLength { get; } = minLength;

    /// <summary>Checks a new password.</summary>
    /// <param name="password">The password.</param>
    /// <param name="email">The account's e-mail address, or null.</param>
    /// <returns>Why the password is refused, or null when it is acceptable. The reason never repeats the password.</returns>
    public PasswordProblem? Check(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password))
        {
            return new("PASSWORD_REQUIRED", "A password is required.");
        }

        if (!IsWellFormed(password))
        {
            return new("INVALID_PASSWORD", "The password must be valid Unicode text.");
        }

        var normalized = password.Normalize(NormalizationForm.FormKC);
        var length = CountCodePoints(normalized);
        if (length < MinLength)
        {
            return new("PASSWORD_TOO_SHORT", string.Create(CultureInfo.InvariantCulture, $"The password must be at least {MinLength} characters long."));
        }

        if (length > MaxLength)
        {
            return new("PASSWORD_TOO_LONG", string.Create(CultureInfo.InvariantCulture, $"The password must be at most {MaxLength} characters long."));
        }

        if (common.Contains(normalized))
        {
            return new("PASSWORD_TOO_COMMON", "That choice is too common; pick something harder to guess.");
        }

        if (email is not null && (string.Equals(normalized, email, StringComparison.OrdinalIgnoreCase)
            || string.Equals(normalized, email.Split('@')[0], StringComparison.OrdinalIgnoreCase)))
        {
            return new("PASSWORD_IS_EMAIL", "The password must not be your e-mail address.");
        }

        return null;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
