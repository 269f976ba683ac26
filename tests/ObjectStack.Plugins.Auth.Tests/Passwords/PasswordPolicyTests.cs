using ObjectStack.Plugins.Auth.Passwords;

namespace ObjectStack.Plugins.Auth.Tests.Passwords;

public sealed class PasswordPolicyTests
{
    private static readonly PasswordPolicy Policy = new(CommonPasswords.Shared);

    [TestCase(null)]
    [TestCase("")]
    public void Check_NoPassword_IsRefused(string? password)
    {
        Assert.That(Policy.Check(password, null), Is.EqualTo(new PasswordProblem("PASSWORD_REQUIRED", "A password is required.")));
    }

    [Test]
    public void Check_SevenCharacters_IsRefused_EightAccepted()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Policy.Check("Zq7#kLm", null), Is.EqualTo(new PasswordProblem("PASSWORD_TOO_SHORT", "The password must be at least 8 characters long.")));
            Assert.That(Policy.Check("Zq7#kLmP", null), Is.Null);
        });
    }

    [Test]
    public void Check_LengthCountsCodePointsNotUtf16Units()
    {
        // Four astral emoji are eight UTF-16 units but four characters.
        Assert.That(Policy.Check("\U0001F600\U0001F601\U0001F602\U0001F603", null)?.Code, Is.EqualTo("PASSWORD_TOO_SHORT"));
        Assert.That(Policy.Check("\U0001F600\U0001F601\U0001F602\U0001F603\U0001F604\U0001F605\U0001F606\U0001F607", null), Is.Null);
    }

    [Test]
    public void Check_Over64Accepted_Over128Refused()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Policy.Check(Unique(65), null), Is.Null, "long passphrases are welcome");
            Assert.That(Policy.Check(Unique(128), null), Is.Null);
            Assert.That(Policy.Check(Unique(129), null), Is.EqualTo(new PasswordProblem("PASSWORD_TOO_LONG", "The password must be at most 128 characters long.")));
        });
    }

    [TestCase("password")]
    [TestCase("PASSWORD1")]
    [TestCase("iloveyou")]
    [TestCase("qwertyuiop")]
    [TestCase("\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44")]
    public void Check_CommonPassword_IsRefusedWithoutRepeatingIt(string password)
    {
        var problem = Policy.Check(password, null);

        Assert.That(problem?.Code, Is.EqualTo("PASSWORD_TOO_COMMON"));
        Assert.That(problem!.Message, Does.Not.Contain(password).IgnoreCase);
    }

    [TestCase("ada.lovelace@example.com")]
    [TestCase("Ada.Lovelace")]
    public void Check_TheEmailOrItsLocalPart_IsRefused(string password)
    {
        Assert.That(Policy.Check(password, "ada.lovelace@example.com")?.Code, Is.EqualTo("PASSWORD_IS_EMAIL"));
    }

    // Built in code: attribute arguments are stored as UTF-8, which cannot carry a lone surrogate.
    [TestCase(0)]
    [TestCase(1)]
    public void Check_LoneSurrogate_IsRefusedAsInvalidText(int variant)
    {
        var password = variant == 0 ? "abcdefgh" + '\ud800' : '\udc00' + "abcdefgh";

        Assert.That(Policy.Check(password, null), Is.EqualTo(new PasswordProblem("INVALID_PASSWORD", "The password must be valid Unicode text.")));
    }

    [Test]
    public void Check_AnyCharacter_IsAllowed()
    {
        Assert.That(Policy.Check("  spaces, ünïcödé & 記号 \t ok  ", null), Is.Null);
    }

    private static string Unique(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i * 7 % 26))));
}
