using System.Collections.Concurrent;

namespace ObjectStack.Drivers.Sqlite.Sql;

/// <summary>SQL text by statement shape. Bounded: when full it starts over, so hostile shape churn cannot grow memory.</summary>
internal sealed class StatementCache
{
    private const int Capacity = 4096;
    private readonly ConcurrentDictionary<string, string> _statements = new(StringComparer.Ordinal);

    public string GetOrAdd(string shape, Func<string> render)
    {
        if (_statements.TryGetValue(shape, out var sql))
        {
            return sql;
        }

        if (_statements.Count >= Capacity)
        {
            _statements.Clear();
        }

        sql = render();
        _statements.TryAdd(shape, sql);
        return sql;
    }

    public int Count => _statements.Count;
}
