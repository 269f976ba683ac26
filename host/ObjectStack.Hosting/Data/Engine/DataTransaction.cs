using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Execution;

namespace ObjectStack.Hosting.Data.Engine;

/// <summary>
/// Several engine calls on one write session, committed together. A call that fails poisons the transaction: every
/// later call and the commit are refused, and disposing rolls everything back — the same rule on every driver.
/// Not thread-safe: use it from one logical flow at a time.
/// </summary>
internal sealed class DataTransaction(IDriverSession session, RecordReader reader, RecordWriter writer) : IDataTransaction
{
    private State _state;

    private enum State
    {
        Open,
        Failed,
        Committed,
        Disposed,
    }

    /// <inheritdoc />
    public Task<QueryResult> FindAsync(OperationContext context, RecordQuery query, CancellationToken cancellationToken = default) =>
        RunAsync(() => reader.FindAsync(session, context, query, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, object?>?> GetAsync(
        OperationContext context,
        string objectName,
        string id,
        IReadOnlyList<string>? fields = null,
        IReadOnlyList<ExpandRequest>? expand = null,
        CancellationToken cancellationToken = default) =>
        RunAsync<IReadOnlyDictionary<string, object?>?>(async () => await reader.GetAsync(session, context, objectName, id, fields, expand, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public Task<WriteResult> InsertAsync(OperationContext context, string objectName, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default) =>
        RunAsync(() => writer.InsertAsync(session, context, objectName, values, cancellationToken));

    /// <inheritdoc />
    public Task<WriteResult> UpdateAsync(
        OperationContext context,
        string objectName,
        string id,
        IReadOnlyDictionary<string, object?> values,
        string? expectedVersion = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(() => writer.UpdateAsync(session, context, objectName, id, values, expectedVersion, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, object?>> DeleteAsync(
        OperationContext context,
        string objectName,
        string id,
        string? expectedVersion = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(() => writer.DeleteAsync(session, context, objectName, id, expectedVersion, cancellationToken));

    /// <inheritdoc />
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        EnsureOpen();
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        _state = State.Committed;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_state != State.Disposed)
        {
            _state = State.Disposed;
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        EnsureOpen();
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch
        {
            _state = State.Failed;
            throw;
        }
    }

    private void EnsureOpen()
    {
        switch (_state)
        {
            case State.Failed:
                throw new InvalidOperationException("An earlier call in this transaction failed; dispose it to roll back.");
            case State.Committed:
                throw new InvalidOperationException("The transaction has committed.");
            case State.Disposed:
                throw new ObjectDisposedException(nameof(DataTransaction));
        }
    }
}
