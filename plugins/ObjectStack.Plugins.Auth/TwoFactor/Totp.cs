using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ObjectStack.Plugins.Auth.TwoFactor;

/// <summary>Time-based one-time passwords (RFC 6238): an HOTP (RFC 4226) whose counter is the number of whole periods
/// since the Unix epoch.</summary>
/// <remarks>
/// Verification fails closed: a code that is not exactly <see cref="Digits"/> ASCII digits, a time before the epoch,
/// or a step already accepted is refused. The caller stores the step <see cref="Verify"/> returns and passes it back
/// as <c>lastUsedStep</c>, so that a code seen once (by a shoulder-surfer or a phishing proxy) cannot be used again.
/// </remarks>
internal sealed class Totp
{
    /// <summary>The number of digits authenticator apps show by default.</summary>
    public const int DefaultDigits = 6;

    /// <summary>The period of a step, in seconds, that authenticator apps use by default.</summary>
    public const int DefaultPeriodSeconds = 30;

    /// <summary>How many steps before and after the current one <see cref="Verify"/> accepts by default, to allow for
    /// clock drift and the time the user takes to type.</summary>
    public const int DefaultWindow = 1;

    /// <summary>The length of a new secret: 160 bits, as RFC 4226 recommends, and the HMAC-SHA-1 block output size.</summary>
    public const int SecretLength = 20;

    private const int MaxHashLength = 64;

    /// <summary>Creates the usual TOTP: HMAC-SHA-1, <see cref="DefaultDigits"/> digits, <see cref="DefaultPeriodSeconds"/>
    /// seconds.</summary>
    public Totp()
        : this(HashAlgorithmName.SHA1)
    {
    }

