using System.Collections.Frozen;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Metadata;

/// <summary>The wire names of field types (protocol 17 <c>FieldType</c>), and the protocol types this runtime does not serve yet.</summary>
public static class FieldTypeNames
{
    private static readonly FrozenDictionary<string, FieldType> ByName = new Dictionary<string, FieldType>(StringComparer.Ordinal)
    {
        ["text"] = FieldType.Text,
        ["textarea"] = FieldType.Textarea,
        ["email"] = FieldType.Email,
        ["url"] = FieldType.Url,
        ["phone"] = FieldType.Phone,
        ["markdown"] = FieldType.Markdown,
        ["number"] = FieldType.Number,
        ["currency"] = FieldType.Currency,
        ["percent"] = FieldType.Percent,
        ["boolean"] = FieldType.Boolean,
        ["date"] = FieldType.Date,
        ["datetime"] = FieldType.DateTime,
        ["time"] = FieldType.Time,
        ["select"] = FieldType.Select,
        ["multiselect"] = FieldType.Multiselect,
        ["lookup"] = FieldType.Lookup,
        ["master_detail"] = FieldType.MasterDetail,
        ["json"] = FieldType.Json,
        ["autonumber"] = FieldType.Autonumber,
        ["tags"] = FieldType.Tags,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<FieldType, string> ByType = ByName.ToFrozenDictionary(p => p.Value, p => p.Key);

    /// <summary>Gets the protocol 17 field types that exist but are not served by this runtime version.</summary>
    public static IReadOnlySet<string> NotYetSupported { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "password", "secret", "html", "richtext", "toggle", "radio", "checkboxes", "tree", "user", "image", "file",
        "avatar", "video", "audio", "formula", "summary", "composite", "repeater", "record", "location", "address",
        "code", "color", "rating", "slider", "signature", "qrcode", "progress", "vector",
    };

    /// <summary>Gets every supported wire name.</summary>
    public static IEnumerable<string> Supported => ByName.Keys.Order(StringComparer.Ordinal);

    /// <summary>Parses a wire name.</summary>
    /// <param name="name">A wire name such as <c>master_detail</c>.</param>
    /// <param name="type">The type.</param>
    /// <returns>True when the name is a supported type.</returns>
    public static bool TryParse(string name, out FieldType type) => ByName.TryGetValue(name, out type);

    /// <summary>Gets the wire name of a type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The wire name, such as <c>master_detail</c>.</returns>
    public static string ToName(FieldType type) => ByType[type];
}
