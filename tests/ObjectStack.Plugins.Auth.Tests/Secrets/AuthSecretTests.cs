using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using ObjectStack.Plugins.Auth.Secrets;

namespace ObjectStack.Plugins.Auth.Tests.Secrets;

public sealed class AuthSecretTests
{
    private const string Strong = "0123456789abcdef0123456789abcdef-strong";

    [TestCase("Production")]
    [TestCase("Staging")]
    public void From_MissingOutsideDevelopment_RefusesNamingTheVariable(string environment)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => AuthSecret.From(Configuration(null), new TestEnvironment(environment)));

        Assert.That(ex!.Message, Does.StartWith("OS_AUTH_SECRET is not set.").And.Contain("at least 32 bytes"));
    }

    [TestCase("Production")]
    [TestCase("Development")]
    public void From_Short_RefusesWithoutRepeatingIt(string environment)
    {
        const string Short = "only-31-bytes-long-secret-value";

        var ex = Assert.Throws<InvalidOperationException>(() => AuthSecret.From(Configuration(Short), new TestEnvironment(environment)));

        Assert.That(ex!.Message, Does.Contain("31 bytes long").And.Not.Contain(Short));
    }

    [Test]
    public void From_MissingInDevelopment_MakesAnEphemeralRandomSecret()
    {
        var first = AuthSecret.From(Configuration(null), new TestEnvironment("Development"));
        var second = AuthSecret.From(Configuration(null), new TestEnvironment("Development"));

        Assert.Multiple(() =>
        {
            Assert.That(first.IsEphemeral, Is.True);
            Assert.That(first.Value.Length, Is.EqualTo(AuthSecret.MinimumBytes));
            Assert.That(first.Value.ToArray(), Is.Not.EqualTo(second.Value.ToArray()), "random per run");
        });
    }

    [Test]
    public void From_Strong_IsUsedAsGiven()
    {
        var secret = AuthSecret.From(Configuration(Strong), new TestEnvironment("Production"));

        Assert.That(secret.IsEphemeral, Is.False);
        Assert.That(secret.Value.ToArray(), Is.EqualTo(System.Text.Encoding.UTF8.GetBytes(Strong)));
    }

    [Test]
    public void TokenDigests_DependOnTheSecretAndThePurpose()
    {
        var one = new TokenDigests(AuthSecret.From(Configuration(Strong), new TestEnvironment("Production")));
        var same = new TokenDigests(AuthSecret.From(Configuration(Strong), new TestEnvironment("Production")));
        var other = new TokenDigests(AuthSecret.From(Configuration(Strong + "!"), new TestEnvironment("Production")));

        Assert.Multiple(() =>
        {
            Assert.That(one.Digest(TokenPurpose.Session, "token"), Is.EqualTo(same.Digest(TokenPurpose.Session, "token")));
            Assert.That(one.Digest(TokenPurpose.Session, "token"), Is.Not.EqualTo(other.Digest(TokenPurpose.Session, "token")));
            Assert.That(one.Digest(TokenPurpose.Session, "token"), Is.Not.EqualTo(one.Digest(TokenPurpose.ApiKey, "token")));
        });
    }

    private static IConfiguration Configuration(string? secret) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AuthSecret.Variable] = secret }).Build();

    private sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "auth-tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
