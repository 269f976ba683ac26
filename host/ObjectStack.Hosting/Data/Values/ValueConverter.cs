using System.Globalization;
using System.Text.Json;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Data.Values;

/// <summary>
/// Converts a raw value (a <see cref="JsonElement"/>, query-string text or a CLR value from server code) into the
/// CLR type of a field (see <see cref="FieldType"/>). Conversion only checks the type; <see cref="ValueValidator"/>
/// checks a written value against the field's constraints.
/// </summary>
internal static class ValueConverter
{
    /// <summary>Converts <paramref name="raw"/>; returns null on success or the problem.</summary>
    /// <param name="field">The field.</param>
    /// <param name="raw">The raw value; null, <see cref="JsonValueKind.Null"/> and <see cref="JsonValueKind.Undefined"/> are null.</param>
    /// <param name="fromText">True when the value is query-string text, which is parsed into non-text types.</param>
    /// <param name="value">The converted value.</param>
    public static FieldError? TryConvert(FieldDefinition field, object? raw, bool fromText, out object? value)
    {
        value = null;
        if (raw is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } || raw is null)
        {
            return null;
        }

        if (fromText && raw is string text && !field.IsText && !field.IsReference && field.Type != FieldType.Select)
        {
            return ConvertText(field, text, out value);
        }

