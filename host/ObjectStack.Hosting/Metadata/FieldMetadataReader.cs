using System.Text.Json;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Data.Values;

namespace ObjectStack.Hosting.Metadata;

/// <summary>Reads one field definition strictly, collecting every problem with its JSON path.</summary>
internal static class FieldMetadataReader
{
    public const int MaxNameLength = 63;

    public static FieldDefinition? Read(string name, JsonElement element, string path, List<ConfigurationError> errors)
    {
        var walker = JsonObjectWalker.Start(element, path, errors);
        if (walker is null)
        {
            return null;
        }

        MetadataKeyCheck.Check(walker, element, MetadataKeys.FieldKeys, MetadataKeys.FieldDisplayHints, MetadataKeys.FieldInertDefaults, "field");
        if (walker.GetString("name") is { } declaredName && declaredName != name)
        {
            walker.AddError("name", $"'{declaredName}' differs from the field's key '{name}'.");
        }

        var typeName = walker.GetString("type", required: true);
        if (typeName is null)
        {
            return null;
        }

        if (!FieldTypeNames.TryParse(typeName, out var type))
        {
            walker.AddError("type", FieldTypeNames.NotYetSupported.Contains(typeName)
                ? $"field type '{typeName}' is not supported by this runtime version yet."
                : $"unknown field type '{typeName}'.{JsonObjectWalker.SuggestFrom(typeName, FieldTypeNames.Supported)} The types are {string.Join(", ", FieldTypeNames.Supported)}.");
            return null;
        }

        var isText = type is FieldType.Text or FieldType.Textarea or FieldType.Email or FieldType.Url or FieldType.Phone or FieldType.Markdown;
        var isNumber = type is FieldType.Number or FieldType.Currency or FieldType.Percent;
        var isReference = type is FieldType.Lookup or FieldType.MasterDetail;
        var hasOptions = type is FieldType.Select or FieldType.Multiselect;
        RefuseUnless(walker, isText || type == FieldType.Tags, "maxLength", typeName);
        RefuseUnless(walker, isText, "minLength", typeName);
        RefuseUnless(walker, isNumber, "min", typeName);
        RefuseUnless(walker, isNumber, "max", typeName);
        RefuseUnless(walker, isNumber, "precision", typeName);
        RefuseUnless(walker, isNumber, "scale", typeName);
        RefuseUnless(walker, hasOptions, "options", typeName);
        RefuseUnless(walker, isReference, "reference", typeName);
        RefuseUnless(walker, isReference, "deleteBehavior", typeName);

        var options = hasOptions ? ReadOptions(walker, type, errors) : [];
        var field = new FieldDefinition
        {
            Name = name,
            Type = type,
            Label = walker.GetString("label"),
            Description = walker.GetString("description"),
            Required = walker.GetBoolean("required"),
            Unique = ReadUnique(walker),
            UniqueGlobal = walker.Get("unique") is { ValueKind: JsonValueKind.String } scope && scope.GetString() == "global",
            ReadOnly = walker.GetBoolean("readonly") || type == FieldType.Autonumber,
            Hidden = walker.GetBoolean("hidden"),
            Internal = walker.GetBoolean("internal"),
            MaxLength = walker.GetInt("maxLength", 1, 1_000_000),
            MinLength = walker.GetInt("minLength", 1, 1_000_000),
            Min = walker.GetDecimal("min"),
            Max = walker.GetDecimal("max"),
            Precision = walker.GetInt("precision", 1, 28),
            Scale = walker.GetInt("scale", 0, 18),
            Options = options,
            Reference = isReference ? walker.GetString("reference", required: true) : null,
            DeleteBehavior = isReference ? ReadDeleteBehavior(walker, type, walker.GetBoolean("required")) : DeleteBehavior.SetNull,
            ExternalId = walker.GetBoolean("externalId"),
            Searchable = walker.GetBoolean("searchable"),
            Sortable = walker.GetBoolean("sortable", fallback: true),
        };

        if (field.MinLength > field.MaxLength)
        {
            walker.AddError("minLength", $"is greater than maxLength ({field.MaxLength}).");
        }

        if (field.Min > field.Max)
        {
            walker.AddError("min", $"is greater than max ({field.Max}).");
        }

        if (field.Scale > field.Precision)
        {
            walker.AddError("scale", $"is greater than precision ({field.Precision}).");
        }

        return WithDefault(field, walker, options);
    }

