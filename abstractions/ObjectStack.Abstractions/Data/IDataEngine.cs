namespace ObjectStack.Abstractions.Data;

/// <summary>The data engine: record operations, each in its own transaction, and explicit transactions spanning several.</summary>
/// <remarks>A singleton; thread-safe.</remarks>
public interface IDataEngine : IDataOperations
{
    /// <summary>Starts a transaction. Operations through it commit together or not at all.</summary>
    /// <param name="cancellationToken">Cancels waiting for the database.</param>
    /// <returns>The transaction; disposing it without <see cref="IDataTransaction.CommitAsync"/> rolls back.</returns>
    Task<IDataTransaction> BeginTransactionAsync(CancellationToken cancellationToken = default);
}
