using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ObjectStack.Drivers.Sqlite.Storage;

/// <summary>
/// Remembers the totals of list queries until their table is written. Every committed write bumps the table's
/// version; a total is reused only while the version it was counted at is still current, so a cached total is
/// always the exact count a fresh query would return. The version is read before counting, so a write that commits
/// meanwhile can only make the entry stale, never wrong. All writers to the database go through this driver.
/// </summary>
internal sealed class CountCache
{
    private const int Capacity = 8192;
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (long Version, long Count)> _counts = new(StringComparer.Ordinal);

    /// <summary>Gets the current version of a table.</summary>
    public long VersionOf(string table) => _versions.GetValueOrDefault(table);

    /// <summary>Marks tables as written by a committed transaction.</summary>
    public void Bump(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            _versions.AddOrUpdate(table, 1, static (_, v) => v + 1);
        }
    }

    /// <summary>Forgets everything, after the schema changed.</summary>
    public void Clear()
    {
        foreach (var table in _versions.Keys)
        {
            Bump([table]);
        }

        _counts.Clear();
    }

    /// <summary>Returns a total counted at <paramref name="version"/>, if there is one.</summary>
    public bool TryGet(string key, long version, out long count)
    {
        if (_counts.TryGetValue(key, out var entry) && entry.Version == version)
        {
            count = entry.Count;
            return true;
        }

        count = 0;
        return false;
    }

    /// <summary>Stores a total counted at <paramref name="version"/>.</summary>
    public void Set(string key, long version, long count)
    {
        if (_counts.Count >= Capacity)
        {
            _counts.Clear();
        }

        _counts[key] = (version, count);
    }

    /// <summary>The cache key of a count: the table, the filter's shape and its bound values.</summary>
    public static string Key(string table, string shape, List<object> values)
    {
        var key = new StringBuilder(table.Length + shape.Length + (values.Count * 12)).Append(table).Append('\u001e').Append(shape);
        foreach (var value in values)
        {
            // Each value is tagged and length-prefixed, so no value can imitate a separator.
            key.Append('\u001f');
            switch (value)
            {
                case string text:
                    key.Append('s').Append(text.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(text);
                    break;
                case double number:
                    key.Append('d').Append(number.ToString("R", CultureInfo.InvariantCulture));
                    break;
                case long whole:
                    key.Append('l').Append(whole.ToString(CultureInfo.InvariantCulture));
                    break;
                case DBNull:
                    key.Append('n');
                    break;
                default:
                    var other = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
                    key.Append('o').Append(other.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(other);
                    break;
            }
        }

        // Long keys are kept as a digest, so cached totals cost little memory whatever the filter values.
        return key.Length <= 256
            ? key.ToString()
            : "#" + System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
    }
}
