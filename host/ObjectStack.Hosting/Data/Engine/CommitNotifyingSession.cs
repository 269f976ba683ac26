using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Data.Engine;

/// <summary>
/// A write session that runs the callbacks interceptors registered through
/// <see cref="Abstractions.Data.Interceptors.RecordWriteContext.OnCommitted"/> once the driver has committed, and
/// drops them when the session ends without a commit (a rollback).
/// </summary>
internal sealed class CommitNotifyingSession(IDriverSession inner) : IDriverSession
{
    private List<Action>? _callbacks;

    /// <summary>Registers a callback for after the commit.</summary>
    public void OnCommitted(Action callback) => (_callbacks ??= []).Add(callback);

    /// <inheritdoc />
    public Task<SelectResult> SelectAsync(SelectCommand command, CancellationToken cancellationToken = default) =>
        inner.SelectAsync(command, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(ObjectDefinition obj, FilterNode? filter, CancellationToken cancellationToken = default) =>
        inner.CountAsync(obj, filter, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, object?>> InsertAsync(ObjectDefinition obj, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default) =>
        inner.InsertAsync(obj, values, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateAsync(ObjectDefinition obj, string id, IReadOnlyDictionary<string, object?> changes, CancellationToken cancellationToken = default) =>
        inner.UpdateAsync(obj, id, changes, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAsync(ObjectDefinition obj, string id, CancellationToken cancellationToken = default) =>
        inner.DeleteAsync(obj, id, cancellationToken);

    /// <inheritdoc />
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await inner.CommitAsync(cancellationToken).ConfigureAwait(false);
        var callbacks = _callbacks;
        _callbacks = null;
        foreach (var callback in callbacks ?? [])
        {
            try
            {
                callback();
            }
#pragma warning disable CA1031 // The write has committed: a failing follow-up must not report it as failed.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _callbacks = null;
        return inner.DisposeAsync();
    }
}
