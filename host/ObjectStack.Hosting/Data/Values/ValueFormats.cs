using System.Globalization;

namespace ObjectStack.Hosting.Data.Values;

/// <summary>The text forms of date and time values on the wire: fixed-width ISO 8601, UTC, millisecond precision.</summary>
internal static class ValueFormats
{
    public const string Date = "yyyy-MM-dd";

    public static string FormatDate(DateOnly value) => value.ToString(Date, CultureInfo.InvariantCulture);

    public static string FormatDateTime(DateTimeOffset value) => Abstractions.Data.InstantText.Format(value);

    public static string FormatTime(TimeOnly value) =>
        value.ToString(value.Millisecond == 0 ? "HH':'mm':'ss" : "HH':'mm':'ss'.'fff", CultureInfo.InvariantCulture);

    /// <summary>Truncates to the millisecond, the precision the wire carries, so values round-trip exactly.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static bool TryParseDate(string text, out DateOnly value)
    {
        if (DateOnly.TryParseExact(text, Date, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return true;
        }

        // JavaScript serializes dates as midnight UTC instants; accept exactly that form.
        if (TryParseDateTime(text, out var instant) && instant.TimeOfDay == TimeSpan.Zero)
        {
            value = DateOnly.FromDateTime(instant.UtcDateTime);
            return true;
        }

        value = default;
        return false;
    }

    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length == Date.Length)
        {
            if (!DateOnly.TryParseExact(text, Date, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return false;
            }

            value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }

        // An instant needs its offset: a bare local time would be read differently on every server.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasOffset || text.Length < 16 || text[10] is not ('T' or 't' or ' '))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        value = Normalize(parsed);
        return true;
    }

    public static bool TryParseTime(string text, out TimeOnly value) =>
        TimeOnly.TryParseExact(text, ["HH':'mm", "HH':'mm':'ss", "HH':'mm':'ss'.'FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
}
