using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text.Json;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Metadata;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// The registry's objects in ObjectStack's artifact shape (fields as a name-keyed map, system fields included),
/// serialized once — the registry never changes while the process runs — with a strong ETag per object.
/// </summary>
internal sealed class MetadataDocuments
{
    private readonly FrozenDictionary<string, (Dictionary<string, object?> Item, string ETag)> _objects;

    public MetadataDocuments(IMetadataRegistry registry)
    {
        Items = [.. registry.Objects.Select(Describe)];
        _objects = Items.ToFrozenDictionary(i => (string)i["name"]!, i => (i, ETagOf(i)), StringComparer.Ordinal);
    }

    /// <summary>Gets every object document, ordered by name.</summary>
    public IReadOnlyList<Dictionary<string, object?>> Items { get; }

    /// <summary>Finds an object document and its ETag.</summary>
    public bool TryGet(string name, out Dictionary<string, object?> item, out string etag)
    {
        var found = _objects.TryGetValue(name, out var entry);
        (item, etag) = found ? entry : (null!, string.Empty);
        return found;
    }

    private static Dictionary<string, object?> Describe(ObjectDefinition obj) => new(StringComparer.Ordinal)
    {
        ["name"] = obj.Name,
        ["label"] = obj.Label,
        ["pluralLabel"] = obj.PluralLabel,
        ["description"] = obj.Description,
        ["isSystem"] = obj.IsSystem,
        ["fields"] = obj.Fields.ToDictionary(f => f.Name, Describe, StringComparer.Ordinal),
        ["indexes"] = obj.Indexes.Select(i => new { name = i.Name, fields = i.Fields, unique = i.Unique }).ToList(),
        ["sharingModel"] = Snake(obj.SharingModel.ToString()),
        ["enable"] = new
        {
            apiEnabled = obj.Enable.ApiEnabled,
            apiMethods = ObjectApiGate.Names(obj.Enable.ApiMethods),
            trackHistory = obj.Enable.TrackHistory,
            files = obj.Enable.Files,
            searchable = obj.Enable.Searchable,
        },
        ["nameField"] = obj.NameField,
        ["searchableFields"] = obj.SearchableFields.Count > 0 ? obj.SearchableFields : null,
        ["tenancy"] = new { enabled = obj.OrganizationScoped },
    };

    private static Dictionary<string, object?> Describe(FieldDefinition field)
    {
        var item = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = field.Name,
            ["type"] = FieldTypeNames.ToName(field.Type),
            ["label"] = field.Label,
            ["description"] = field.Description,
            ["required"] = field.Required,
            ["unique"] = field.Unique,
            ["readonly"] = field.ReadOnly,
            ["hidden"] = field.Hidden,
            ["system"] = field.IsSystem ? true : null,
            ["defaultValue"] = field.DefaultValue,
            ["maxLength"] = field.MaxLength,
            ["minLength"] = field.MinLength,
            ["min"] = field.Min,
            ["max"] = field.Max,
            ["precision"] = field.Precision,
            ["scale"] = field.Scale,
            ["externalId"] = field.ExternalId ? true : null,
            ["searchable"] = field.Searchable ? true : null,
            ["sortable"] = field.Sortable ? null : false,
        };
        if (field.Options.Count > 0)
        {
            item["options"] = field.Options.Select(o => new { label = o.Label ?? o.Value, value = o.Value }).ToList();
        }

        if (field.IsReference)
        {
            item["reference"] = field.Reference;
            item["deleteBehavior"] = Snake(field.DeleteBehavior.ToString());
        }

        foreach (var key in item.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            item.Remove(key);
        }

        return item;
    }

    private static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    private static string ETagOf(Dictionary<string, object?> item)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(item, RestJson.Options);
        return $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
    }
}
