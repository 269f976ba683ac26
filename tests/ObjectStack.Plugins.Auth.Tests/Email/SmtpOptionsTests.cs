using ObjectStack.Plugins.Auth.Email;

namespace ObjectStack.Plugins.Auth.Tests.Email;

public sealed class SmtpOptionsTests
{
    [Test]
    public void Defaults_AreSubmissionPortStartTlsAndThirtySeconds()
    {
        var options = new SmtpOptions();

        Assert.Multiple(() =>
        {
            Assert.That(options.Port, Is.EqualTo(587));
            Assert.That(options.Security, Is.EqualTo("starttls"));
            Assert.That(options.TimeoutSeconds, Is.EqualTo(30));
        });
    }

    [Test]
    public void Validate_HostAndFrom_IsValid()
    {
        var options = new SmtpOptions { Host = "smtp.example.com", From = "no-reply@example.com", FromName = "Example", Username = "mailer" };

        Assert.That(options.Validate(), Is.Empty);
    }

    [Test]
    public void Validate_Empty_ListsHostAndFrom()
    {
        var problems = new SmtpOptions().Validate();

        Assert.That(problems, Has.Count.EqualTo(2));
        Assert.That(problems, Has.Some.StartsWith("'host' is required"));
        Assert.That(problems, Has.Some.StartsWith("'from' is required"));
    }

    [Test]
    public void Validate_EveryValueWrong_ListsEveryProblemAtOnce()
    {
        var options = new SmtpOptions
        {
            Host = "bad host!",
            Port = 0,
            From = "a@example.com, b@example.com",
            FromName = "Example\r\nBcc: eve@example.com",
            Security = "ssl",
            Username = "",
            TimeoutSeconds = 0,
        };

        var problems = options.Validate();

        Assert.That(problems, Has.Count.EqualTo(7));
        foreach (var key in new[] { "'host'", "'port'", "'from'", "'fromName'", "'security'", "'username'", "'timeoutSeconds'" })
        {
            Assert.That(problems, Has.One.StartsWith(key), key);
        }
    }

    [Test]
    public void Validate_FromWithDisplayName_IsRefused()
    {
        var options = new SmtpOptions { Host = "smtp.example.com", From = "Example <no-reply@example.com>" };

        Assert.That(options.Validate(), Has.One.Contains("'fromName'"));
    }

    [TestCase("smtp.example.com")]
    [TestCase("10.0.0.5")]
    [TestCase("localhost.example.com")]
    public void Validate_NoSecurityForRemoteHost_IsRefused(string host)
    {
        var options = new SmtpOptions { Host = host, Port = 25, From = "no-reply@example.com", Security = "none" };

        var problems = options.Validate();

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.StartWith("'security' 'none'").And.Contain("loopback").And.Contain(host));
    }

    [TestCase("localhost")]
    [TestCase("LOCALHOST")]
    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.2")]
    [TestCase("::1")]
    public void Validate_NoSecurityForLoopbackHost_IsValid(string host)
    {
        var options = new SmtpOptions { Host = host, Port = 25, From = "no-reply@example.com", Security = "none" };

        Assert.That(options.Validate(), Is.Empty);
    }
}
