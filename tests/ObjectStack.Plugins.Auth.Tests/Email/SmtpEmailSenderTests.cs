using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ObjectStack.Abstractions.Messaging;
using ObjectStack.Plugins.Auth.Email;

namespace ObjectStack.Plugins.Auth.Tests.Email;

/// <summary>
/// Against a real maildev SMTP sink on loopback (build/services/maildev.sh), whose REST API shows what arrived. The
/// mailbox is shared, hence non-parallelizable.
/// </summary>
[NonParallelizable]
public sealed class SmtpEmailSenderTests
{
    private const string SmtpPortVariable = "OS_TEST_SMTP_PORT";
    private const string WebPortVariable = "OS_TEST_SMTP_WEB_PORT";
    private const string FromAddress = "no-reply@objectstack.test";
    private const string FromName = "ObjectStack Tests";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [OneTimeTearDown]
    public void DisposeHttp() => _http.Dispose();

    [Test]
    public async Task SendAsync_TextMessage_ArrivesWithSubjectFromToAndText()
    {
        await ClearMailboxAsync();
        using var sender = CreateSender(Port(SmtpPortVariable));

        await sender.SendAsync(new EmailMessage("ada@example.com", "Verify your e-mail", "Your code is 123456.", purpose: "email_verification"));

        var mail = await SingleMailAsync();
        Assert.Multiple(() =>
        {
            Assert.That(mail.GetProperty("subject").GetString(), Is.EqualTo("Verify your e-mail"));
            Assert.That(mail.GetProperty("from")[0].GetProperty("address").GetString(), Is.EqualTo(FromAddress));
            Assert.That(mail.GetProperty("from")[0].GetProperty("name").GetString(), Is.EqualTo(FromName));
            Assert.That(mail.GetProperty("to")[0].GetProperty("address").GetString(), Is.EqualTo("ada@example.com"));
            Assert.That(mail.GetProperty("to").GetArrayLength(), Is.EqualTo(1));
            Assert.That(mail.GetProperty("text").GetString()?.TrimEnd(), Is.EqualTo("Your code is 123456."));
            Assert.That(mail.TryGetProperty("html", out var html) && html.ValueKind == JsonValueKind.String, Is.False, "no HTML part");
        });
    }

    [Test]
    public async Task SendAsync_HtmlAndText_ArrivesAsMultipartAlternativeWithBothParts()
    {
        await ClearMailboxAsync();
        using var sender = CreateSender(Port(SmtpPortVariable));

        await sender.SendAsync(new EmailMessage(
            "ada@example.com", "Your sign-in link", "Open https://example.com/magic?t=abc", "<p><a href=\"https://example.com/magic?t=abc\">Sign in</a></p>", "magic_link"));

        var mail = await SingleMailAsync();
        Assert.Multiple(() =>
        {
            Assert.That(mail.GetProperty("headers").GetProperty("content-type").GetString(), Does.StartWith("multipart/alternative"));
            Assert.That(mail.GetProperty("text").GetString()?.TrimEnd(), Is.EqualTo("Open https://example.com/magic?t=abc"));
            Assert.That(mail.GetProperty("html").GetString(), Does.Contain("<a href=\"https://example.com/magic?t=abc\">Sign in</a>"));
        });
    }

    [Test]
    public async Task SendAsync_Utf8SubjectAndBody_RoundTrip()
    {
        await ClearMailboxAsync();
        using var sender = CreateSender(Port(SmtpPortVariable));
        const string subject = "Réinitialisez votre mot de passe — ключ 🔑 密码";
        const string body = "Grüße, Ada! Код: 42 ✓";

        await sender.SendAsync(new EmailMessage("ada@example.com", subject, body, purpose: "password_reset"));

        var mail = await SingleMailAsync();
        Assert.That(mail.GetProperty("subject").GetString(), Is.EqualTo(subject));
        Assert.That(mail.GetProperty("text").GetString()?.TrimEnd(), Is.EqualTo(body));
    }

    [Test]
    public async Task SendAsync_Delivered_LogsPurposeAndRecipientDomainOnly()
    {
        await ClearMailboxAsync();
        var logger = new RecordingLogger();
        using var sender = CreateSender(Port(SmtpPortVariable), logger: logger);

        await sender.SendAsync(new EmailMessage("ada.lovelace@Example.org", "Reset", "token-5d1e77", purpose: "password_reset"));

        await SingleMailAsync();
        var line = logger.Lines.Single();
        Assert.That(line, Does.Contain("password_reset").And.Contain("example.org").And.Contain(Endpoint(Port(SmtpPortVariable))));
        Assert.That(line, Does.Not.Contain("ada.lovelace").And.Not.Contain("token-5d1e77"));
    }

    [Test]
    public void SendAsync_ClosedPort_ThrowsEmailDeliveryExceptionNamingHostAndPort()
    {
        var port = ClosedPort();
        using var sender = CreateSender(port);

        var ex = Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(new EmailMessage("ada@example.com", "Hello", "Text")));

