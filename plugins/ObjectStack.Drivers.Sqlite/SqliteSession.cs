using Microsoft.Data.Sqlite;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Sqlite.Sql;
using ObjectStack.Drivers.Sqlite.Storage;

namespace ObjectStack.Drivers.Sqlite;

/// <summary>
/// One pooled connection for one unit of work. A writer holds the writer slot and runs inside <c>BEGIN IMMEDIATE</c>;
/// a reader runs each statement on its own (in WAL mode every statement reads one consistent snapshot), which saves
/// the BEGIN/COMMIT pair on the hot read path. SQLite runs in-process, so statements execute synchronously.
/// </summary>
internal sealed class SqliteSession : IDriverSession
{
    private readonly SqliteDataDriver _driver;
    private readonly ConnectionPool _pool;
    private readonly PooledConnection _connection;
    private readonly int _generation;
    private readonly SemaphoreSlim? _writeGate;
    private bool _completed;
    private bool _healthy = true;
    private bool _disposed;
    private HashSet<string>? _written;

    private SqliteSession(SqliteDataDriver driver, ConnectionPool pool, PooledConnection connection, int generation, SemaphoreSlim? writeGate)
    {
        _driver = driver;
        _pool = pool;
        _connection = connection;
        _generation = generation;
        _writeGate = writeGate;
    }

    /// <summary>Opens a session on a pooled connection; a writer (holding <paramref name="writeGate"/>) begins its transaction.</summary>
    public static SqliteSession Open(SqliteDataDriver driver, ConnectionPool pool, SemaphoreSlim? writeGate)
    {
        var (connection, generation) = pool.Rent();
        var session = new SqliteSession(driver, pool, connection, generation, writeGate);
        if (writeGate is not null)
        {
            try
            {
                session.Run(string.Empty, () => connection.Command("BEGIN IMMEDIATE", []).ExecuteNonQuery());
            }
            catch
            {
                pool.Return(connection, generation, healthy: false);
                throw;
            }
        }

        return session;
    }

    public Task<SelectResult> SelectAsync(SelectCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();

        // Readers reuse a total while its table is unchanged; a writer counts inside its own transaction instead.
        var filter = FilterSql.Shape(command.Filter, command.Object);
        string? countKey = null;
        long version = 0;
        long? total = null;
        if (command.IncludeTotal && _writeGate is null)
        {
            countKey = CountCache.Key(command.Object.Name, filter.Key, filter.Values);
            version = _driver.Counts.VersionOf(command.Object.Name);
            if (_driver.Counts.TryGet(countKey, version, out var cached))
            {
                total = cached;
            }
        }

        var countNow = command.IncludeTotal && total is null;
        var (sql, values) = SelectSql.Compile(command, filter, countNow, _driver.Statements);
        var result = Run(command.Object.Name, () =>
        {
            var fields = command.Fields;
            var shape = _driver.ShapeOf(sql, fields);
            var rows = new List<Row>(command.Limit is { } l ? Math.Min(l, 1024) : 16);
            var query = _connection.Query(sql, values.Count);
            try
            {
                var page = query.Bind(0, values);
                while (query.Step(page))
                {
                    var row = new Row(shape);
                    for (var i = 0; i < fields.Count; i++)
                    {
                        row[i] = SqliteValues.Read(page, i, fields[i]);
                    }

                    rows.Add(row);
                }

                if (countNow && query.Count > 1)
                {
                    var count = query.Bind(1, values);
                    total = query.Step(count) ? SQLitePCL.raw.sqlite3_column_int64(count, 0) : 0;
                }
            }
            finally
            {
                query.Reset();
            }

            return new SelectResult(rows, total);
        });
        if (countKey is not null && countNow && total is { } counted)
        {
            _driver.Counts.Set(countKey, version, counted);
        }

        return Task.FromResult(result);
    }

    public Task<long> CountAsync(ObjectDefinition obj, FilterNode? filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        cancellationToken.ThrowIfCancellationRequested();
        var shape = FilterSql.Shape(filter, obj);
        var sql = WriteSql.Count(shape.Key, obj, () => SelectSql.Where(filter, obj), _driver.Statements);
        return Task.FromResult(Run(obj.Name, () => (long)_connection.Command(sql, shape.Values).ExecuteScalar()!));
    }

