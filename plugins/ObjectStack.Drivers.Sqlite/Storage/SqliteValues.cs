using System.Globalization;
using System.Text.Json;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Drivers.Sqlite.Storage;

/// <summary>Converts between the engine's CLR values and what SQLite stores: text, 64-bit integers and doubles.</summary>
/// <remarks>Dates, instants and times are fixed-width ISO 8601 text, so text order is chronological order.</remarks>
internal static class SqliteValues
{
    private const string DateFormat = "yyyy-MM-dd";
    private const string TimeFormat = "HH':'mm':'ss'.'fff";

    /// <summary>The largest magnitude a stored double reads back as a decimal (just below <see cref="decimal.MaxValue"/>).</summary>
    private const double MaxMagnitude = 7.9e28;

    /// <summary>Converts a field's value into a value to bind, refusing a number a double cannot hold exactly.</summary>
    /// <exception cref="DataOperationException">The value would not read back as written (<see cref="DataErrorCode.ValidationFailed"/>).</exception>
    public static object ToStorage(FieldDefinition field, object? value)
    {
        if (value is decimal number && !ReadsBackExactly(number, out var readBack))
        {
            var error = new FieldError(field.Name, "max_value", readBack is { } rounded
                ? $"has more significant digits than the SQLite datasource stores exactly (about 15); {number} would read back as {rounded}."
                : "is beyond the largest magnitude the SQLite datasource reads back (about 7.9e28).");
            throw new DataOperationException(DataErrorCode.ValidationFailed, $"{field.Name} {error.Message}", [error]);
        }

        return ToStorage(value);
    }

    /// <summary>Converts a value of the field's CLR type into a value to bind.</summary>
    public static object ToStorage(object? value) => value switch
    {
        null => DBNull.Value,
        string s => s,
        decimal d => (double)d,
        long l => l,
        int i => (long)i,
        bool b => b ? 1L : 0L,
        DateOnly date => date.ToString(DateFormat, CultureInfo.InvariantCulture),
        DateTimeOffset instant => InstantText.Format(instant),
        TimeOnly time => time.ToString(TimeFormat, CultureInfo.InvariantCulture),
        JsonElement json => json.GetRawText(),
        IEnumerable<string> list => JsonSerializer.Serialize(list),
        _ => throw new ArgumentException($"A value of type {value.GetType().Name} cannot be stored."),
    };

    /// <summary>Reads column <paramref name="ordinal"/> of a stepped statement as the field's CLR type.</summary>
    /// <remarks>One type probe and one fetch per value; the storage class decides the raw type, the field type the conversion.</remarks>
    public static object? Read(SQLitePCL.sqlite3_stmt statement, int ordinal, FieldDefinition field)
    {
        object? raw = SQLitePCL.raw.sqlite3_column_type(statement, ordinal) switch
        {
            SQLitePCL.raw.SQLITE_NULL => null,
            SQLitePCL.raw.SQLITE_INTEGER => SQLitePCL.raw.sqlite3_column_int64(statement, ordinal),
            SQLitePCL.raw.SQLITE_FLOAT => SQLitePCL.raw.sqlite3_column_double(statement, ordinal),
            _ => SQLitePCL.raw.sqlite3_column_text(statement, ordinal).utf8_to_string(),
        };
        return raw is null ? null : Convert(raw, field);
    }

    private static object Convert(object raw, FieldDefinition field) => field.Type switch
    {
        FieldType.Number or FieldType.Currency or FieldType.Percent => raw switch
        {
            double real => ToDecimal(real),
            long whole => (decimal)whole,
            _ => ToDecimal(System.Convert.ToDouble(raw, CultureInfo.InvariantCulture)),
        },
        FieldType.Autonumber => System.Convert.ToInt64(raw, CultureInfo.InvariantCulture),
        FieldType.Boolean => System.Convert.ToInt64(raw, CultureInfo.InvariantCulture) != 0,
        FieldType.Date => ParseDate(Text(raw)),
        FieldType.DateTime => ParseInstant(Text(raw)),
        FieldType.Time => TimeOnly.ParseExact(Text(raw), TimeFormat, CultureInfo.InvariantCulture),
        FieldType.Multiselect or FieldType.Tags => JsonSerializer.Deserialize<List<string>>(Text(raw)) ?? [],
        FieldType.Json => ParseJson(Text(raw)),
        _ => Text(raw),
    };

    private static string Text(object raw) => raw as string ?? System.Convert.ToString(raw, CultureInfo.InvariantCulture)!;

    private static DateOnly ParseDate(string text) =>
        text.Length == 10 && text[4] == '-' && text[7] == '-'
            && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(text.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : DateOnly.ParseExact(text, DateFormat, CultureInfo.InvariantCulture);

    private static decimal ToDecimal(double value) =>
        double.IsFinite(value) && Math.Abs(value) < MaxMagnitude ? System.Convert.ToDecimal(value) : 0m;

    /// <summary>
    /// Whether <paramref name="number"/> survives the trip through a double; <paramref name="readBack"/> is what it would
    /// read back as, or null when its magnitude is beyond what <see cref="ToDecimal"/> reads (where the decimal conversion
    /// of the double would overflow).
    /// </summary>
    private static bool ReadsBackExactly(decimal number, out decimal? readBack)
    {
        var real = (double)number;
        readBack = Math.Abs(real) < MaxMagnitude ? (decimal)real : null;
        return readBack == number;
    }

    private static DateTimeOffset ParseInstant(string text) => InstantText.TryParse(text, out var instant)
        ? instant
        : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static JsonElement ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
