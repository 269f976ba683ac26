using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Execution;

namespace ObjectStack.Hosting.Data.Engine;

/// <summary>
/// The data engine: each call runs in its own driver session — a read session for reads, a write session committed
/// at the end for writes — and <see cref="BeginTransactionAsync"/> shares one write session across several calls.
/// </summary>
internal sealed class DataEngine(IDataDriver driver, RecordReader reader, RecordWriter writer, DataReadiness readiness) : IDataEngine
{
    /// <inheritdoc />
    public async Task<QueryResult> FindAsync(OperationContext context, RecordQuery query, CancellationToken cancellationToken = default)
    {
        await using var session = await OpenSessionAsync(writable: false, cancellationToken).ConfigureAwait(false);
        return await reader.FindAsync(session, context, query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, object?>?> GetAsync(
        OperationContext context,
        string objectName,
        string id,
        IReadOnlyList<string>? fields = null,
        IReadOnlyList<ExpandRequest>? expand = null,
        CancellationToken cancellationToken = default)
    {
        await using var session = await OpenSessionAsync(writable: false, cancellationToken).ConfigureAwait(false);
        return await reader.GetAsync(session, context, objectName, id, fields, expand, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<WriteResult> InsertAsync(OperationContext context, string objectName, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default) =>
        WriteAsync(session => writer.InsertAsync(session, context, objectName, values, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<WriteResult> UpdateAsync(
        OperationContext context,
        string objectName,
        string id,
        IReadOnlyDictionary<string, object?> values,
        string? expectedVersion = null,
        CancellationToken cancellationToken = default) =>
        WriteAsync(session => writer.UpdateAsync(session, context, objectName, id, values, expectedVersion, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, object?>> DeleteAsync(
        OperationContext context,
        string objectName,
        string id,
        string? expectedVersion = null,
        CancellationToken cancellationToken = default) =>
        WriteAsync(session => writer.DeleteAsync(session, context, objectName, id, expectedVersion, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async Task<IDataTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default) =>
        new DataTransaction(await OpenSessionAsync(writable: true, cancellationToken).ConfigureAwait(false), reader, writer);

    private async Task<T> WriteAsync<T>(Func<IDriverSession, Task<T>> write, CancellationToken cancellationToken)
    {
        await using var session = await OpenSessionAsync(writable: true, cancellationToken).ConfigureAwait(false);
        var result = await write(session).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    // Write sessions tell interceptors when they commit (RecordWriteContext.OnCommitted).
    private async Task<IDriverSession> OpenSessionAsync(bool writable, CancellationToken cancellationToken)
    {
        var session = await OpenDriverSessionAsync(writable, cancellationToken).ConfigureAwait(false);
        return writable ? new CommitNotifyingSession(session) : session;
    }

    // Until the schema is applied the tables may not exist yet (the database was unreachable at boot): refuse with
    // 503 rather than letting the driver fail on a missing table.
    private Task<IDriverSession> OpenDriverSessionAsync(bool writable, CancellationToken cancellationToken) =>
        readiness.SchemaApplied
            ? driver.OpenSessionAsync(writable, cancellationToken)
            : throw new DataOperationException(DataErrorCode.Unavailable, $"The data layer is not ready: {readiness.Problem}.") { RetryAfter = TimeSpan.FromSeconds(2) };
}