    public Task<IReadOnlyDictionary<string, object?>> InsertAsync(ObjectDefinition obj, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(values);
        EnsureWritable(cancellationToken);
        Written(obj);
        return Task.FromResult(Run(obj.Name, () =>
        {
            var generated = new Dictionary<string, object?>(StringComparer.Ordinal);
            var columns = new List<string>(values.Count + 1);
            var parameters = new List<object>(values.Count + 1);
            foreach (var field in obj.Fields)
            {
                if (field.Type == FieldType.Autonumber)
                {
                    var next = (long)_connection.Command(WriteSql.NextSequence(obj, field, _driver.Statements), [$"{obj.Name}.{field.Name}"]).ExecuteScalar()!;
                    generated[field.Name] = next;
                    columns.Add(field.Name);
                    parameters.Add(next);
                }
                else if (values.TryGetValue(field.Name, out var value))
                {
                    columns.Add(field.Name);
                    parameters.Add(SqliteValues.ToStorage(field, value));
                }
            }

            _connection.Command(WriteSql.Insert(obj, columns, _driver.Statements), parameters).ExecuteNonQuery();
            return (IReadOnlyDictionary<string, object?>)generated;
        }));
    }

    public Task<bool> UpdateAsync(ObjectDefinition obj, string id, IReadOnlyDictionary<string, object?> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(changes);
        EnsureWritable(cancellationToken);
        var columns = new List<string>(changes.Count);
        var parameters = new List<object>(changes.Count + 1);
        foreach (var field in obj.Fields)
        {
            if (field.Name != SystemFieldNames.Id && changes.TryGetValue(field.Name, out var value))
            {
                columns.Add(field.Name);
                parameters.Add(SqliteValues.ToStorage(field, value));
            }
        }

        if (columns.Count == 0)
        {
            return CountAsync(obj, new ComparisonFilter(SystemFieldNames.Id, FilterOperator.Eq, id), cancellationToken).ContinueWith(t => t.Result > 0, TaskScheduler.Default);
        }

        parameters.Add(id);
        Written(obj);
        var sql = WriteSql.Update(obj, columns, _driver.Statements);
        return Task.FromResult(Run(obj.Name, () => _connection.Command(sql, parameters).ExecuteNonQuery() > 0));
    }

    public Task<bool> DeleteAsync(ObjectDefinition obj, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        EnsureWritable(cancellationToken);
        Written(obj);
        var sql = WriteSql.Delete(obj, _driver.Statements);
        return Task.FromResult(Run(obj.Name, () => _connection.Command(sql, [id]).ExecuteNonQuery() > 0));
    }

    public Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritable(cancellationToken);
        Run(string.Empty, () => _connection.Command("COMMIT", []).ExecuteNonQuery());
        _completed = true;
        if (_written is not null)
        {
            _driver.Counts.Bump(_written);
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        try
        {
            if (_writeGate is not null && !_completed)
            {
                try
                {
                    _connection.Command("ROLLBACK", []).ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // The transaction is already gone (the connection failed); the connection is closed below.
                    _healthy = false;
                }
            }

            _pool.Return(_connection, _generation, _healthy);
        }
        finally
        {
            _writeGate?.Release();
        }

        return ValueTask.CompletedTask;
    }

    private List<string> IndexColumns(string index)
    {
        using var command = _connection.Connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_index_xinfo($index) WHERE key = 1 AND name IS NOT NULL ORDER BY seqno";
        command.Parameters.AddWithValue("$index", index);
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    private void Written(ObjectDefinition obj) => (_written ??= new HashSet<string>(StringComparer.Ordinal)).Add(obj.Name);

    private void EnsureWritable(CancellationToken cancellationToken)
    {
        if (_writeGate is null)
        {
            throw new InvalidOperationException("This session is read-only.");
        }

        ObjectDisposedException.ThrowIf(_completed || _disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private T Run<T>(string objectName, Func<T> action)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            return action();
        }
        catch (SqliteException ex)
        {
            // A constraint failure leaves the connection usable; anything else may not.
            _healthy &= ex.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT;
            throw SqliteErrors.Translate(ex, objectName, IndexColumns) ?? ex;
        }
    }
}
