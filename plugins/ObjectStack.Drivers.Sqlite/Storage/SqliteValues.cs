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

    /// <summary>Reads column <paramref name="ordinal"/> as the field's CLR type.</summary>
    public static object? Read(System.Data.Common.DbDataReader reader, int ordinal, FieldDefinition field)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return field.Type switch
        {
            FieldType.Number or FieldType.Currency or FieldType.Percent => ToDecimal(reader.GetDouble(ordinal)),
            FieldType.Autonumber => reader.GetInt64(ordinal),
            FieldType.Boolean => reader.GetInt64(ordinal) != 0,
            FieldType.Date => DateOnly.ParseExact(reader.GetString(ordinal), DateFormat, CultureInfo.InvariantCulture),
            FieldType.DateTime => ParseInstant(reader.GetString(ordinal)),
            FieldType.Time => TimeOnly.ParseExact(reader.GetString(ordinal), TimeFormat, CultureInfo.InvariantCulture),
            FieldType.Multiselect or FieldType.Tags => JsonSerializer.Deserialize<List<string>>(reader.GetString(ordinal)) ?? [],
            FieldType.Json => ParseJson(reader.GetString(ordinal)),
            _ => reader.GetString(ordinal),
        };
    }

    private static decimal ToDecimal(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 7.9e28 ? Convert.ToDecimal(value) : 0m;

    private static DateTimeOffset ParseInstant(string text) => InstantText.TryParse(text, out var instant)
        ? instant
        : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static JsonElement ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
