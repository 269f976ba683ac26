namespace ObjectStack.Abstractions.Data.Interceptors;

/// <summary>
/// Runs before and after every record insert, update and delete, inside the write's transaction, so that what it
/// writes (an audit row, an outbox message) commits or rolls back with the record.
/// </summary>
/// <remarks>
/// <para>Register as a singleton: <c>services.AddSingleton&lt;IRecordInterceptor, MyInterceptor&gt;()</c>. Interceptors run
/// in registration order, which follows the plugins' start order.</para>
/// <para>To refuse a write, throw <see cref="DataOperationException"/>; any other exception rolls the write back
/// and the caller gets a 503 without details.</para>
/// </remarks>
public interface IRecordInterceptor
{
    /// <summary>Observes or changes one write.</summary>
    /// <param name="context">The write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the interceptor is done.</returns>
    ValueTask InterceptAsync(RecordWriteContext context, CancellationToken cancellationToken);
}
