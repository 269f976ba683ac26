using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ObjectStack.Plugins.Auth.Passwords;

/// <summary>
/// Hashes passwords with PBKDF2-HMAC-SHA512 (OWASP's and ASVS's recommended choice where Argon2id is unavailable)
/// into a self-describing string, <c>$pbkdf2-sha512$i=210000$&lt;salt&gt;$&lt;hash&gt;</c> (PHC string format, base64
/// without padding), so the parameters travel with each hash and can be raised later: a hash made with fewer
/// iterations than configured verifies, and <see cref="NeedsRehash"/> tells the caller to store a new one.
/// </summary>
/// <remarks>Passwords are normalized to Unicode NFKC first, so the same password typed on another keyboard or
/// platform matches; nothing is truncated.</remarks>
internal sealed class PasswordHasher
{
    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA512.</summary>
    public const int DefaultIterations = 210_000;

    /// <summary>The fewest iterations the options accept.</summary>
    public const int MinimumIterations = 100_000;

    private const string Prefix = "$pbkdf2-sha512$i=";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>Creates the hasher.</summary>
    /// <param name="iterations">The iteration count of new hashes.</param>
    public PasswordHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        Iterations = iterations;
    }

    /// <summary>Gets the iteration count of new hashes.</summary>
    public int Iterations { get; }

    /// <summary>Hashes a password with a new random salt.</summary>
    /// <param name="password">The password.</param>
    /// <returns>The self-describing hash.</returns>
    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        Span<byte> salt = stackalloc byte[SaltBytes];
        RandomNumberGenerator.Fill(salt);
        Span<byte> hash = stackalloc byte[HashBytes];
        Derive(password, salt, Iterations, hash);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Iterations}${Encode(salt)}${Encode(hash)}");
    }

    /// <summary>Checks a password against a stored hash in constant time.</summary>
    /// <param name="password">The password offered.</param>
    /// <param name="stored">The stored hash; a hash this hasher cannot read never matches.</param>
    /// <returns>True when the password matches.</returns>
    public bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(stored, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[expected.Length];
        Derive(password, salt, iterations, actual);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Spends the time of one verification without a stored hash, so an unknown account answers as slowly
    /// as a known one.</summary>
    /// <param name="password">The password offered.</param>
    public void VerifyNothing(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        Span<byte> salt = stackalloc byte[SaltBytes];
        Span<byte> hash = stackalloc byte[HashBytes];
        Derive(password, salt, Iterations, hash);
    }

    /// <summary>Tells whether a stored hash was made with weaker parameters than new hashes get.</summary>
    /// <param name="stored">The stored hash.</param>
    /// <returns>True when the hash should be replaced after the next successful verification.</returns>
    public bool NeedsRehash(string stored) => !TryParse(stored, out var iterations, out _, out _) || iterations < Iterations;

    private static void Derive(string password, ReadOnlySpan<byte> salt, int iterations, Span<byte> destination)
    {
        // Ill-formed UTF-16 (a lone surrogate, which JSON can carry) cannot be normalized. The policy refuses such a
        // password when it is set, so hashing it as it is can only fail to match, never throw.
        var normalized = TryNormalize(password);
        var bytes = Encoding.UTF8.GetBytes(normalized);
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(bytes, salt, destination, iterations, HashAlgorithmName.SHA512);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static string TryNormalize(string password)
    {
        try
        {
            return password.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return password;
        }
    }

    private static bool TryParse(string? stored, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = hash = [];
        if (stored is null || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = stored[Prefix.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out iterations)
            || iterations < 1
            || !TryDecode(parts[1], out salt)
            || !TryDecode(parts[2], out hash)
            || salt.Length < SaltBytes
            || hash.Length < HashBytes)
        {
            return false;
        }

        return true;
    }

    private static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        bytes = [];
        return false;
    }
}
