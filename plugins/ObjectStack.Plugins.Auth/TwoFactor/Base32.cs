namespace ObjectStack.Plugins.Auth.TwoFactor;

/// <summary>RFC 4648 base32 (the standard alphabet <c>A–Z</c>, <c>2–7</c>), the encoding authenticator apps use for
/// TOTP secrets.</summary>
/// <remarks>
/// Encoding writes no <c>=</c> padding, because the key-uri format omits it. Decoding is forgiving about what people
/// type or paste (lower case, spaces, trailing padding) but strict about everything else: an invalid character, padding
/// in the middle, or a length no encoder can produce is a <see cref="FormatException"/>.
/// </remarks>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Encodes <paramref name="data"/> as upper-case base32 without padding.</summary>
    /// <param name="data">The bytes to encode; may be empty.</param>
    /// <returns>The encoded text; empty for empty input.</returns>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return string.Empty;
        }

        var length = (int)(((long)data.Length * 8 + 4) / 5);
        var chars = length <= 256 ? stackalloc char[length] : new char[length];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[index++] = Alphabet[(buffer >> bits) & 31];
            }

            buffer &= (1 << bits) - 1;
        }

        if (bits > 0)
        {
            chars[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars[..index]);
    }

    /// <summary>Decodes base32 text.</summary>
    /// <param name="text">The text: either case; spaces are ignored, and so is <c>=</c> padding at the end.</param>
    /// <returns>The decoded bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text holds a character outside the alphabet, padding followed by data,
    /// or a number of characters that no encoding of whole bytes produces.</exception>
    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var output = new byte[text.Length * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var count = 0;
        var symbols = 0;
        var padded = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                continue;
            }

            if (c == '=')
            {
                padded = true;
                continue;
            }

            var value = ValueOf(c);
            if (value < 0)
            {
                throw new FormatException("The text is not base32: it holds a character outside the alphabet.");
            }

            if (padded)
            {
                throw new FormatException("The text is not base32: padding is followed by data.");
            }

            symbols++;
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output[count++] = (byte)(buffer >> bits);
            }

            buffer &= (1 << bits) - 1;
        }

        // A final group of 1, 3 or 6 symbols cannot come from whole bytes.
        if (symbols % 8 is 1 or 3 or 6)
        {
            throw new FormatException("The text is not base32: its length cannot come from whole bytes.");
        }

        return count == output.Length ? output : output[..count];
    }

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a',
        >= '2' and <= '7' => c - '2' + 26,
        _ => -1,
    };
}
