using System.Text.Json;

namespace ObjectStack.Hosting.Configuration;

/// <summary>
/// Walks one JSON object strictly: reports unknown and duplicate keys and values of the wrong kind, collecting
/// every problem into a shared error list instead of stopping at the first.
/// </summary>
internal sealed class JsonObjectWalker
{
    private readonly JsonElement _element;
    private readonly List<ConfigurationError> _errors;

    private JsonObjectWalker(JsonElement element, string path, List<ConfigurationError> errors)
    {
        _element = element;
        Path = path;
        _errors = errors;
    }

    /// <summary>Gets the JSON path of the object.</summary>
    public string Path { get; }

    /// <summary>Starts a walk when <paramref name="element"/> is an object; otherwise records an error and returns null.</summary>
    public static JsonObjectWalker? Start(JsonElement element, string path, List<ConfigurationError> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(path, $"must be an object, not {Describe(element)}."));
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                errors.Add(new(ChildPath(path, property.Name), "is given more than once."));
            }
        }

        return new JsonObjectWalker(element, path, errors);
    }

    /// <summary>Records an error for every key not in <paramref name="known"/>, using <paramref name="explain"/> for special cases.</summary>
    public void RejectUnknownKeys(IReadOnlySet<string> known, Func<string, string?>? explain = null)
    {
        foreach (var property in _element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                var message = explain?.Invoke(property.Name) ?? $"unknown key '{property.Name}'.{Suggest(property.Name, known)}";
                _errors.Add(new(ChildPath(Path, property.Name), message));
            }
        }
    }

    /// <summary>Returns the value of <paramref name="key"/>, or null when the key is absent.</summary>
    public JsonElement? Get(string key) => _element.TryGetProperty(key, out var value) ? value : null;

    /// <summary>Returns a boolean value, or <paramref name="fallback"/> when absent; records an error when not a boolean.</summary>
    public bool GetBoolean(string key, bool fallback = false)
    {
        var value = Get(key);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        if (value.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.Value.GetBoolean();
        }

        _errors.Add(new(ChildPath(Path, key), $"must be true or false, not {Describe(value.Value)}."));
        return fallback;
    }

    /// <summary>Returns a whole number within bounds, or null when absent; records an error otherwise.</summary>
    public int? GetInt(string key, int min, int max)
    {
        var value = Get(key);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt32(out var number) && number >= min && number <= max)
        {
            return number;
        }

        _errors.Add(new(ChildPath(Path, key), $"must be a whole number from {min} to {max}."));
        return null;
    }

    /// <summary>Returns a number, or null when absent; records an error otherwise.</summary>
    public decimal? GetDecimal(string key)
    {
        var value = Get(key);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetDecimal(out var number))
        {
            return number;
        }

        _errors.Add(new(ChildPath(Path, key), $"must be a number, not {Describe(value.Value)}."));
        return null;
    }

    /// <summary>Returns an array of strings, or null when absent; records an error otherwise.</summary>
    public List<string>? GetStringArray(string key)
    {
        var value = Get(key);
        if (value is null || value.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.Value.ValueKind == JsonValueKind.Array && value.Value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String))
        {
            return value.Value.EnumerateArray().Select(i => i.GetString()!).ToList();
        }

        _errors.Add(new(ChildPath(Path, key), "must be an array of strings."));
        return null;
    }

    /// <summary>Returns a string value; records an error when present but not a string, or when required and absent.</summary>
    public string? GetString(string key, bool required = false)
    {
        var value = Get(key);
        if (value is null)
        {
            if (required)
            {
                _errors.Add(new(ChildPath(Path, key), "is required."));
            }

            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.String)
        {
            _errors.Add(new(ChildPath(Path, key), $"must be a string, not {Describe(value.Value)}."));
            return null;
        }

        return value.Value.GetString();
    }

    /// <summary>Records an error at <paramref name="key"/> below this object.</summary>
    public void AddError(string key, string message) => _errors.Add(new(ChildPath(Path, key), message));

    /// <summary>Builds the path of a property below <paramref name="path"/>.</summary>
    public static string ChildPath(string path, string key) =>
        IsPlainIdentifier(key) ? $"{path}.{key}" : $"{path}['{key.Replace("'", "\\'", StringComparison.Ordinal)}']";

    /// <summary>Describes the kind of a JSON value for messages.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static bool IsPlainIdentifier(string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] == '_' || key[0] == '$')
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$');

    /// <summary>Returns " Did you mean 'x'?" for the closest of <paramref name="known"/>, or an empty string.</summary>
    public static string SuggestFrom(string key, IEnumerable<string> known) => Suggest(key, known);

    private static string Suggest(string key, IEnumerable<string> known)
    {
        var best = known
            .Select(k => (Key: k, Distance: EditDistance(k.ToLowerInvariant(), key.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(1, key.Length / 3))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Key is null ? string.Empty : $" Did you mean '{best.Key}'?";
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