        Assert.That(ex!.Message, Does.Contain(Endpoint(port)).And.Contain("ConnectionRefused"));
    }

    [Test]
    public void SendAsync_FailureWithCredentials_NeverShowsThePassword()
    {
        const string password = "pw-9c2f4e81-never-shown";
        var logger = new RecordingLogger();
        using var sender = CreateSender(ClosedPort(), username: "mailer", password: password, logger: logger);

        var ex = Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(new EmailMessage("ada@example.com", "Hello", "Text")));

        Assert.That(ex!.ToString(), Does.Not.Contain(password));
        Assert.That(logger.Lines, Has.Count.EqualTo(1).And.None.Contains(password));
    }

    [Test]
    public async Task SendAsync_ServerNeverAnswers_ThrowsEmailDeliveryExceptionAfterTheTimeout()
    {
        using var server = new SilentServer();
        using var sender = CreateSender(server.Port, timeoutSeconds: 1);

        var ex = Assert.ThrowsAsync<EmailDeliveryException>(() => sender.SendAsync(new EmailMessage("ada@example.com", "Hello", "Text")));

        Assert.That(ex!.Message, Does.Contain(Endpoint(server.Port)).And.Contain("no answer within 1 s"));
        Assert.That(await server.WaitForConnectionsAsync(1), Is.EqualTo(1));
    }

    [Test]
    public async Task SendAsync_Burst_OpensNoMoreConnectionsThanTheBound()
    {
        using var server = new SilentServer();
        using var sender = CreateSender(server.Port, timeoutSeconds: 60);
        using var cancel = new CancellationTokenSource();

        var sends = Enumerable.Range(0, 10)
            .Select(i => sender.SendAsync(new EmailMessage($"user{i}@example.com", "Hello", "Text"), cancel.Token))
            .ToArray();
        var reached = await server.WaitForConnectionsAsync(SmtpEmailSender.DefaultMaxConcurrency);
        await Task.Delay(500);
        var connections = server.Connections;
        await cancel.CancelAsync();

        Assert.That(reached, Is.EqualTo(SmtpEmailSender.DefaultMaxConcurrency));
        Assert.That(connections, Is.EqualTo(SmtpEmailSender.DefaultMaxConcurrency), "the other six wait for a slot");
        foreach (var send in sends)
        {
            Assert.That(async () => await send, Throws.InstanceOf<OperationCanceledException>());
        }
    }

    [Test]
    public void Constructor_UsernameWithoutPassword_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => CreateSender(25, username: "mailer", password: null));

        Assert.That(ex!.Message, Does.Contain(SmtpEmailSender.PasswordVariable));
    }

    [Test]
    public void Constructor_PasswordWithoutUsername_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => CreateSender(25, password: "secret-value"));

        Assert.That(ex!.Message, Does.Contain(SmtpEmailSender.PasswordVariable).And.Not.Contain("secret-value"));
    }

    [Test]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new SmtpOptions { Host = "smtp.example.com", Port = 0, Security = "none" };

        var ex = Assert.Throws<ArgumentException>(() => _ = new SmtpEmailSender(options, null, new RecordingLogger()));

        Assert.That(ex!.Message, Does.Contain("'port'").And.Contain("'from'").And.Contain("'security' 'none'"));
    }

    private static SmtpEmailSender CreateSender(
        int port, int timeoutSeconds = 10, string? username = null, string? password = null, RecordingLogger? logger = null)
    {
        var options = new SmtpOptions
        {
            Host = "127.0.0.1",
            Port = port,
            From = FromAddress,
            FromName = FromName,
            Security = SmtpOptions.NoSecurity,
            Username = username,
            TimeoutSeconds = timeoutSeconds,
        };
        return new SmtpEmailSender(options, password, logger ?? new RecordingLogger());
    }

    private static string Endpoint(int port) => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{port}");

    /// <summary>A port nothing listens on: one the system just handed out and that was released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Reads a port from the environment; fails (never skips) the test when the sink is not configured.</summary>
    private static int Port(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new InvalidOperationException(
                $"{variable} is not set. Run the tests through build/test.sh, which starts a throwaway maildev, or start one with "
                + $"`build/services/maildev.sh start /tmp/os-maildev 51025 51080` and export {SmtpPortVariable}=51025 {WebPortVariable}=51080.");

    private static Uri Api(string path) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port(WebPortVariable)}{path}"));

    private async Task ClearMailboxAsync()
    {
        using var response = await _http.DeleteAsync(Api("/email/all"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The one message in the mailbox; maildev may parse it a moment after the SMTP transaction ends.</summary>
    private async Task<JsonElement> SingleMailAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync(Api("/email")));
            var count = document.RootElement.GetArrayLength();
            if (count > 0 || attempt == 100)
            {
                Assert.That(count, Is.EqualTo(1), "messages in the mailbox");
                return document.RootElement[0].Clone();
            }

            await Task.Delay(50);
        }
    }

    /// <summary>A real TCP listener that accepts connections and never says a word, like a hung SMTP server.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly ConcurrentBag<TcpClient> _clients = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;

        public SilentServer()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _accepting = Task.Run(AcceptAsync);
        }

        public int Port { get; }

        public int Connections => _clients.Count;

        /// <summary>Waits (up to 10 s) until <paramref name="count"/> connections arrived and returns how many did.</summary>
        public async Task<int> WaitForConnectionsAsync(int count)
        {
            for (var i = 0; i < 200 && Connections < count; i++)
            {
                await Task.Delay(50);
            }

            return Connections;
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _accepting.Wait(TimeSpan.FromSeconds(5));
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    _clients.Add(await _listener.AcceptTcpClientAsync(_stop.Token));
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }
    }

    /// <summary>Keeps every formatted log line, to check what the sender writes.</summary>
    private sealed class RecordingLogger : ILogger<SmtpEmailSender>
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " | " + exception));
    }
}
