using System.Security.Cryptography;

namespace ObjectStack.Plugins.Auth.TwoFactor;

/// <summary>Single-use backup codes for when the authenticator is lost: <c>xxxxx-xxxxx</c>, ten characters from an
/// alphabet without look-alikes.</summary>
/// <remarks>
/// The alphabet has 31 symbols (digits 2–9 and the lower-case letters without <c>i</c>, <c>l</c> and <c>o</c>), so a
/// code carries about 49.5 bits. Symbols are drawn uniformly by <see cref="RandomNumberGenerator.GetItems{T}(ReadOnlySpan{T}, Span{T})"/>,
/// which has no modulo bias. Hashing and storage belong to the caller, which hashes <see cref="Normalize"/>'s result.
/// </remarks>
internal static class BackupCodes
{
    /// <summary>How many codes <see cref="Generate"/> creates by default.</summary>
    public const int DefaultCount = 10;

    /// <summary>The most codes <see cref="Generate"/> creates at once.</summary>
    public const int MaxCount = 100;

    /// <summary>The symbols of a code: no <c>0</c>/<c>o</c>, <c>1</c>/<c>i</c>/<c>l</c>.</summary>
    public const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    private const int HalfLength = 5;
    private const int SymbolCount = HalfLength * 2;

    /// <summary>Creates <paramref name="count"/> distinct codes, each formatted <c>xxxxx-xxxxx</c> in lower case.</summary>
    /// <param name="count">How many codes; 1 to <see cref="MaxCount"/>.</param>
    /// <returns>The codes, in their normalized form.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is out of range.</exception>
    public static IReadOnlyList<string> Generate(int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);

        var codes = new HashSet<string>(count, StringComparer.Ordinal);
        var ordered = new List<string>(count);
        Span<char> symbols = stackalloc char[SymbolCount];
        while (ordered.Count < count)
        {
            RandomNumberGenerator.GetItems(Alphabet.AsSpan(), symbols);
            var code = Format(symbols);
            if (codes.Add(code))
            {
                ordered.Add(code);
            }
        }

        return ordered;
    }

    /// <summary>Turns what a user typed into the form <see cref="Generate"/> returns.</summary>
    /// <param name="input">The code, in any case, with or without the dash, with spaces around it.</param>
    /// <returns>The normalized code <c>xxxxx-xxxxx</c>, or <see langword="null"/> when the input cannot be a backup
    /// code.</returns>
    public static string? Normalize(string? input)
    {
        if (input is null)
        {
            return null;
        }

        var text = input.AsSpan().Trim();
        if (text.Length == SymbolCount + 1)
        {
            if (text[HalfLength] != '-')
            {
                return null;
            }
        }
        else if (text.Length != SymbolCount)
        {
            return null;
        }

        Span<char> symbols = stackalloc char[SymbolCount];
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text.Length == SymbolCount + 1 && i == HalfLength)
            {
                continue;
            }

            // ASCII only: char.ToLowerInvariant would also map look-alikes such as the Kelvin sign onto 'k'.
            var c = char.IsAsciiLetterUpper(text[i]) ? (char)(text[i] | 0x20) : text[i];
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }

            symbols[count++] = c;
        }

        return Format(symbols);
    }

    private static string Format(ReadOnlySpan<char> symbols) =>
        string.Concat(symbols[..HalfLength], "-", symbols[HalfLength..]);
}