        return field.Type switch
        {
            FieldType.Text or FieldType.Textarea or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Markdown
                or FieldType.Select or FieldType.Lookup or FieldType.MasterDetail => ConvertString(field, raw, out value),
            FieldType.Number or FieldType.Currency or FieldType.Percent => ConvertDecimal(field, raw, out value),
            FieldType.Autonumber => ConvertLong(field, raw, out value),
            FieldType.Boolean => ConvertBoolean(field, raw, out value),
            FieldType.Date => ConvertDate(field, raw, out value),
            FieldType.DateTime => ConvertDateTime(field, raw, out value),
            FieldType.Time => ConvertTime(field, raw, out value),
            FieldType.Multiselect or FieldType.Tags => ConvertList(field, raw, out value),
            FieldType.Json => ConvertJson(raw, out value),
            _ => Mismatch(field, "a supported value"),
        };
    }

    /// <summary>Describes the JSON kind or CLR type of a raw value, for messages.</summary>
    public static string Describe(object raw) => raw switch
    {
        JsonElement element => Configuration.JsonObjectWalker.Describe(element),
        string => "a string",
        bool => "a boolean",
        _ => raw.GetType().Name,
    };

    private static FieldError Mismatch(FieldDefinition field, string expected, object? raw = null) =>
        new(field.Name, "invalid_type", raw is null ? $"must be {expected}." : $"must be {expected}, not {Describe(raw)}.");

    private static FieldError? ConvertString(FieldDefinition field, object raw, out object? value)
    {
        value = raw switch
        {
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            string s => s,
            Guid g => g.ToString(),
            _ => null,
        };
        return value is null ? Mismatch(field, "a string", raw) : null;
    }

    private static FieldError? ConvertDecimal(FieldDefinition field, object raw, out object? value)
    {
        value = null;
        switch (raw)
        {
            case JsonElement { ValueKind: JsonValueKind.Number } element:
                if (!element.TryGetDecimal(out var parsed))
                {
                    return new(field.Name, "invalid_type", "is out of the supported numeric range.");
                }

                value = parsed;
                return null;
            case decimal d:
                value = d;
                return null;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                value = Convert.ToDecimal(raw, CultureInfo.InvariantCulture);
                return null;
            case double or float:
                var dbl = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
                if (double.IsFinite(dbl) && Math.Abs(dbl) < 7.9e28)
                {
                    value = Convert.ToDecimal(dbl);
                    return null;
                }

                return new(field.Name, "invalid_type", "is out of the supported numeric range.");
            default:
                return Mismatch(field, "a number", raw);
        }
    }

    private static FieldError? ConvertLong(FieldDefinition field, object raw, out object? value)
    {
        value = raw switch
        {
            JsonElement { ValueKind: JsonValueKind.Number } element when element.TryGetInt64(out var l) => l,
            long l => l,
            int i => (long)i,
            _ => null,
        };
        return value is null ? Mismatch(field, "a whole number", raw) : null;
    }

    private static FieldError? ConvertBoolean(FieldDefinition field, object raw, out object? value)
    {
        value = raw switch
        {
            JsonElement { ValueKind: JsonValueKind.True } => true,
            JsonElement { ValueKind: JsonValueKind.False } => false,
            bool b => b,
            _ => null,
        };
        return value is null ? Mismatch(field, "true or false", raw) : null;
    }

    private static FieldError? ConvertDate(FieldDefinition field, object raw, out object? value)
    {
        value = null;
        switch (raw)
        {
            case DateOnly d:
                value = d;
                return null;
            case DateTime dt:
                value = DateOnly.FromDateTime(dt);
                return null;
            default:
                return StringOf(raw) is { } s && ValueFormats.TryParseDate(s, out var date)
                    ? SetValue(date, out value)
                    : new(field.Name, "invalid_date", "must be a date such as 2025-03-31.");
        }
    }

    private static FieldError? ConvertDateTime(FieldDefinition field, object raw, out object? value)
    {
        value = null;
        switch (raw)
        {
            case DateTimeOffset dto:
                value = ValueFormats.Normalize(dto);
                return null;
            case DateTime dt when dt.Kind == DateTimeKind.Utc:
                value = ValueFormats.Normalize(new DateTimeOffset(dt));
                return null;
            default:
                return StringOf(raw) is { } s && ValueFormats.TryParseDateTime(s, out var instant)
                    ? SetValue(instant, out value)
                    : new(field.Name, "invalid_datetime", "must be an ISO 8601 date and time with an offset, such as 2025-03-31T09:30:00Z.");
        }
    }

    private static FieldError? ConvertTime(FieldDefinition field, object raw, out object? value)
    {
        value = null;
        if (raw is TimeOnly t)
        {
            value = t;
            return null;
        }

        return StringOf(raw) is { } s && ValueFormats.TryParseTime(s, out var time)
            ? SetValue(time, out value)
            : new(field.Name, "invalid_time", "must be a time of day such as 09:30 or 09:30:15.");
    }

    private static FieldError? ConvertList(FieldDefinition field, object raw, out object? value)
    {
        value = null;
        var items = new List<string>();
        switch (raw)
        {
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                foreach (var item in array.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return new(field.Name, "invalid_type", $"must be an array of strings, but holds {Describe(item)}.");
                    }

                    items.Add(item.GetString()!);
                }

                break;
            case string:
                return Mismatch(field, "an array of strings", raw);
            case IEnumerable<string> list:
                items.AddRange(list);
                break;
            default:
                return Mismatch(field, "an array of strings", raw);
        }

        value = items;
        return null;
    }

    private static FieldError? ConvertJson(object raw, out object? value)
    {
        value = raw is JsonElement element ? element.Clone() : JsonSerializer.SerializeToElement(raw);
        return null;
    }

    private static FieldError? ConvertText(FieldDefinition field, string text, out object? value)
    {
        value = null;
        switch (field.Type)
        {
            case FieldType.Number or FieldType.Currency or FieldType.Percent:
                if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    value = number;
                    return null;
                }

                return Mismatch(field, "a number");
            case FieldType.Autonumber:
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole))
                {
                    value = whole;
                    return null;
                }

                return Mismatch(field, "a whole number");
            case FieldType.Boolean:
                if (text is "true" or "false")
                {
                    value = text == "true";
                    return null;
                }

                return Mismatch(field, "true or false");
            case FieldType.Multiselect or FieldType.Tags:
                value = text;
                return null;
            case FieldType.Json:
                return new(field.Name, "invalid_type", "cannot be compared with a query-string value.");
            default:
                return TryConvert(field, text, fromText: false, out value);
        }
    }

    private static string? StringOf(object raw) => raw switch
    {
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
        string s => s,
        _ => null,
    };

    private static FieldError? SetValue(object converted, out object? value)
    {
        value = converted;
        return null;
    }
}
