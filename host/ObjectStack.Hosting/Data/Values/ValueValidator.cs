using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Data.Values;

/// <summary>Checks a converted, non-null value against its field's constraints and normalizes it (rounding, list clean-up).</summary>
internal static class ValueValidator
{
    /// <summary>Validates <paramref name="value"/>; returns null when it is acceptable, with the value to store.</summary>
    public static FieldError? Validate(FieldDefinition field, object value, out object normalized)
    {
        normalized = value;
        return value switch
        {
            string text => ValidateText(field, text),
            decimal number => ValidateNumber(field, number, out normalized),
            List<string> list => ValidateList(field, list, out normalized),
            _ => null,
        };
    }

    private static FieldError? ValidateText(FieldDefinition field, string text)
    {
        if (TextRules.HasForbiddenControl(text, multiline: true))
        {
            return new(field.Name, "invalid_characters", "must not contain control characters.");
        }

        var length = CountCharacters(text);
        if (field.MaxLength is { } max && length > max)
        {
            return new(field.Name, "max_length", $"must be at most {max} characters long (it is {length}).");
        }

        if (field.MinLength is { } min && length < min)
        {
            return new(field.Name, "min_length", $"must be at least {min} characters long (it is {length}).");
        }

        return field.Type switch
        {
            FieldType.Email when !TextRules.IsEmail(text) => new(field.Name, "invalid_email", "must be an e-mail address such as name@example.com."),
            FieldType.Url when !TextRules.IsUrl(text) => new(field.Name, "invalid_url", "must be an absolute http or https URL."),
            FieldType.Phone when !TextRules.IsPhone(text) => new(field.Name, "invalid_phone", "must be a phone number such as +1 555 0100."),
            FieldType.Select when !field.Options.Any(o => o.Value == text) => InvalidOption(field, text),
            _ => null,
        };
    }

    private static FieldError? ValidateNumber(FieldDefinition field, decimal number, out object normalized)
    {
        // Normalizing drops trailing zeros, so 1.50 has scale 1; excess decimals are refused rather than rounded.
        normalized = number;
        var scale = field.Scale ?? (field.Type == FieldType.Currency ? 2 : (int?)null);
        var actualScale = (number / 1.000000000000000000000000000000000m).Scale;
        if (scale is { } allowedScale && actualScale > allowedScale)
        {
            return new(field.Name, "max_scale", $"must have at most {allowedScale} digits after the decimal point (it has {actualScale}).");
        }

        if (field.Precision is { } precision)
        {
            var whole = Math.Truncate(Math.Abs(number));
            var integerDigits = whole == 0 ? 0 : whole.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
            var allowed = precision - (scale ?? 0);
            if (integerDigits > allowed)
            {
                return new(field.Name, "max_value", $"must have at most {allowed} digits before the decimal point.");
            }
        }

        if (field.Min is { } min && number < min)
        {
            return new(field.Name, "min_value", $"must be at least {min}.");
        }

        if (field.Max is { } max && number > max)
        {
            return new(field.Name, "max_value", $"must be at most {max}.");
        }

        return null;
    }

    private static FieldError? ValidateList(FieldDefinition field, List<string> list, out object normalized)
    {
        var clean = new List<string>(list.Count);
        foreach (var raw in list)
        {
            var item = field.Type == FieldType.Tags ? raw.Trim() : raw;
            if (item.Length == 0)
            {
                continue;
            }

            if (TextRules.HasForbiddenControl(item, multiline: false))
            {
                normalized = list;
                return new(field.Name, "invalid_characters", "must not contain control characters.");
            }

            if (field.Type == FieldType.Multiselect && !field.Options.Any(o => o.Value == item))
            {
                normalized = list;
                return InvalidOption(field, item);
            }

            if (!clean.Contains(item))
            {
                clean.Add(item);
            }
        }

        normalized = clean;
        if (field.MaxLength is { } max && clean.Exists(i => CountCharacters(i) > max))
        {
            return new(field.Name, "max_length", $"holds an entry longer than {max} characters.");
        }

        return null;
    }

    private static FieldError InvalidOption(FieldDefinition field, string value)
    {
        var allowed = string.Join(", ", field.Options.Take(20).Select(o => $"'{o.Value}'"));
        return new(field.Name, "invalid_option", $"'{Truncate(value)}' is not one of the options: {allowed}{(field.Options.Count > 20 ? ", ..." : "")}.");
    }

    private static int CountCharacters(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
