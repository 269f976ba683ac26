using ObjectStack.Plugins.Auth.Passwords;

namespace ObjectStack.Plugins.Auth.Tests.Passwords;

public sealed class PasswordHashingGateTests
{
    [Test]
    public async Task RunAsync_ManyCallers_NeverRunMoreThanTheBoundAtOnce()
    {
        using var gate = new PasswordHashingGate(2, TimeSpan.FromSeconds(30));
        var running = 0;
        var peak = 0;

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(async () => await gate.RunAsync(
            () =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref peak, now);
                Thread.Sleep(20);
                Interlocked.Decrement(ref running);
                return now;
            },
            CancellationToken.None))));

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
