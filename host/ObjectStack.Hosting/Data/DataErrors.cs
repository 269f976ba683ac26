using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Data;

/// <summary>The data engine's error messages, in one place so that every path words a problem the same way.</summary>
internal static class DataErrors
{
    public static DataOperationException ObjectNotFound(string objectName) =>
        new(DataErrorCode.ObjectNotFound, $"Object '{objectName}' is not registered") { ObjectName = objectName };

    public static DataOperationException RecordNotFound(ObjectDefinition obj, string id) =>
        new(DataErrorCode.RecordNotFound, $"Record {id} not found in {obj.Name}") { ObjectName = obj.Name };

    public static DataOperationException UnknownField(ObjectDefinition obj, string field, string role)
    {
        var message = field.Contains('.', StringComparison.Ordinal)
            ? $"'{field}' follows a relationship; {role} reaches only fields of object '{obj.Name}' itself."
            : $"Unknown field '{field}' on object '{obj.Name}'.";
        return new(DataErrorCode.InvalidField, message, [new FieldError(field, "unknown_field", message)])
        {
            ObjectName = obj.Name,
            Hint = FieldHint(obj, field),
        };
    }

    public static DataOperationException InvalidFilter(ObjectDefinition obj, string message) =>
        new(DataErrorCode.InvalidFilter, message) { ObjectName = obj.Name };

    public static DataOperationException InvalidQuery(ObjectDefinition obj, string message) =>
        new(DataErrorCode.InvalidQuery, message) { ObjectName = obj.Name };

    public static DataOperationException InvalidSort(ObjectDefinition obj, string field, string message) =>
        new(DataErrorCode.InvalidSort, message, [new FieldError(field, "invalid_sort", message)]) { ObjectName = obj.Name, Hint = FieldHint(obj, field) };

    public static DataOperationException Validation(ObjectDefinition obj, IReadOnlyList<FieldError> errors) =>
        new(DataErrorCode.ValidationFailed, string.Join("; ", errors.Select(e => $"{e.Field} {e.Message}")), errors) { ObjectName = obj.Name };

    public static DataOperationException PermissionDenied(ObjectDefinition obj, string operation) =>
        new(DataErrorCode.PermissionDenied, $"You may not {operation} records of object '{obj.Name}'.") { ObjectName = obj.Name };

    /// <summary>Suggests a field with a similar name, as " Did you mean the field 'x'?", or returns null.</summary>
    public static string? FieldHint(ObjectDefinition obj, string field)
    {
        var suggestion = JsonObjectWalker.SuggestFrom(field, obj.Fields.Select(f => f.Name));
        return suggestion.Length == 0 ? null : suggestion.Trim();
    }
}
