using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data.Values;

namespace ObjectStack.Hosting.Data.Engine;

/// <summary>
/// Turns a caller's field values into typed, validated values. Unknown names are refused; values the caller may not
/// set (the id, engine-maintained and read-only fields, autonumbers) are dropped and reported, never silently stored.
/// </summary>
internal static class WriteInput
{
    /// <summary>Converts and validates <paramref name="input"/>.</summary>
    /// <param name="obj">The object written.</param>
    /// <param name="input">The caller's values.</param>
    /// <param name="context">The caller; the system context may set read-only fields, the owner and, on insert, the id.</param>
    /// <param name="insert">True for an insert, false for an update.</param>
    /// <param name="errors">Receives conversion and validation problems.</param>
    /// <param name="dropped">Receives the names of values dropped.</param>
    /// <returns>The values to store.</returns>
    /// <exception cref="DataOperationException">A name is not a field of the object (<see cref="DataErrorCode.InvalidField"/>).</exception>
    public static Dictionary<string, object?> Read(
        ObjectDefinition obj,
        IReadOnlyDictionary<string, object?> input,
        OperationContext context,
        bool insert,
        List<FieldError> errors,
        List<string> dropped)
    {
        var values = new Dictionary<string, object?>(input.Count + 8, StringComparer.Ordinal);
        List<string>? unknown = null;
        foreach (var (name, raw) in input)
        {
            var field = obj.FindField(name);
            if (field is null)
            {
                (unknown ??= []).Add(name);
                continue;
            }

            if (!MaySet(field, context, insert))
            {
                dropped.Add(name);
                continue;
            }

            var error = ValueConverter.TryConvert(field, raw, fromText: false, out var value);
            if (error is null && value is not null)
            {
                error = ValueValidator.Validate(field, value, out var normalized);
                value = normalized;
            }

            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            values[field.Name] = value;
        }

        if (unknown is not null)
        {
            var first = DataErrors.UnknownField(obj, unknown[0], "a write");
            throw new DataOperationException(
                DataErrorCode.InvalidField,
                unknown.Count == 1 ? first.Message : $"Unknown fields {string.Join(", ", unknown.Select(u => $"'{u}'"))} on object '{obj.Name}'.",
                unknown.Select(u => new FieldError(u, "unknown_field", $"is not a field of object '{obj.Name}'.")).ToList())
            {
                ObjectName = obj.Name,
                Hint = first.Hint,
            };
        }

        return values;
    }

    /// <summary>Adds a <c>required</c> error for each required field that is missing (insert) or cleared (update).</summary>
    public static void CheckRequired(ObjectDefinition obj, Dictionary<string, object?> values, bool insert, List<FieldError> errors)
    {
        foreach (var field in obj.Fields)
        {
            if (!field.Required || field.IsSystem || field.Type == FieldType.Autonumber)
            {
                continue;
            }

            var present = values.TryGetValue(field.Name, out var value);
            if ((insert || present) && IsMissing(value) && !errors.Exists(e => e.Field == field.Name))
            {
                errors.Add(new FieldError(field.Name, "required", insert ? "is required." : "is required and cannot be cleared."));
            }
        }
    }

    /// <summary>Fills each field the caller left out with its default value.</summary>
    public static void ApplyDefaults(ObjectDefinition obj, Dictionary<string, object?> values)
    {
        foreach (var field in obj.Fields)
        {
            if (field.DefaultValue is not null && !values.ContainsKey(field.Name))
            {
                values[field.Name] = field.DefaultValue;
            }
        }
    }

    private static bool MaySet(FieldDefinition field, OperationContext context, bool insert) => field switch
    {
        { Type: FieldType.Autonumber } => false,
        { Name: SystemFieldNames.Id } => context.IsSystem && insert,
        { IsSystem: true } => context.IsSystem && field.Name == SystemFieldNames.OwnerId,
        { ReadOnly: true } => context.IsSystem,
        _ => true,
    };

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        ICollection<string> list => list.Count == 0,
        _ => false,
    };
}
