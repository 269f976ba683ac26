namespace ObjectStack.Plugins.Auth.Passwords;

/// <summary>
/// Bounds how many password hashes run at once, so a flood of sign-ins keeps at most that many cores busy and data
/// requests keep being served. Callers beyond the bound wait asynchronously (holding no thread) up to a limit, then
/// are turned away as <see cref="PasswordHashingBusyException"/>, which the endpoints answer with 503 and
/// <c>Retry-After</c>.
/// </summary>
internal sealed class PasswordHashingGate : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly TimeSpan _maxWait;

    /// <summary>Creates the gate.</summary>
    /// <param name="concurrency">How many hashes may run at once.</param>
    /// <param name="maxWait">How long a caller may wait for a slot.</param>
    public PasswordHashingGate(int concurrency, TimeSpan maxWait)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWait, TimeSpan.Zero);
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _maxWait = maxWait;
        Concurrency = concurrency;
    }

    /// <summary>Gets how many hashes may run at once.</summary>
    public int Concurrency { get; }

    /// <summary>Runs <paramref name="work"/> once a slot is free.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="work">The hashing work; it runs on the caller's thread.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The work's result.</returns>
    /// <exception cref="PasswordHashingBusyException">No slot freed up in time.</exception>
    public async ValueTask<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!await _slots.WaitAsync(_maxWait, cancellationToken).ConfigureAwait(false))
        {
            throw new PasswordHashingBusyException(_maxWait);
        }

        try
        {
            return work();
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _slots.Dispose();
}
