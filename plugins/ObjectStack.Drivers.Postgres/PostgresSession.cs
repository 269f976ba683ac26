using Npgsql;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Postgres.Sql;
using ObjectStack.Drivers.Postgres.Storage;

namespace ObjectStack.Drivers.Postgres;

/// <summary>
/// One unit of work. A writer holds one connection and one READ COMMITTED transaction for its lifetime and never
/// retries (a write may have reached the database before the failure). A reader takes a pooled connection at its
/// first statement, runs each statement on its own (autocommit, one snapshot per statement, as on SQLite), and
/// retries idempotent reads on transient failures with a fresh connection.
/// </summary>
internal sealed class PostgresSession : IDriverSession
{
    private readonly PostgresDataDriver _driver;
    private readonly NpgsqlTransaction? _transaction;
    private NpgsqlConnection? _connection;
    private bool _completed;
    private bool _disposed;

    public PostgresSession(PostgresDataDriver driver, NpgsqlConnection? connection, NpgsqlTransaction? transaction)
    {
        _driver = driver;
        _connection = connection;
        _transaction = transaction;
    }

    private bool Writable => _transaction is not null;

    public Task<SelectResult> SelectAsync(SelectCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ReadAsync(command.Object.Name, (connection, ct) => SelectOnAsync(connection, command, ct), cancellationToken);
    }

    public Task<long> CountAsync(ObjectDefinition obj, FilterNode? filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return ReadAsync(obj.Name, async (connection, ct) =>
        {
            await using var count = SelectSql.Count(obj, filter, _driver.FoldCollation).ToCommand(connection, _transaction);
            return (long)(await count.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
        }, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, object?>> InsertAsync(ObjectDefinition obj, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(values);
        var connection = EnsureWritable(cancellationToken);
        return await WriteAsync(obj.Name, async () =>
        {
            var generated = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var field in obj.Fields.Where(f => f.Type == FieldType.Autonumber))
            {
                await using var next = WriteSql.NextSequence(obj, field).ToCommand(connection, _transaction);
                generated[field.Name] = (long)(await next.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            await using var insert = WriteSql.Insert(obj, values, generated).ToCommand(connection, _transaction);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyDictionary<string, object?>)generated;
        }).ConfigureAwait(false);
    }

    public async Task<bool> UpdateAsync(ObjectDefinition obj, string id, IReadOnlyDictionary<string, object?> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(changes);
        var connection = EnsureWritable(cancellationToken);
        if (WriteSql.ChangesNothing(obj, changes))
        {
            return await CountAsync(obj, new ComparisonFilter(SystemFieldNames.Id, FilterOperator.Eq, id), cancellationToken).ConfigureAwait(false) > 0;
        }

        return await WriteAsync(obj.Name, async () =>
        {
            await using var update = WriteSql.Update(obj, id, changes).ToCommand(connection, _transaction);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(ObjectDefinition obj, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var connection = EnsureWritable(cancellationToken);
        return await WriteAsync(obj.Name, async () =>
        {
            await using var delete = WriteSql.Delete(obj, id).ToCommand(connection, _transaction);
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }).ConfigureAwait(false);
    }

    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureWritable(cancellationToken);
        await WriteAsync(string.Empty, async () =>
        {
            await _transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
        _completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_transaction is not null)
            {
                if (!_completed)
                {
                    try
                    {
                        await _transaction.RollbackAsync().ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                    {
                        // The connection is already broken, and the server rolled the transaction back with it.
                    }
                }

                await _transaction.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<SelectResult> SelectOnAsync(NpgsqlConnection connection, SelectCommand command, CancellationToken cancellationToken)
    {
        var fields = command.Fields;
        var shape = _driver.ShapeOf(command);
        var rows = new List<Row>(command.Limit is { } l ? Math.Min(l, 1024) : 16);
        long? total = null;
        await using var batch = new NpgsqlBatch(connection, _transaction);
        batch.BatchCommands.Add(SelectSql.Page(command, _driver.FoldCollation).ToBatchCommand());
        if (command.IncludeTotal)
        {
            // The total rides in the same round trip; PostgreSQL serves it from the indexes, not the sort.
            batch.BatchCommands.Add(SelectSql.Count(command.Object, command.Filter, _driver.FoldCollation).ToBatchCommand());
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new Row(shape);
            for (var i = 0; i < fields.Count; i++)
            {
                row[i] = PostgresValues.Read(reader, i, fields[i]);
            }

            rows.Add(row);
        }

        if (command.IncludeTotal && await reader.NextResultAsync(cancellationToken).ConfigureAwait(false) && await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            total = reader.GetInt64(0);
        }

        return new SelectResult(rows, total);
    }

    // Reads in a writer run on its transaction, once. Reads in a reader run under the resilience pipeline: a
    // transient failure discards the connection and tries again on a new one.
    private async Task<T> ReadAsync<T>(string objectName, Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (Writable)
        {
            return await WriteAsync(objectName, () => read(_connection!, cancellationToken)).ConfigureAwait(false);
        }

        try
        {
            return await _driver.Resilience.ExecuteAsync(
                async ct =>
                {
                    _connection ??= await _driver.AcquireAsync(ct).ConfigureAwait(false);
                    try
                    {
                        return await read(_connection, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (PostgresErrors.IsConnectivity(ex))
                    {
                        var broken = _connection;
                        _connection = null;
                        await broken.DisposeAsync().ConfigureAwait(false);
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw await TranslateAsync(ex, objectName).ConfigureAwait(false) ?? ex;
        }
    }

    private async Task<T> WriteAsync<T>(string objectName, Func<Task<T>> write)
    {
        try
        {
            return await write().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw await TranslateAsync(ex, objectName).ConfigureAwait(false) ?? ex;
        }
    }

    private async Task<Exception?> TranslateAsync(Exception ex, string objectName)
    {
        if (ex is PostgresException { SqlState: PostgresErrors.UniqueViolation, ConstraintName: { } index })
        {
            var fields = await _driver.SchemaManager.UniqueFieldsAsync(index).ConfigureAwait(false);
            return PostgresErrors.Translate(ex, objectName, _ => fields);
        }

        return PostgresErrors.Translate(ex, objectName, _ => []);
    }

    private NpgsqlConnection EnsureWritable(CancellationToken cancellationToken)
    {
        if (!Writable)
        {
            throw new InvalidOperationException("This session is read-only.");
        }

        ObjectDisposedException.ThrowIf(_completed || _disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return _connection!;
    }
}
