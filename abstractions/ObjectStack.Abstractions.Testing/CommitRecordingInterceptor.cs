using ObjectStack.Abstractions.Data.Interceptors;

namespace ObjectStack.Abstractions.Testing;

/// <summary>Asks, before every write, to be told when it commits (<see cref="RecordWriteContext.OnCommitted"/>), and
/// writes what it is told into the <see cref="CommitLog"/>.</summary>
internal sealed class CommitRecordingInterceptor(CommitLog log) : IRecordInterceptor
{
    public ValueTask InterceptAsync(RecordWriteContext context, CancellationToken cancellationToken)
    {
        if (context.Phase == InterceptionPhase.Before)
        {
            var entry = $"{context.Object.Name}/{context.RecordId}/{context.Action}";
            context.OnCommitted(() => log.Add(entry));
        }

        return ValueTask.CompletedTask;
    }
}
