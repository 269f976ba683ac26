using Microsoft.Data.Sqlite;

namespace ObjectStack.Drivers.Sqlite.Storage;

/// <summary>
/// An open connection, initialised once (pragmas, functions), that keeps its prepared statements: a command is
/// prepared the first time its SQL runs on this connection and reused — re-bound, not re-parsed — afterwards.
/// </summary>
internal sealed class PooledConnection : IDisposable
{
    private const int MaxStatements = 512;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PreparedQuery> _queries = new(StringComparer.Ordinal);

    public PooledConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>Returns the prepared command for <paramref name="sql"/> with its parameters bound to <paramref name="values"/>.</summary>
    public SqliteCommand Command(string sql, IReadOnlyList<object?> values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxStatements)
            {
                ClearStatements();
            }

            command = Connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Count; i++)
            {
                command.Parameters.Add(new SqliteParameter("@p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
            }

            command.Prepare();
            _commands[sql] = command;
        }

        for (var i = 0; i < values.Count; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>Returns the read statement(s) for <paramref name="sql"/>, prepared on first use on this connection.</summary>
    public PreparedQuery Query(string sql, int parameterCount)
    {
        if (!_queries.TryGetValue(sql, out var query))
        {
            if (_queries.Count >= MaxStatements)
            {
                ClearStatements();
            }

            query = new PreparedQuery(Connection.Handle!, sql, parameterCount);
            _queries[sql] = query;
        }

        return query;
    }

    public void Dispose()
    {
        ClearStatements();
        Connection.Dispose();
    }

    private void ClearStatements()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        foreach (var query in _queries.Values)
        {
            query.Dispose();
        }

        _commands.Clear();
        _queries.Clear();
    }
}
