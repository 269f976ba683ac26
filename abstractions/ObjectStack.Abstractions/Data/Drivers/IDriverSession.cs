using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>
/// One connection and, when writable, one transaction. Not thread-safe. Unique violations raise
/// <see cref="DataOperationException"/> with <see cref="DataErrorCode.DuplicateValue"/>.
/// </summary>
public interface IDriverSession : IAsyncDisposable
{
    /// <summary>Reads rows, in one round trip.</summary>
    /// <param name="command">What to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The rows and, when requested, the number of matching rows.</returns>
    Task<SelectResult> SelectAsync(SelectCommand command, CancellationToken cancellationToken = default);

    /// <summary>Counts matching rows.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="filter">The filter; null counts every row.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    Task<long> CountAsync(ObjectDefinition obj, FilterNode? filter, CancellationToken cancellationToken = default);

    /// <summary>Inserts one row.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="values">Every column value by field name, typed; autonumber fields are absent.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The values the database generated, such as autonumbers; empty when none.</returns>
    Task<IReadOnlyDictionary<string, object?>> InsertAsync(ObjectDefinition obj, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default);

    /// <summary>Changes columns of one row.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="id">The row id.</param>
    /// <param name="changes">The changed values by field name, typed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when the row existed.</returns>
    Task<bool> UpdateAsync(ObjectDefinition obj, string id, IReadOnlyDictionary<string, object?> changes, CancellationToken cancellationToken = default);

    /// <summary>Deletes one row.</summary>
    /// <param name="obj">The object.</param>
    /// <param name="id">The row id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>True when the row existed.</returns>
    Task<bool> DeleteAsync(ObjectDefinition obj, string id, CancellationToken cancellationToken = default);

    /// <summary>Commits a writable session's transaction.</summary>
    /// <param name="cancellationToken">Cancels before the commit starts.</param>
    /// <returns>A task that completes when the transaction has committed.</returns>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
