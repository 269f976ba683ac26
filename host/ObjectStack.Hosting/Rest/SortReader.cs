using System.Text.Json;
using ObjectStack.Abstractions.Data;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// Reads a sort in every spelling the protocol and the official client use: <c>-created_at</c>, <c>name asc,amount desc</c>,
/// a JSON array of such strings or of <c>{field, order}</c> objects, or a map <c>{name: "asc"}</c>.
/// </summary>
internal static class SortReader
{
    /// <summary>Reads the text of a <c>sort</c> query parameter.</summary>
    public static List<SortField> ReadText(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                return Read(document.RootElement);
            }
            catch (JsonException ex)
            {
                throw Invalid($"The sort parameter starts like a JSON array but is not valid JSON: {ex.Message}");
            }
        }

        return [.. trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ReadItem)];
    }

    /// <summary>Reads a sort from a JSON body.</summary>
    public static List<SortField> Read(JsonElement sort) => sort.ValueKind switch
    {
        JsonValueKind.String => ReadText(sort.GetString()!),
        JsonValueKind.Array => [.. sort.EnumerateArray().Select(ReadElement)],
        JsonValueKind.Object when sort.TryGetProperty("field", out _) => [ReadElement(sort)],
        JsonValueKind.Object => [.. sort.EnumerateObject().Select(p => new SortField(p.Name, Direction(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : "?", p.Name)))],
        JsonValueKind.Null => [],
        _ => throw Invalid("A sort must be a string such as \"-created_at\" or an array of {field, order}."),
    };

    private static SortField ReadElement(JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return ReadItem(item.GetString()!);
        }

        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String)
        {
            throw Invalid("Each sort entry must be a string such as \"-created_at\" or an object {\"field\": \"name\", \"order\": \"asc\"}.");
        }

        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("field" or "order"))
            {
                throw Invalid($"A sort entry has the key '{property.Name}'; use {{\"field\": ..., \"order\": \"asc\" | \"desc\"}}.");
            }
        }

        var order = item.TryGetProperty("order", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "asc";
        return new SortField(field.GetString()!, Direction(order, field.GetString()!));
    }

    private static SortField ReadItem(string item)
    {
        var text = item.Trim();
        if (text.StartsWith('-'))
        {
            return new SortField(text[1..].Trim(), SortDirection.Descending);
        }

        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            1 when text.Contains(':', StringComparison.Ordinal) => throw Invalid(
                $"Cannot sort by '{text}'. The direction is spelled with a space or a leading '-': 'name desc' or '-name'."),
            1 => new SortField(parts[0]),
            2 => new SortField(parts[0], Direction(parts[1], parts[0])),
            _ => throw Invalid($"Cannot read the sort entry '{text}'; use 'field', '-field' or 'field asc|desc'."),
        };
    }

    private static SortDirection Direction(string order, string field) => order.ToUpperInvariant() switch
    {
        "ASC" => SortDirection.Ascending,
        "DESC" => SortDirection.Descending,
        _ => throw Invalid($"The sort direction of '{field}' must be 'asc' or 'desc', not '{order}'."),
    };

    private static DataOperationException Invalid(string message) => new(DataErrorCode.InvalidSort, message);
}
