namespace ObjectStack.Abstractions.Data;

/// <summary>
/// The one text form of an instant shared by the wire and the drivers that store instants as text:
/// <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> — UTC, millisecond precision, fixed width, so text order is time order.
/// Formatting and parsing are allocation-light, because every record carries at least two instants.
/// </summary>
public static class InstantText
{
    /// <summary>The length of the text form.</summary>
    public const int Length = 24;

    /// <summary>Formats <paramref name="value"/> in UTC, truncated to the millisecond.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>Text such as <c>2025-01-01T12:00:00.000Z</c>.</returns>
    public static string Format(DateTimeOffset value) => string.Create(Length, value, static (span, instant) => Format(instant, span));

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/>, which holds at least <see cref="Length"/> characters.</summary>
    /// <param name="value">The instant.</param>
    /// <param name="destination">Where to write the text form.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static void Format(DateTimeOffset value, Span<char> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination must hold at least {Length} characters.", nameof(destination));
        }

        var span = destination;
        var utc = value.UtcDateTime;
        Digits(span[..4], utc.Year);
        span[4] = '-';
        Digits(span.Slice(5, 2), utc.Month);
        span[7] = '-';
        Digits(span.Slice(8, 2), utc.Day);
        span[10] = 'T';
        Digits(span.Slice(11, 2), utc.Hour);
        span[13] = ':';
        Digits(span.Slice(14, 2), utc.Minute);
        span[16] = ':';
        Digits(span.Slice(17, 2), utc.Second);
        span[19] = '.';
        Digits(span.Slice(20, 3), utc.Millisecond);
        span[23] = 'Z';
    }

    /// <summary>Parses exactly the text form written by <see cref="Format(DateTimeOffset)"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="value">The instant, in UTC.</param>
    /// <returns>True when <paramref name="text"/> has exactly that form and names a valid instant.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length != Length || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || text[19] != '.' || text[23] != 'Z')
        {
            return false;
        }

        if (!Number(text[..4], out var year) || !Number(text.Slice(5, 2), out var month) || !Number(text.Slice(8, 2), out var day)
            || !Number(text.Slice(11, 2), out var hour) || !Number(text.Slice(14, 2), out var minute)
            || !Number(text.Slice(17, 2), out var second) || !Number(text.Slice(20, 3), out var millisecond))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        return true;
    }

    private static void Digits(Span<char> span, int value)
    {
        for (var i = span.Length - 1; i >= 0; i--)
        {
            span[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static bool Number(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
