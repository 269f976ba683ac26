using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Metadata;

/// <summary>Adds the engine-maintained fields to an object, first in column order.</summary>
internal static class SystemFields
{
    private static readonly FieldDefinition Id = System(SystemFieldNames.Id, FieldType.Text, "ID");
    private static readonly FieldDefinition CreatedAt = System(SystemFieldNames.CreatedAt, FieldType.DateTime, "Created At");
    private static readonly FieldDefinition UpdatedAt = System(SystemFieldNames.UpdatedAt, FieldType.DateTime, "Updated At");
    private static readonly FieldDefinition CreatedBy = System(SystemFieldNames.CreatedBy, FieldType.Text, "Created By");
    private static readonly FieldDefinition UpdatedBy = System(SystemFieldNames.UpdatedBy, FieldType.Text, "Updated By");
    private static readonly FieldDefinition OwnerId = System(SystemFieldNames.OwnerId, FieldType.Text, "Owner");
    private static readonly FieldDefinition OrganizationId = System(SystemFieldNames.OrganizationId, FieldType.Text, "Organization") with { Hidden = true };

    /// <summary>Returns the object with the system fields before its own.</summary>
    public static ObjectDefinition Complete(ObjectDefinition obj)
    {
        var fields = new List<FieldDefinition>(obj.Fields.Count + 7) { Id, CreatedAt, UpdatedAt, CreatedBy, UpdatedBy, OwnerId };
        if (obj.OrganizationScoped)
        {
            fields.Add(OrganizationId);
        }

        fields.AddRange(obj.Fields.Where(f => !SystemFieldNames.Contains(f.Name)));
        return obj with { Fields = fields };
    }

    private static FieldDefinition System(string name, FieldType type, string label) =>
        new() { Name = name, Type = type, Label = label, ReadOnly = true, IsSystem = true };
}
