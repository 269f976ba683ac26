using ObjectStack.Plugins.Auth.Passwords;

namespace ObjectStack.Plugins.Auth.Tests.Passwords;

public sealed class PasswordHashingGateTests
{
    [Test]
    public async Task RunAsync_ManyCallers_NeverRunMoreThanTheBoundAtOnce()
    {
        using var gate = new PasswordHashingGate(2, TimeSpan.FromSeconds(30));
        using var release = new ManualResetEventSlim();
        var running = 0;
        var peak = 0;

        // Each caller gets a thread of its own, so without the gate all twelve would be inside the work at once;
        // the first two hold their slots until released, however slowly the machine schedules the rest.
        var callers = Enumerable.Range(0, 12).Select(_ => Task.Factory.StartNew(
            () => gate.RunAsync(
                () =>
                {
                    InterlockedMax(ref peak, Interlocked.Increment(ref running));
                    release.Wait(TimeSpan.FromSeconds(30));
                    Interlocked.Decrement(ref running);
                    return 0;
                },
                CancellationToken.None).AsTask(),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToList();

        Assert.That(SpinWait.SpinUntil(() => Volatile.Read(ref running) == 2, TimeSpan.FromSeconds(10)), "two callers got in");
        Thread.Sleep(200);
        Assert.That(Volatile.Read(ref running), Is.EqualTo(2), "the others wait while both slots are held");

        release.Set();
        await Task.WhenAll(callers);

        Assert.That(peak, Is.EqualTo(2));
    }

    [Test]
    public async Task RunAsync_NoSlotInTime_IsTurnedAwayWithRetryAfter()
    {
        using var gate = new PasswordHashingGate(1, TimeSpan.FromMilliseconds(50));
        using var release = new ManualResetEventSlim();
        var holder = Task.Run(async () => await gate.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None));
        await Task.Delay(100);

        var ex = Assert.ThrowsAsync<PasswordHashingBusyException>(async () => await gate.RunAsync(() => 1, CancellationToken.None));

        release.Set();
        await holder;
        Assert.That(ex!.RetryAfter, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(await gate.RunAsync(() => 42, CancellationToken.None), Is.EqualTo(42), "the slot is free again");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
