using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Drivers.Postgres.Storage;

/// <summary>Converts between the engine's CLR values and PostgreSQL's types, with explicit parameter types.</summary>
internal static class PostgresValues
{
    /// <summary>A parameter holding a field's value, typed for the field's column.</summary>
    public static NpgsqlParameter Parameter(FieldDefinition field, object? value) =>
        Typed(PostgresColumnTypes.For(field), value);

    /// <summary>A parameter of a column type holding one value (or, for arrays, a list) of the engine's CLR types.</summary>
    public static NpgsqlParameter Typed(string columnType, object? value)
    {
        if (value is null)
        {
            return new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = DbType(columnType) };
        }

        return columnType switch
        {
            PostgresColumnTypes.Uuid => new NpgsqlParameter<Guid> { TypedValue = Guid.Parse((string)value), NpgsqlDbType = NpgsqlDbType.Uuid },
            PostgresColumnTypes.Numeric => new NpgsqlParameter<decimal> { TypedValue = Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType = NpgsqlDbType.Numeric },
            PostgresColumnTypes.BigInt => new NpgsqlParameter<long> { TypedValue = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType = NpgsqlDbType.Bigint },
            PostgresColumnTypes.Boolean => new NpgsqlParameter<bool> { TypedValue = (bool)value, NpgsqlDbType = NpgsqlDbType.Boolean },
            PostgresColumnTypes.Date => new NpgsqlParameter<DateOnly> { TypedValue = (DateOnly)value, NpgsqlDbType = NpgsqlDbType.Date },
            PostgresColumnTypes.Instant => new NpgsqlParameter<DateTimeOffset> { TypedValue = ((DateTimeOffset)value).ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
            PostgresColumnTypes.Time => new NpgsqlParameter<TimeOnly> { TypedValue = (TimeOnly)value, NpgsqlDbType = NpgsqlDbType.Time },
            PostgresColumnTypes.TextList => new NpgsqlParameter<string[]> { TypedValue = value is string one ? [one] : [.. (IEnumerable<string>)value], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            PostgresColumnTypes.Json => new NpgsqlParameter<string> { TypedValue = ((JsonElement)value).GetRawText(), NpgsqlDbType = NpgsqlDbType.Jsonb },
            _ => new NpgsqlParameter<string> { TypedValue = (string)value, NpgsqlDbType = NpgsqlDbType.Text },
        };
    }

    /// <summary>An array parameter of a scalar column type, for <c>= ANY(@p)</c>.</summary>
    public static NpgsqlParameter Array(string columnType, IReadOnlyList<object> values) => columnType switch
    {
        PostgresColumnTypes.Uuid => new NpgsqlParameter<Guid[]> { TypedValue = [.. values.Select(v => Guid.Parse((string)v))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid },
        PostgresColumnTypes.Numeric => new NpgsqlParameter<decimal[]> { TypedValue = [.. values.Cast<decimal>()], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric },
        PostgresColumnTypes.BigInt => new NpgsqlParameter<long[]> { TypedValue = [.. values.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint },
        PostgresColumnTypes.Boolean => new NpgsqlParameter<bool[]> { TypedValue = [.. values.Cast<bool>()], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean },
        PostgresColumnTypes.Date => new NpgsqlParameter<DateOnly[]> { TypedValue = [.. values.Cast<DateOnly>()], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date },
        PostgresColumnTypes.Instant => new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. values.Select(v => ((DateTimeOffset)v).ToUniversalTime())], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz },
        PostgresColumnTypes.Time => new NpgsqlParameter<TimeOnly[]> { TypedValue = [.. values.Cast<TimeOnly>()], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Time },
        _ => new NpgsqlParameter<string[]> { TypedValue = [.. values.Cast<string>()], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
    };

    /// <summary>Reads column <paramref name="ordinal"/> as the field's CLR type.</summary>
    public static object? Read(NpgsqlDataReader reader, int ordinal, FieldDefinition field)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        return PostgresColumnTypes.For(field) switch
        {
            PostgresColumnTypes.Uuid => reader.GetGuid(ordinal).ToString("D"),
            PostgresColumnTypes.Numeric => Normalize(reader.GetDecimal(ordinal)),
            PostgresColumnTypes.BigInt => reader.GetInt64(ordinal),
            PostgresColumnTypes.Boolean => reader.GetBoolean(ordinal),
            PostgresColumnTypes.Date => reader.GetFieldValue<DateOnly>(ordinal),
            PostgresColumnTypes.Instant => new DateTimeOffset(reader.GetFieldValue<DateTime>(ordinal), TimeSpan.Zero),
            PostgresColumnTypes.Time => reader.GetFieldValue<TimeOnly>(ordinal),
            PostgresColumnTypes.TextList => reader.GetFieldValue<List<string>>(ordinal),
            PostgresColumnTypes.Json => ParseJson(reader.GetString(ordinal)),
            _ => reader.GetString(ordinal),
        };
    }

    /// <summary>Whether a text value is a UUID in the canonical lower-case form the engine writes.</summary>
    public static bool IsCanonicalUuid(object? value) =>
        value is string { Length: 36 } text && Guid.TryParseExact(text, "D", out var guid) && string.Equals(guid.ToString("D"), text, StringComparison.Ordinal);

    private static NpgsqlDbType DbType(string columnType) => columnType switch
    {
        PostgresColumnTypes.Uuid => NpgsqlDbType.Uuid,
        PostgresColumnTypes.Numeric => NpgsqlDbType.Numeric,
        PostgresColumnTypes.BigInt => NpgsqlDbType.Bigint,
        PostgresColumnTypes.Boolean => NpgsqlDbType.Boolean,
        PostgresColumnTypes.Date => NpgsqlDbType.Date,
        PostgresColumnTypes.Instant => NpgsqlDbType.TimestampTz,
        PostgresColumnTypes.Time => NpgsqlDbType.Time,
        PostgresColumnTypes.TextList => NpgsqlDbType.Array | NpgsqlDbType.Text,
        PostgresColumnTypes.Json => NpgsqlDbType.Jsonb,
        _ => NpgsqlDbType.Text,
    };

    // numeric keeps the scale it was given ("1.50"); the engine compares and prints values, so trailing zeros are
    // dropped as on SQLite, where numbers come back from a double.
    private static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;

    private static JsonElement ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