    private static void RefuseUnless(JsonObjectWalker walker, bool applies, string key, string typeName)
    {
        if (!applies && walker.Get(key) is { ValueKind: not JsonValueKind.Null })
        {
            walker.AddError(key, $"does not apply to a '{typeName}' field.");
        }
    }

    /// <summary>Reads <c>unique</c>: true, false, <c>global</c> or <c>organization</c> (all but false mean unique; the scope is read separately).</summary>
    public static bool ReadUnique(JsonObjectWalker walker)
    {
        var value = walker.Get("unique");
        if (value is null || value.Value.ValueKind is JsonValueKind.Null or JsonValueKind.False)
        {
            return false;
        }

        if (value.Value.ValueKind == JsonValueKind.True || value.Value.ValueKind == JsonValueKind.String && value.Value.GetString() is "global" or "organization")
        {
            return true;
        }

        walker.AddError("unique", "must be true, false, 'global' or 'organization'.");
        return false;
    }

    private static DeleteBehavior ReadDeleteBehavior(JsonObjectWalker walker, FieldType type, bool required)
    {
        // A required lookup cannot be cleared, so deleting its target is restricted unless declared otherwise.
        var fallback = type == FieldType.MasterDetail ? DeleteBehavior.Cascade : required ? DeleteBehavior.Restrict : DeleteBehavior.SetNull;
        switch (walker.GetString("deleteBehavior"))
        {
            case null:
                return fallback;
            case "set_null" when required:
                walker.AddError("deleteBehavior", "'set_null' cannot apply to a required field: deleting the target would have to clear it. Use 'restrict' or 'cascade'.");
                return fallback;
            case "set_null" when type == FieldType.MasterDetail:
                walker.AddError("deleteBehavior", "'set_null' cannot apply to a master_detail field: a detail record cannot exist without its master. Use 'cascade' or 'restrict'.");
                return fallback;
            case "set_null":
                return DeleteBehavior.SetNull;
            case "cascade":
                return DeleteBehavior.Cascade;
            case "restrict":
                return DeleteBehavior.Restrict;
            case var other:
                walker.AddError("deleteBehavior", $"'{other}' is not one of set_null, cascade, restrict.");
                return fallback;
        }
    }

    private static List<SelectOption> ReadOptions(JsonObjectWalker walker, FieldType type, List<ConfigurationError> errors)
    {
        var options = new List<SelectOption>();
        if (walker.Get("options") is not { ValueKind: JsonValueKind.Array } array || array.GetArrayLength() == 0)
        {
            walker.AddError("options", $"a '{FieldTypeNames.ToName(type)}' field needs a non-empty array of options.");
            return options;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"{walker.Path}.options[{index++}]";
            if (JsonObjectWalker.Start(item, path, errors) is not { } option)
            {
                continue;
            }

            option.RejectUnknownKeys(MetadataKeys.OptionKeys);
            var value = option.GetString("value", required: true);
            if (value is null)
            {
                continue;
            }

            if (value.Length == 0 || value.Length > 255 || value.Any(char.IsControl))
            {
                option.AddError("value", "must be 1 to 255 characters without control characters.");
            }
            else if (options.Exists(o => o.Value == value))
            {
                option.AddError("value", $"'{value}' is listed twice.");
            }

            options.Add(new SelectOption { Value = value, Label = option.GetString("label"), Color = option.GetString("color"), IsDefault = option.GetBoolean("default") });
            option.GetString("description");
        }

        if (type == FieldType.Select && options.Count(o => o.IsDefault) > 1)
        {
            walker.AddError("options", "more than one option is marked as the default.");
        }

        return options;
    }

    private static FieldDefinition WithDefault(FieldDefinition field, JsonObjectWalker walker, List<SelectOption> options)
    {
        object? value = null;
        if (walker.Get("defaultValue") is { ValueKind: not JsonValueKind.Null } raw)
        {
            if (field.Type == FieldType.Autonumber)
            {
                walker.AddError("defaultValue", "an autonumber field takes its value from its sequence.");
                return field;
            }

            var error = ValueConverter.TryConvert(field, raw, fromText: false, out value);
            if (error is null && value is not null)
            {
                error = ValueValidator.Validate(field, value, out value);
            }

            if (error is not null)
            {
                walker.AddError("defaultValue", error.Message);
                return field;
            }
        }
        else if (options.Where(o => o.IsDefault).Select(o => o.Value).ToList() is { Count: > 0 } defaults)
        {
            value = field.Type == FieldType.Select ? defaults[0] : defaults;
        }

        return value is null ? field : field with { DefaultValue = value };
    }
}
