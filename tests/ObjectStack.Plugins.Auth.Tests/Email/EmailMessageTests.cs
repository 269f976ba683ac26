using ObjectStack.Abstractions.Messaging;

namespace ObjectStack.Plugins.Auth.Tests.Email;

public sealed class EmailMessageTests
{
    [Test]
    public void Constructor_ValidValues_KeepsThem()
    {
        var message = new EmailMessage(" ada@example.com ", "Reset your password", "Open the link.", "<p>Open the link.</p>", "password_reset");

        Assert.Multiple(() =>
        {
            Assert.That(message.To, Is.EqualTo("ada@example.com"));
            Assert.That(message.Subject, Is.EqualTo("Reset your password"));
            Assert.That(message.TextBody, Is.EqualTo("Open the link."));
            Assert.That(message.HtmlBody, Is.EqualTo("<p>Open the link.</p>"));
            Assert.That(message.Purpose, Is.EqualTo("password_reset"));
        });
    }

    [Test]
    public void Constructor_EmptyHtmlBody_IsPlainText()
    {
        var message = new EmailMessage("ada@example.com", "Hello", "Text", htmlBody: "");

        Assert.That(message.HtmlBody, Is.Null);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("not-an-address")]
    [TestCase("ada@example.com, eve@example.com")]
    [TestCase("ada@example.com; eve@example.com")]
    [TestCase("ada@example.com\r\nBcc: eve@example.com")]
    [TestCase("ada@example.com\nBcc: eve@example.com")]
    public void Constructor_InvalidRecipient_Throws(string to)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new EmailMessage(to, "Hello", "Text"));

        Assert.That(ex!.ParamName, Is.EqualTo("to"));
    }

    [TestCase("Hello\r\nBcc: eve@example.com")]
    [TestCase("Hello\nBcc: eve@example.com")]
    [TestCase("Hello\rBcc: eve@example.com")]
    [TestCase("Hello\u2028Bcc: eve@example.com")]
    [TestCase("Hello\0")]
    public void Constructor_SubjectWithLineBreak_IsRefusedAsHeaderInjection(string subject)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new EmailMessage("ada@example.com", subject, "Text"));

        Assert.That(ex!.ParamName, Is.EqualTo("subject"));
        Assert.That(ex.Message, Does.Contain("line breaks"));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Constructor_MissingSubject_Throws(string subject)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new EmailMessage("ada@example.com", subject, "Text"));

        Assert.That(ex!.ParamName, Is.EqualTo("subject"));
    }

    [TestCase("")]
    [TestCase(" \n ")]
    public void Constructor_MissingTextBody_Throws(string textBody)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new EmailMessage("ada@example.com", "Hello", textBody));

        Assert.That(ex!.ParamName, Is.EqualTo("textBody"));
    }

    [TestCase("")]
    [TestCase("password reset")]
    [TestCase("reset\nforged log line")]
    [TestCase("réinitialisation")]
    public void Constructor_InvalidPurpose_Throws(string purpose)
    {
        var ex = Assert.Throws<ArgumentException>(() => _ = new EmailMessage("ada@example.com", "Hello", "Text", purpose: purpose));

        Assert.That(ex!.ParamName, Is.EqualTo("purpose"));
    }

    [Test]
    public void Constructor_PurposeTooLong_Throws()
    {
        var purpose = new string('a', EmailMessage.MaxPurposeLength + 1);

        Assert.Throws<ArgumentException>(() => _ = new EmailMessage("ada@example.com", "Hello", "Text", purpose: purpose));
    }

    [Test]
    public void ToString_Always_DoesNotPrintTheBody()
    {
        var message = new EmailMessage("ada@example.com", "Hello", "token-7f3a9c");

        Assert.That(message.ToString(), Does.Not.Contain("token-7f3a9c"));
    }
}
