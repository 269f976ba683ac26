using System.Globalization;
using System.Text.Json;
using ObjectStack.Drivers.Sqlite.Storage;

namespace ObjectStack.Drivers.Sqlite.Schema;

/// <summary>
/// Converts a stored value to another column type during a table rebuild. Values that do not convert become NULL,
/// which is why a type change is destructive and needs explicit consent.
/// </summary>
internal static class ColumnConversion
{
    public const string Function = "os_convert";

    public static object? Convert(object? value, string? toType)
    {
        if (value is null or DBNull)
        {
            return null;
        }

        var text = value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : System.Convert.ToString(value, CultureInfo.InvariantCulture)!;
        return toType switch
        {
            SqliteColumnTypes.Real => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null,
            SqliteColumnTypes.Integer => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var i) && i == Math.Floor(i) && Math.Abs(i) < 9e15 ? (long)i : null,
            SqliteColumnTypes.Boolean => text switch
            {
                "1" or "true" or "yes" => 1L,
                "0" or "false" or "no" => 0L,
                _ => null,
            },
            SqliteColumnTypes.Date => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            SqliteColumnTypes.DateTime => DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant)
                ? instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : null,
            SqliteColumnTypes.Time => TimeOnly.TryParse(text, CultureInfo.InvariantCulture, out var time) ? time.ToString("HH':'mm':'ss'.'fff", CultureInfo.InvariantCulture) : null,
            SqliteColumnTypes.List => ToList(text),
            SqliteColumnTypes.Json => IsJson(text) ? text : JsonSerializer.Serialize(text),
            _ => FromList(text),
        };
    }

    private static string ToList(string text)
    {
        if (text.StartsWith('['))
        {
            try
            {
                if (JsonSerializer.Deserialize<List<string>>(text) is { } list)
                {
                    return JsonSerializer.Serialize(list);
                }
            }
            catch (JsonException)
            {
                // Not a list of strings: keep the whole text as one entry.
            }
        }

        return JsonSerializer.Serialize(new[] { text });
    }

    private static string FromList(string text)
    {
        if (!text.StartsWith('['))
        {
            return text;
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(text) is { } list ? string.Join(", ", list) : text;
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
