using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace ObjectStack.Drivers.Postgres.Resilience;

/// <summary>
/// The driver's resilience pipeline (Polly.Core): a retry with exponential backoff and jitter for transient
/// failures, around a circuit breaker that counts only "database unreachable" failures. It wraps connection
/// establishment and idempotent reads — never a write, which may have reached the database before failing.
/// While the circuit is open every call fails at once (a fast 503) instead of piling up on connect timeouts.
/// </summary>
internal sealed class DatabaseResilience
{
    private readonly ResiliencePipeline _pipeline;
    private readonly CircuitBreakerStateProvider _state = new();

    public DatabaseResilience(PostgresDriverOptions options, Action<string>? onOpened = null, Action? onClosed = null)
    {
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.Retries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMs),
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => options.Retries > 0 && ex is not BrokenCircuitException && PostgresErrors.IsRetryable(ex)),
            })
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakFailureRatio,
                MinimumThroughput = options.BreakMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromMilliseconds(options.BreakDurationMs),
                StateProvider = _state,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(PostgresErrors.IsConnectivity),
                OnOpened = args =>
                {
                    onOpened?.Invoke(args.Outcome.Exception?.Message ?? "failures");
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    onClosed?.Invoke();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Gets a value indicating whether the circuit is open (or isolated): the database is considered unreachable.</summary>
    public bool IsOpen => _state.CircuitState is CircuitState.Open or CircuitState.Isolated;

    /// <summary>Runs an idempotent operation under retry and circuit.</summary>
    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> operation, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(operation, cancellationToken);
}
