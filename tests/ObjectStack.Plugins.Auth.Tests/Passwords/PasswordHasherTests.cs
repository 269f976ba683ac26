using System.Text.RegularExpressions;
using ObjectStack.Plugins.Auth.Passwords;

namespace ObjectStack.Plugins.Auth.Tests.Passwords;

public sealed partial class PasswordHasherTests
{
    private static readonly PasswordHasher Hasher = new(PasswordHasher.MinimumIterations);

    [Test]
    public void Hash_Password_IsSelfDescribingAndSalted()
    {
        var first = Hasher.Hash("correct horse battery staple");
        var second = Hasher.Hash("correct horse battery staple");

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Match(PhcFormat()));
            Assert.That(first, Does.StartWith("$pbkdf2-sha512$i=100000$"));
            Assert.That(second, Is.Not.EqualTo(first), "a new salt every time");
            Assert.That(first, Does.Not.Contain("correct horse"));
        });
    }

    [Test]
    public void Verify_SamePassword_Matches_OtherPasswordDoesNot()
    {
        var stored = Hasher.Hash("correct horse battery staple");

        Assert.Multiple(() =>
        {
            Assert.That(Hasher.Verify("correct horse battery staple", stored), Is.True);
            Assert.That(Hasher.Verify("correct horse battery stapl", stored), Is.False);
            Assert.That(Hasher.Verify("Correct horse battery staple", stored), Is.False);
        });
    }

    [Test]
    public void Verify_LongPassword_IsNotTruncated()
    {
        var password = new string('a', 127) + "b";
        var stored = Hasher.Hash(password);

        Assert.That(Hasher.Verify(new string('a', 127) + "c", stored), Is.False, "the 128th character counts");
        Assert.That(Hasher.Verify(password, stored), Is.True);
    }

    [Test]
    public void Verify_UnicodeForms_AreNormalizedToTheSamePassword()
    {
        // "é" precomposed (U+00E9) and decomposed (e + U+0301); the full-width "Ａ" folds to "A" under NFKC.
        var stored = Hasher.Hash("caf\u00e9 \uff21bc 12345");

        Assert.That(Hasher.Verify("cafe\u0301 Abc 12345", stored), Is.True);
    }

    [Test]
    public void Verify_LoneSurrogate_FailsWithoutThrowing()
    {
        var stored = Hasher.Hash("correct horse battery staple");

        Assert.That(Hasher.Verify("correct horse\ud800", stored), Is.False);
        Assert.DoesNotThrow(() => Hasher.VerifyNothing("\udc00"));
    }

    [Test]
    public void Verify_OlderParameters_StillMatchAndAskForARehash()
    {
        var old = Hasher.Hash("correct horse battery staple");
        var stronger = new PasswordHasher(PasswordHasher.MinimumIterations + 1);

        Assert.Multiple(() =>
        {
            Assert.That(stronger.Verify("correct horse battery staple", old), Is.True, "the stored iteration count is used");
            Assert.That(stronger.NeedsRehash(old), Is.True);
            Assert.That(Hasher.NeedsRehash(old), Is.False);
            Assert.That(stronger.NeedsRehash(stronger.Hash("x")), Is.False);
        });
    }

    [TestCase("")]
    [TestCase("plain-text-password")]
    [TestCase("$2a$10$abcdefghijklmnopqrstuv")]
    [TestCase("$pbkdf2-sha512$i=abc$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("$pbkdf2-sha512$i=0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("$pbkdf2-sha512$i=1000$!!!!$AAAA")]
    [TestCase("$pbkdf2-sha512$i=1000$AAAA$AAAA")]
    public void Verify_UnreadableStoredHash_NeverMatchesAndAsksForARehash(string stored)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Hasher.Verify("anything", stored), Is.False);
            Assert.That(Hasher.NeedsRehash(stored), Is.True);
        });
    }

    [Test]
    public void Constructor_TooFewIterations_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PasswordHasher(PasswordHasher.MinimumIterations - 1));
    }

    [GeneratedRegex(@"^\$pbkdf2-sha512\$i=\d+\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$")]
    private static partial Regex PhcFormat();
}
