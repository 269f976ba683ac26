using System.Collections.Frozen;

namespace ObjectStack.Abstractions.Metadata;

/// <summary>
/// A business object: its fields, indexes and behaviour (protocol 17 object schema). The object's name is also
/// its table name.
/// </summary>
/// <remarks>
/// Definitions handed out by the engine's metadata registry are complete: they include the system fields
/// (<see cref="SystemFieldNames"/>) first. Definitions a plugin contributes through <see cref="IObjectSource"/>
/// list only their own fields; the engine adds the system fields.
/// </remarks>
public sealed record ObjectDefinition
{
    private readonly IReadOnlyList<FieldDefinition> _fields = [];
    private FrozenDictionary<string, FieldDefinition> _byName = FrozenDictionary<string, FieldDefinition>.Empty;

    /// <summary>Gets the object name: snake_case and immutable; the table name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the display label.</summary>
    public string? Label { get; init; }

    /// <summary>Gets the plural display label.</summary>
    public string? PluralLabel { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the fields, in column order.</summary>
    public IReadOnlyList<FieldDefinition> Fields
    {
        get => _fields;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _fields = value;
            _byName = value.DistinctBy(f => f.Name, StringComparer.Ordinal).ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
        }
    }

    /// <summary>Gets the indexes, besides the one each unique field gets.</summary>
    public IReadOnlyList<IndexDefinition> Indexes { get; init; } = [];

    /// <summary>Gets the organization-wide default access. The default is <see cref="SharingModel.Private"/>.</summary>
    public SharingModel SharingModel { get; init; }

    /// <summary>Gets what the object enables.</summary>
    public ObjectFeatures Enable { get; init; } = ObjectFeatures.Default;

    /// <summary>Gets the field that names a record in lists and lookups, or null.</summary>
    public string? NameField { get; init; }

    /// <summary>Gets the fields searched by <c>search</c>; when empty, the name field and text fields are.</summary>
    public IReadOnlyList<string> SearchableFields { get; init; } = [];

    /// <summary>Gets a value indicating whether records belong to an organization (they carry <c>organization_id</c>).</summary>
    public bool OrganizationScoped { get; init; }

    /// <summary>Gets a value indicating whether the object is a platform object (<c>sys_*</c>) contributed by a plugin.</summary>
    public bool IsSystem { get; init; }

    /// <summary>Finds a field by name.</summary>
    /// <param name="name">The field name, case-sensitive.</param>
    /// <returns>The field, or null when the object has none by that name.</returns>
    public FieldDefinition? FindField(string name) => _byName.GetValueOrDefault(name);
}
