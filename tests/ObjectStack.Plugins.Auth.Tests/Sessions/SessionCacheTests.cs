using ObjectStack.Plugins.Auth.Sessions;

namespace ObjectStack.Plugins.Auth.Tests.Sessions;

public sealed class SessionCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Remember_ThenTryGet_FindsTheSessionByDigest()
    {
        var cache = new SessionCache();
        var session = Session("s1", "u1");

        Assert.That(cache.Remember(session, cache.Generation), Is.True);

        Assert.That(cache.TryGet(session.Digest, out var found), Is.True);
        Assert.That(found, Is.SameAs(session));
    }

    [Test]
    public void Remember_CopyReadBeforeAForget_IsRefused()
    {
        // A request reads the session row, a revocation forgets the session, then the request tries to keep its copy.
        var cache = new SessionCache();
        var session = Session("s1", "u1");
        var generation = cache.Generation;

        cache.Forget("s1");

        Assert.That(cache.Remember(session, generation), Is.False);
        Assert.That(cache.TryGet(session.Digest, out _), Is.False, "the stale copy never becomes the cached one");
    }

    [Test]
    public void Remember_CopyReadBeforeAForgetOfTheUser_IsRefused()
    {
        var cache = new SessionCache();
        var generation = cache.Generation;

        cache.ForgetUser("u1");

        Assert.That(cache.Remember(Session("s1", "u1"), generation), Is.False);
    }

    [Test]
    public void Forget_DropsOnlyThatSession()
    {
        var cache = new SessionCache();
        var first = Session("s1", "u1");
        var second = Session("s2", "u1");
        cache.Remember(first, cache.Generation);
        cache.Remember(second, cache.Generation);

        cache.Forget("s1");

        Assert.That(cache.TryGet(first.Digest, out _), Is.False);
        Assert.That(cache.TryGet(second.Digest, out _), Is.True);
    }

    [Test]
    public void ForgetUser_DropsEverySessionOfThatUserAndNoOther()
    {
        var cache = new SessionCache();
        var adaPhone = Session("s1", "ada");
        var adaLaptop = Session("s2", "ada");
        var bob = Session("s3", "bob");
        foreach (var session in new[] { adaPhone, adaLaptop, bob })
        {
            cache.Remember(session, cache.Generation);
        }

        cache.ForgetUser("ada");

        Assert.Multiple(() =>
        {
            Assert.That(cache.TryGet(adaPhone.Digest, out _), Is.False);
            Assert.That(cache.TryGet(adaLaptop.Digest, out _), Is.False);
            Assert.That(cache.TryGet(bob.Digest, out _), Is.True);
        });
    }

    [Test]
    public void Forget_UnknownSession_StillRefusesOlderCopies()
    {
        // The forget may come before the session was ever cached here; a copy read earlier must still lose.
        var cache = new SessionCache();
        var generation = cache.Generation;

        cache.Forget("never-cached");

        Assert.That(cache.Generation, Is.GreaterThan(generation));
    }

    private static SessionInfo Session(string id, string userId) =>
        new(id, "digest-" + id, userId, null, Now, Now.AddDays(7), Now.AddDays(30), Now, null, null);
}
