using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Metadata;

/// <summary>The checks that span objects: references, name fields, search fields, indexes. Every problem is reported.</summary>
internal static class MetadataValidator
{
    /// <summary>Validates <paramref name="objects"/> against each other.</summary>
    /// <param name="objects">The objects with their JSON paths.</param>
    /// <param name="errors">Receives every problem.</param>
    /// <param name="deferPlatformReferences">True while plugins have not contributed their <c>sys_*</c> objects yet,
    /// so references to them are checked later, at boot.</param>
    public static void Validate(IReadOnlyList<(ObjectDefinition Object, string Path)> objects, List<ConfigurationError> errors, bool deferPlatformReferences = false)
    {
        var byName = objects.GroupBy(o => o.Object.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Object, StringComparer.Ordinal);
        foreach (var duplicate in objects.GroupBy(o => o.Object.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(new(duplicate.Last().Path, $"object '{duplicate.Key}' is also defined at {duplicate.First().Path}."));
        }

        foreach (var (obj, path) in objects)
        {
            foreach (var field in obj.Fields.Where(f => f.IsReference))
            {
                if (field.Reference is { } target && !byName.ContainsKey(target)
                    && !(deferPlatformReferences && target.StartsWith("sys_", StringComparison.Ordinal)))
                {
                    errors.Add(new($"{path}.fields.{field.Name}.reference", $"'{target}' is not a defined object.{JsonObjectWalker.SuggestFrom(target, byName.Keys)}"));
                }
            }

            if (obj.NameField is { } nameField)
            {
                CheckField(obj, nameField, $"{path}.nameField", errors, requireText: false);
                RefuseInternal(obj, nameField, $"{path}.nameField", "the name field", errors);
            }

            for (var i = 0; i < obj.SearchableFields.Count; i++)
            {
                CheckField(obj, obj.SearchableFields[i], $"{path}.searchableFields[{i}]", errors, requireText: true);
                RefuseInternal(obj, obj.SearchableFields[i], $"{path}.searchableFields[{i}]", "searched", errors);
            }

            foreach (var field in obj.Fields.Where(f => f.Internal))
            {
                CheckInternal(field, $"{path}.fields.{field.Name}.internal", errors);
            }

            for (var i = 0; i < obj.Indexes.Count; i++)
            {
                foreach (var field in obj.Indexes[i].Fields)
                {
                    CheckField(obj, field, $"{path}.indexes[{i}].fields", errors, requireText: false);
                }
            }

            if (obj.SharingModel == SharingModel.ControlledByParent && !obj.Fields.Any(f => f.Type == FieldType.MasterDetail))
            {
                errors.Add(new($"{path}.sharingModel", "'controlled_by_parent' needs a master_detail field naming the parent."));
            }
        }
    }

    /// <summary>An internal field exists for server code only, so nothing a caller must supply, search or see can be one.</summary>
    private static void CheckInternal(FieldDefinition field, string path, List<ConfigurationError> errors)
    {
        var conflict = field switch
        {
            { IsSystem: true } => "a system field",
            { Required: true } => "required (callers could not supply it)",
            { Searchable: true } => "searchable",
            { ExternalId: true } => "an external id",
            { Type: FieldType.Autonumber } => "an autonumber",
            _ => null,
        };
        if (conflict is not null)
        {
            errors.Add(new(path, $"an internal field cannot be {conflict}."));
        }
    }

    private static void RefuseInternal(ObjectDefinition obj, string name, string path, string role, List<ConfigurationError> errors)
    {
        if (obj.FindField(name) is { Internal: true })
        {
            errors.Add(new(path, $"'{name}' is internal, so it cannot be {role}."));
        }
    }

    private static void CheckField(ObjectDefinition obj, string name, string path, List<ConfigurationError> errors, bool requireText)
    {
        var field = obj.FindField(name);
        if (field is null && !SystemFieldNames.Contains(name))
        {
            errors.Add(new(path, $"'{name}' is not a field of '{obj.Name}'.{JsonObjectWalker.SuggestFrom(name, obj.Fields.Select(f => f.Name))}"));
        }
        else if (requireText && field is not null && !field.IsText)
        {
            errors.Add(new(path, $"'{name}' is a {FieldTypeNames.ToName(field.Type)} field; search works on text fields only."));
        }
    }
}
