using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Sqlite.Sql;
using ObjectStack.Drivers.Sqlite.Storage;

namespace ObjectStack.Drivers.Sqlite;

/// <summary>One pooled connection inside one transaction: deferred for readers, immediate (holding the writer slot) for writers.</summary>
internal sealed class SqliteSession : IDriverSession
{
    private readonly SqliteDataDriver _driver;
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly SemaphoreSlim? _writeGate;
    private bool _completed;

    public SqliteSession(SqliteDataDriver driver, SqliteConnection connection, SqliteTransaction transaction, SemaphoreSlim? writeGate)
    {
        _driver = driver;
        _connection = connection;
        _transaction = transaction;
        _writeGate = writeGate;
    }

    public async Task<SelectResult> SelectAsync(SelectCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (sql, values) = SelectSql.Compile(command, _driver.Statements);
        var rows = new List<Dictionary<string, object?>>(command.Limit is { } l ? Math.Min(l, 1024) : 16);
        long? total = null;
        await Run(command.Object.Name, async () =>
        {
            await using var reader = await _connection.ExecuteReaderAsync(Definition(sql, values, cancellationToken)).ConfigureAwait(false);
            var fields = command.Fields;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new Dictionary<string, object?>(fields.Count, StringComparer.Ordinal);
                for (var i = 0; i < fields.Count; i++)
                {
                    row[fields[i].Name] = SqliteValues.Read(reader, i, fields[i]);
                }

                if (command.IncludeTotal)
                {
                    total ??= reader.GetInt64(fields.Count);
                }

                rows.Add(row);
            }

            return 0;
        }).ConfigureAwait(false);

        // Past the last page the window count has no row to ride on; only then is a second statement needed.
        if (command.IncludeTotal && total is null)
        {
            total = command.Offset == 0 ? 0 : await CountAsync(command.Object, command.Filter, cancellationToken).ConfigureAwait(false);
        }

        return new SelectResult(rows, total);
    }

    public Task<long> CountAsync(ObjectDefinition obj, FilterNode? filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var values = new List<object>();
        var shape = new StringBuilder();
        if (filter is not null)
        {
            FilterSql.AppendShape(shape, filter, obj, values);
        }

        var sql = WriteSql.Count(shape.ToString(), obj, () =>
        {
            if (filter is null)
            {
                return string.Empty;
            }

            var where = new StringBuilder(" WHERE ");
            var next = 0;
            FilterSql.Render(where, filter, obj, ref next);
            return where.ToString();
        }, _driver.Statements);
        return Run(obj.Name, () => _connection.ExecuteScalarAsync<long>(Definition(sql, values, cancellationToken)));
    }

    public async Task<IReadOnlyDictionary<string, object?>> InsertAsync(ObjectDefinition obj, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(values);
        EnsureWritable();
        var columns = new List<string>(values.Count);
        var parameters = new List<object>(values.Count);
        foreach (var field in obj.Fields)
        {
            if (field.Type != FieldType.Autonumber && values.TryGetValue(field.Name, out var value))
            {
                columns.Add(field.Name);
                parameters.Add(SqliteValues.ToStorage(value));
            }
        }

        var autonumbers = obj.Fields.Where(f => f.Type == FieldType.Autonumber).ToList();
        var sql = WriteSql.Insert(obj, columns, autonumbers, _driver.Statements);
        if (autonumbers.Count == 0)
        {
            await Run(obj.Name, () => _connection.ExecuteAsync(Definition(sql, parameters, cancellationToken))).ConfigureAwait(false);
            return new Dictionary<string, object?>();
        }

        return await Run(obj.Name, async () =>
        {
            await using var reader = await _connection.ExecuteReaderAsync(Definition(sql, parameters, cancellationToken)).ConfigureAwait(false);
            var generated = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < autonumbers.Count; i++)
                {
                    generated[autonumbers[i].Name] = SqliteValues.Read(reader, i, autonumbers[i]);
                }
            }

            return (IReadOnlyDictionary<string, object?>)generated;
        }).ConfigureAwait(false);
    }

    public async Task<bool> UpdateAsync(ObjectDefinition obj, string id, IReadOnlyDictionary<string, object?> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(changes);
        EnsureWritable();
        var columns = new List<string>(changes.Count);
        var parameters = new List<object>(changes.Count + 1);
        foreach (var field in obj.Fields)
        {
            if (field.Name != SystemFieldNames.Id && changes.TryGetValue(field.Name, out var value))
            {
                columns.Add(field.Name);
                parameters.Add(SqliteValues.ToStorage(value));
            }
        }

        if (columns.Count == 0)
        {
            return await CountAsync(obj, new ComparisonFilter(SystemFieldNames.Id, FilterOperator.Eq, id), cancellationToken).ConfigureAwait(false) > 0;
        }

        parameters.Add(id);
        var sql = WriteSql.Update(obj, columns, _driver.Statements);
        return await Run(obj.Name, () => _connection.ExecuteAsync(Definition(sql, parameters, cancellationToken))).ConfigureAwait(false) > 0;
    }

    public async Task<bool> DeleteAsync(ObjectDefinition obj, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        EnsureWritable();
        var sql = WriteSql.Delete(obj, _driver.Statements);
        return await Run(obj.Name, () => _connection.ExecuteAsync(Definition(sql, [id], cancellationToken))).ConfigureAwait(false) > 0;
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritable();
        cancellationToken.ThrowIfCancellationRequested();
        await Run(string.Empty, async () =>
        {
            await _transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_completed)
            {
                _completed = true;
                try
                {
                    await _transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (SqliteException)
                {
                    // The transaction is already gone (the connection failed); disposing below cleans up.
                }
                catch (InvalidOperationException)
                {
                    // Already completed.
                }
            }

            await _transaction.DisposeAsync().ConfigureAwait(false);
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeGate?.Release();
        }
    }

    private CommandDefinition Definition(string sql, List<object> values, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        for (var i = 0; i < values.Count; i++)
        {
            parameters.Add("p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i] is DBNull ? null : values[i]);
        }

        return new CommandDefinition(sql, parameters, _transaction, cancellationToken: cancellationToken, flags: CommandFlags.None);
    }

    private void EnsureWritable()
    {
        if (_writeGate is null)
        {
            throw new InvalidOperationException("This session is read-only.");
        }

        ObjectDisposedException.ThrowIf(_completed, this);
    }

    private static async Task<T> Run<T>(string objectName, Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (SqliteException ex) when (SqliteErrors.Translate(ex, objectName) is { } translated)
        {
            throw translated;
        }
    }
}
