using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Data.Values;

namespace ObjectStack.Hosting.Data.Engine;

/// <summary>
/// Optimistic concurrency: a caller's version token (an <c>If-Match</c> header or <c>expectedVersion</c>) against the
/// record's <c>updated_at</c>. Quotes and a weak <c>W/</c> prefix are ignored, and instants compare by value, so
/// <c>2025-01-01T12:00:00Z</c> matches <c>2025-01-01T12:00:00.000Z</c>.
/// </summary>
internal static class VersionToken
{
    /// <summary>Throws <see cref="DataErrorCode.ConcurrentUpdate"/> when the token does not name the current version.</summary>
    /// <exception cref="DataOperationException">The token is empty, or the record has changed since.</exception>
    public static void Check(ObjectDefinition obj, string id, IReadOnlyDictionary<string, object?> current, string? expected)
    {
        if (expected is null || current.GetValueOrDefault(SystemFieldNames.UpdatedAt) is not DateTimeOffset updatedAt)
        {
            return;
        }

        var token = Normalize(expected);
        if (token.Length == 0)
        {
            throw DataErrors.Validation(obj, [new FieldError("expectedVersion", "invalid_value", "is empty; send the record's updated_at, or omit it.")]);
        }

        var currentVersion = ValueFormats.FormatDateTime(updatedAt);
        var matches = ValueFormats.TryParseDateTime(token, out var instant)
            ? instant.ToUnixTimeMilliseconds() == updatedAt.ToUnixTimeMilliseconds()
            : string.Equals(token, currentVersion, StringComparison.Ordinal);
        if (!matches)
        {
            throw new DataOperationException(
                DataErrorCode.ConcurrentUpdate,
                $"Record {obj.Name}/{id} was modified by another user (current version {currentVersion}, expected {token}).")
            {
                ObjectName = obj.Name,
                CurrentVersion = currentVersion,
                CurrentRecord = current,
            };
        }
    }

    /// <summary>Strips whitespace, a weak-validator prefix and one pair of surrounding quotes.</summary>
    public static string Normalize(string token)
    {
        var text = token.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1];
        }

        return text.Trim();
    }
}
