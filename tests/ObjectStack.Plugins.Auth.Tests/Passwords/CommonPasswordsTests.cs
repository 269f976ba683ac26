using System.Text;
using ObjectStack.Plugins.Auth.Passwords;

namespace ObjectStack.Plugins.Auth.Tests.Passwords;

public sealed class CommonPasswordsTests
{
    [Test]
    public void Count_EmbeddedList_HoldsAtLeastAThousandEntries()
    {
        Assert.That(CommonPasswords.Shared.Count, Is.GreaterThanOrEqualTo(1_000));
    }

    [TestCase("123456")]
    [TestCase("password")]
    [TestCase("qwerty")]
    [TestCase("iloveyou")]
    public void Contains_WellKnownPasswordInAnyCase_IsTrue(string password)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CommonPasswords.Shared.Contains(password), Is.True);
            Assert.That(CommonPasswords.Shared.Contains(password.ToUpperInvariant()), Is.True);
            Assert.That(CommonPasswords.Shared.Contains(char.ToUpperInvariant(password[0]) + password[1..]), Is.True);
        });
    }

    [Test]
    public void Contains_LongRandomString_IsFalse()
    {
        Assert.That(CommonPasswords.Shared.Contains("vK7#qPz2!mW9xR4tL8nB$eJ3uYh6"), Is.False);
    }

    [TestCase("ｐａｓｓｗｏｒｄ")]
    [TestCase("ＰＡＳＳＷＯＲＤ")]
    [TestCase("ｑｗｅｒｔｙ")]
    public void Contains_FullWidthFormOfListedPassword_IsTrue(string password)
    {
        Assert.That(CommonPasswords.Shared.Contains(password), Is.True);
    }

    [Test]
    public void Contains_IllFormedUtf16_IsFalseWithoutThrowing()
    {
        Assert.That(CommonPasswords.Shared.Contains("password\uD800"), Is.False);
    }

    [Test]
    public void Contains_Null_Throws()
    {
        Assert.That(() => CommonPasswords.Shared.Contains(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void ResourceName_EmbeddedList_HasNoBlankLinesOrDuplicates()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(CommonPasswords.ResourceName);
        Assert.That(stream, Is.Not.Null);
        using var reader = new StreamReader(stream!, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var lines = text.TrimEnd('\n').Split('\n');

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain('\r'), "LF line endings");
            Assert.That(text, Does.EndWith("\n"));
            Assert.That(lines, Has.None.Matches<string>(string.IsNullOrWhiteSpace));
            Assert.That(lines, Has.All.Matches<string>(line => line == line.Trim()));
            Assert.That(lines, Is.Unique);
            Assert.That(CommonPasswords.Shared.Count, Is.EqualTo(lines.Length), "no duplicates ignoring case or NFKC");
        });
    }
}
