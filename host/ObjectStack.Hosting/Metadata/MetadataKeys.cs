using System.Text.Json;

namespace ObjectStack.Hosting.Metadata;

/// <summary>
/// How the reader treats each key of an object and a field. Keys this runtime enforces are read; display hints
/// for user interfaces are accepted; protocol keys with behaviour this runtime does not enforce yet are accepted
/// only when they hold their inert default (null, false, empty, or the documented default), so no declared
/// behaviour is ever silently ignored.
/// </summary>
internal static class MetadataKeys
{
    public static readonly IReadOnlySet<string> ObjectKeys = Set(
        "name", "label", "pluralLabel", "description", "fields", "indexes", "sharingModel", "enable", "nameField",
        "searchableFields", "tenancy", "datasource", "displayNameField");

    public static readonly IReadOnlySet<string> ObjectDisplayHints = Set(
        "icon", "highlightFields", "stageField", "editMode", "listViews", "fieldGroups");

    public static readonly IReadOnlyDictionary<string, string?> ObjectInertDefaults = Defaults(
        ("isSystem", "false"), ("managedBy", null), ("ownership", "\"user\""), ("userActions", null), ("systemFields", null),
        ("external", null), ("access", null), ("requiredPermissions", null), ("lifecycle", null), ("validations", null),
        ("activityMilestones", null), ("externalSharingModel", null), ("publicSharing", null), ("actions", null),
        ("protection", null), ("titleFormat", null), ("fileAccessDelegate", null));

    public static readonly IReadOnlySet<string> EnableKeys = Set("apiEnabled", "apiMethods", "trackHistory", "files", "searchable");

    public static readonly IReadOnlyDictionary<string, string?> EnableInertDefaults = Defaults(("feeds", "true"), ("activities", "true"), ("clone", "true"));

    public static readonly IReadOnlySet<string> FieldKeys = Set(
        "name", "type", "label", "description", "required", "unique", "defaultValue", "readonly", "hidden", "maxLength",
        "minLength", "min", "max", "precision", "scale", "options", "reference", "deleteBehavior", "externalId",
        "searchable", "sortable", "internal");

    public static readonly IReadOnlySet<string> FieldDisplayHints = Set(
        "format", "group", "widget", "inlineHelpText", "placeholder", "rows", "step", "useGrouping", "displayField",
        "descriptionField", "lookupColumns", "lookupPageSize", "relatedList", "relatedListTitle", "relatedListColumns",
        "relatedListFilter", "inlineEdit", "inlineTitle", "inlineColumns", "inlineAmountField", "allowCreate", "language");

    public static readonly IReadOnlyDictionary<string, string?> FieldInertDefaults = Defaults(
        ("multiple", "false"), ("trackHistory", "false"), ("internal", "false"), ("system", "false"), ("storage", null),
        ("valueDomain", null), ("accept", null), ("maxSize", null), ("referenceVia", null), ("lookupFilters", null),
        ("dependsOn", null), ("expression", null), ("returnType", null), ("summaryOperations", null), ("currencyConfig", null),
        ("dimensions", null), ("visibleWhen", null), ("readonlyWhen", null), ("requiredWhen", null),
        ("requiredPermissions", null), ("maskingRule", null), ("ackPlaintextMasking", "false"), ("autonumberFormat", "\"{0000}\""));

    public static readonly IReadOnlySet<string> OptionKeys = Set("value", "label", "color", "default", "description");

    public static readonly IReadOnlySet<string> IndexKeys = Set("name", "fields", "unique");

    public static readonly IReadOnlySet<string> TenancyKeys = Set("enabled");

    /// <summary>True when <paramref name="value"/> is inert: null, false, empty, or equal to the documented default.</summary>
    public static bool IsInert(JsonElement value, string? defaultJson)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.False or JsonValueKind.Undefined:
                return true;
            case JsonValueKind.Array:
                return value.GetArrayLength() == 0;
            case JsonValueKind.Object:
                return !value.EnumerateObject().Any();
            case JsonValueKind.String when value.GetString()!.Length == 0:
                return true;
            default:
                if (defaultJson is null)
                {
                    return false;
                }

                using (var document = JsonDocument.Parse(defaultJson))
                {
                    return JsonElement.DeepEquals(value, document.RootElement);
                }
        }
    }

    private static HashSet<string> Set(params string[] keys) => new(keys, StringComparer.Ordinal);

    private static Dictionary<string, string?> Defaults(params (string Key, string? Json)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Json, StringComparer.Ordinal);
}
