using System.Collections.Concurrent;

namespace ObjectStack.Drivers.Sqlite.Storage;

/// <summary>A cache by string key that starts over when full, so hostile key churn cannot grow memory.</summary>
/// <typeparam name="TValue">The cached value.</typeparam>
internal class BoundedCache<TValue>(int capacity)
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);

    /// <summary>Gets the number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the value for <paramref name="key"/>, creating it on a miss.</summary>
    public TValue GetOrAdd(string key, Func<TValue> create)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        value = create();
        return _entries.GetOrAdd(key, value);
    }
}
