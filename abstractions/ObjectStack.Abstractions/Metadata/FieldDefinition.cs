namespace ObjectStack.Abstractions.Metadata;

/// <summary>One field of an object: its type, constraints and references (protocol 17 field schema).</summary>
/// <remarks>Immutable once built. Values follow the CLR types documented on <see cref="FieldType"/>.</remarks>
public sealed record FieldDefinition
{
    /// <summary>Gets the field name: snake_case, equal to the column name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the field type.</summary>
    public required FieldType Type { get; init; }

    /// <summary>Gets the display label.</summary>
    public string? Label { get; init; }

    /// <summary>Gets the description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets a value indicating whether a value is required on insert and may not be cleared.</summary>
    public bool Required { get; init; }

    /// <summary>Gets a value indicating whether no two records may hold the same non-null value.</summary>
    public bool Unique { get; init; }

    /// <summary>
    /// Gets a value indicating whether a <see cref="Unique"/> field is unique across the whole installation
    /// (<c>unique: "global"</c>) rather than within each organization (<c>true</c> or <c>"organization"</c>, the default
    /// on organization-scoped objects).
    /// </summary>
    public bool UniqueGlobal { get; init; }

    /// <summary>Gets the value used on insert when none is given, in the field's CLR type; null for none.</summary>
    public object? DefaultValue { get; init; }

    /// <summary>Gets a value indicating whether callers may not set the field; only server code writes it.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Gets a value indicating whether user interfaces hide the field. It is still returned by the API.</summary>
    public bool Hidden { get; init; }

    /// <summary>
    /// Gets a value indicating whether only server code sees the field (protocol key <c>internal</c>), such as a
    /// password hash or a token digest. For every caller but the system context the field does not exist: it is
    /// never returned (not even as null), and selecting, filtering, sorting, searching on or writing it is refused
    /// as an unknown field. Metadata routes omit it. It cannot be required, searchable, an external id, an
    /// autonumber, or the name field.
    /// </summary>
    public bool Internal { get; init; }

    /// <summary>Gets the maximum length of text, in characters.</summary>
    public int? MaxLength { get; init; }

    /// <summary>Gets the minimum length of non-empty text, in characters.</summary>
    public int? MinLength { get; init; }

    /// <summary>Gets the smallest allowed number.</summary>
    public decimal? Min { get; init; }

    /// <summary>Gets the largest allowed number.</summary>
    public decimal? Max { get; init; }

    /// <summary>Gets the total number of significant digits a number may have.</summary>
    public int? Precision { get; init; }

    /// <summary>Gets the number of digits after the decimal point; values are rounded to it.</summary>
    public int? Scale { get; init; }

    /// <summary>Gets the options of a <c>select</c> or <c>multiselect</c> field.</summary>
    public IReadOnlyList<SelectOption> Options { get; init; } = [];

    /// <summary>Gets the name of the object a <c>lookup</c> or <c>master_detail</c> field references.</summary>
    public string? Reference { get; init; }

    /// <summary>Gets what happens to this record when the referenced record is deleted.</summary>
    public DeleteBehavior DeleteBehavior { get; init; }

    /// <summary>Gets a value indicating whether the field identifies records for seed upserts.</summary>
    public bool ExternalId { get; init; }

    /// <summary>
    /// Gets a value indicating whether full-text search matches the field when the object declares no
    /// <see cref="ObjectDefinition.SearchableFields"/>; when no field of the object sets it, its visible text fields are searched.
    /// </summary>
    public bool Searchable { get; init; }

    /// <summary>Gets a value indicating whether callers may sort by the field (default true).</summary>
    public bool Sortable { get; init; } = true;

    /// <summary>Gets a value indicating whether the engine adds and maintains the field (see <see cref="SystemFieldNames"/>).</summary>
    public bool IsSystem { get; init; }

    /// <summary>Gets a value indicating whether the field references another record.</summary>
    public bool IsReference => Type is FieldType.Lookup or FieldType.MasterDetail;

    /// <summary>Gets a value indicating whether the field holds text the text operators apply to.</summary>
    public bool IsText => Type is FieldType.Text or FieldType.Textarea or FieldType.Email or FieldType.Url
        or FieldType.Phone or FieldType.Markdown or FieldType.Select;

    /// <summary>Gets a value indicating whether the field holds a list of strings.</summary>
    public bool IsList => Type is FieldType.Multiselect or FieldType.Tags;
}
