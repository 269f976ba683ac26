namespace ObjectStack.Abstractions.Data;

/// <summary>Record operations that commit together. Not thread-safe: use it from one flow at a time.</summary>
public interface IDataTransaction : IDataOperations, IAsyncDisposable
{
    /// <summary>Commits every operation made through the transaction.</summary>
    /// <param name="cancellationToken">Cancels before the commit starts.</param>
    /// <returns>A task that completes when the transaction has committed.</returns>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
