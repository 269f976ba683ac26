using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ObjectStack.Drivers.Sqlite.Storage;

/// <summary>
/// A read statement (or a page and its count) prepared once per connection directly on SQLite: reads are the hot
/// path, and going below the ADO.NET reader halves the native calls per value (one type probe, one fetch).
/// </summary>
internal sealed class PreparedQuery : IDisposable
{
    private readonly sqlite3 _db;
    private readonly List<(sqlite3_stmt Statement, int[] Slots)> _statements = [];

    public PreparedQuery(sqlite3 db, string sql, int parameterCount)
    {
        _db = db;
        var remaining = sql;
        try
        {
            while (!string.IsNullOrWhiteSpace(remaining))
            {
                Check(raw.sqlite3_prepare_v2(db, remaining, out var statement, out var tail));
                remaining = tail;
                if (statement is null || statement.IsInvalid)
                {
                    continue;
                }

                var slots = new int[parameterCount];
                for (var i = 0; i < parameterCount; i++)
                {
                    slots[i] = raw.sqlite3_bind_parameter_index(statement, "@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                _statements.Add((statement, slots));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Gets the number of statements (two for a page with its total).</summary>
    public int Count => _statements.Count;

    /// <summary>Binds the values to statement <paramref name="index"/> and returns it, ready to step.</summary>
    public sqlite3_stmt Bind(int index, IReadOnlyList<object?> values)
    {
        var (statement, slots) = _statements[index];
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] == 0)
            {
                continue;
            }

            Check(values[i] switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, slots[i]),
                string text => raw.sqlite3_bind_text(statement, slots[i], text),
                long whole => raw.sqlite3_bind_int64(statement, slots[i], whole),
                double real => raw.sqlite3_bind_double(statement, slots[i], real),
                var other => throw new ArgumentException($"A value of type {other.GetType().Name} cannot be bound."),
            });
        }

        return statement;
    }

    /// <summary>Steps a statement: true for a row, false when done.</summary>
    public bool Step(sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        if (rc == raw.SQLITE_DONE)
        {
            return false;
        }

        Check(rc);
        return false;
    }

    /// <summary>Resets every statement for the next use, keeping it prepared.</summary>
    public void Reset()
    {
        foreach (var (statement, _) in _statements)
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }

    public void Dispose()
    {
        foreach (var (statement, _) in _statements)
        {
            statement.Dispose();
        }

        _statements.Clear();
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(_db));
        }
    }
}