    /// <summary>Creates a TOTP with the given parameters.</summary>
    /// <param name="algorithm">The HMAC hash: <see cref="HashAlgorithmName.SHA1"/>, <see cref="HashAlgorithmName.SHA256"/>
    /// or <see cref="HashAlgorithmName.SHA512"/>.</param>
    /// <param name="digits">The code length: 6 or 8.</param>
    /// <param name="periodSeconds">The length of a step, in seconds; positive.</param>
    /// <exception cref="ArgumentException">The algorithm is not one of the three above.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The digits or the period are out of range.</exception>
    public Totp(HashAlgorithmName algorithm, int digits = DefaultDigits, int periodSeconds = DefaultPeriodSeconds)
    {
        if (algorithm != HashAlgorithmName.SHA1 && algorithm != HashAlgorithmName.SHA256 && algorithm != HashAlgorithmName.SHA512)
        {
            throw new ArgumentException("The TOTP algorithm must be SHA1, SHA256 or SHA512.", nameof(algorithm));
        }

        if (digits is not (6 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, "A TOTP code has 6 or 8 digits.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodSeconds);

        Algorithm = algorithm;
        Digits = digits;
        PeriodSeconds = periodSeconds;
    }

    /// <summary>The HMAC hash.</summary>
    public HashAlgorithmName Algorithm { get; }

    /// <summary>The number of digits of a code.</summary>
    public int Digits { get; }

    /// <summary>The length of a step, in seconds.</summary>
    public int PeriodSeconds { get; }

    /// <summary>Creates a new secret of <see cref="SecretLength"/> random bytes.</summary>
    /// <returns>The secret.</returns>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretLength);

    /// <summary>The time step (the HOTP counter) that contains <paramref name="time"/>.</summary>
    /// <param name="time">The time; not before the Unix epoch.</param>
    /// <returns>The number of whole periods since the Unix epoch.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the Unix epoch.</exception>
    public long GetStep(DateTimeOffset time)
    {
        var seconds = time.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(time));
        return seconds / PeriodSeconds;
    }

    /// <summary>The code for <paramref name="secret"/> at <paramref name="time"/>.</summary>
    /// <param name="secret">The shared secret; not empty.</param>
    /// <param name="time">The time; not before the Unix epoch.</param>
    /// <returns>The code: <see cref="Digits"/> ASCII digits, with leading zeros.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the Unix epoch.</exception>
    public string Generate(byte[] secret, DateTimeOffset time)
    {
        ValidateSecret(secret);
        Span<byte> code = stackalloc byte[Digits];
        WriteCode(secret, GetStep(time), code);
        return Encoding.ASCII.GetString(code);
    }

    /// <summary>Checks <paramref name="code"/> against the steps within <paramref name="window"/> of the step of
    /// <paramref name="time"/>, refusing any step at or before <paramref name="lastUsedStep"/>.</summary>
    /// <param name="secret">The shared secret; not empty.</param>
    /// <param name="code">The code the user typed; anything that is not exactly <see cref="Digits"/> ASCII digits is
    /// refused.</param>
    /// <param name="time">The current time.</param>
    /// <param name="lastUsedStep">The step of the last accepted code for this secret, or <see langword="null"/> if none
    /// was accepted yet.</param>
    /// <param name="window">How many steps before and after the current one to accept; zero or more.</param>
    /// <returns>The step the code belongs to, to store as the new <paramref name="lastUsedStep"/>; or
    /// <see langword="null"/> when the code is refused.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="secret"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is negative.</exception>
    public long? Verify(byte[] secret, string? code, DateTimeOffset time, long? lastUsedStep = null, int window = DefaultWindow)
    {
        ValidateSecret(secret);
        ArgumentOutOfRangeException.ThrowIfNegative(window);

        if (code is null || code.Length != Digits)
        {
            return null;
        }

        Span<byte> given = stackalloc byte[Digits];
        for (var i = 0; i < code.Length; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return null;
            }

            given[i] = (byte)code[i];
        }

        var seconds = time.ToUnixTimeSeconds();
        if (seconds < 0)
        {
            return null;
        }

        var current = seconds / PeriodSeconds;
        var first = Math.Max(0, current - window);
        var floor = lastUsedStep ?? -1;
        long? matched = null;
        Span<byte> expected = stackalloc byte[Digits];

        // Every step in the window is computed and compared, without stopping at a match, so that the time taken does
        // not tell which step (if any) matched.
        for (var step = first; step <= current + window; step++)
        {
            WriteCode(secret, step, expected);
            var equal = CryptographicOperations.FixedTimeEquals(expected, given);
            if (equal && step > floor && matched is null)
            {
                matched = step;
            }
        }

        CryptographicOperations.ZeroMemory(expected);
        return matched;
    }

    private static void ValidateSecret(byte[] secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Length == 0)
        {
            throw new ArgumentException("A TOTP secret must not be empty.", nameof(secret));
        }
    }

    /// <summary>RFC 4226 section 5.3: HMAC over the big-endian counter, dynamic truncation, then the low
    /// <see cref="Digits"/> decimal digits, written as ASCII.</summary>
    private void WriteCode(byte[] secret, long step, Span<byte> destination)
    {
        Span<byte> counter = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);

        Span<byte> buffer = stackalloc byte[MaxHashLength];
        var length = Algorithm == HashAlgorithmName.SHA512 ? HMACSHA512.HashData(secret, counter, buffer)
            : Algorithm == HashAlgorithmName.SHA256 ? HMACSHA256.HashData(secret, counter, buffer)
            : HashSha1(secret, counter, buffer);
        var hash = buffer[..length];

        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24)
            | (hash[offset + 1] << 16)
            | (hash[offset + 2] << 8)
            | hash[offset + 3];
        CryptographicOperations.ZeroMemory(buffer);

        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (binary % 10));
            binary /= 10;
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350",
        Justification = "RFC 6238 and every authenticator app use HMAC-SHA-1 by default; HMAC does not rely on SHA-1's collision resistance.")]
    private static int HashSha1(byte[] secret, ReadOnlySpan<byte> counter, Span<byte> destination) =>
        HMACSHA1.HashData(secret, counter, destination);
}
