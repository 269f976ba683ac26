using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Logging;
using ObjectStack.Abstractions.Messaging;

namespace ObjectStack.Plugins.Auth.Email;

/// <summary>
/// Hands mail to an SMTP server with the framework's <see cref="SmtpClient"/>: one connection per message, at most
/// <see cref="DefaultMaxConcurrency"/> at once so a burst of sign-ups cannot open unbounded connections.
/// </summary>
/// <remarks>Logs one line per message with its purpose and the recipient's domain only: bodies carry one-time tokens
/// and addresses are personal data. The password is used for SMTP AUTH and nowhere else.</remarks>
internal sealed partial class SmtpEmailSender : IEmailSender, IDisposable
{
    /// <summary>The environment variable that holds the SMTP password.</summary>
    public const string PasswordVariable = "OS_SMTP_PASSWORD";

    /// <summary>The most messages handed over at once.</summary>
    public const int DefaultMaxConcurrency = 4;

    /// <summary>How early a timer may fire, for telling SmtpClient's own timeout from other general failures.</summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(50);

    private readonly string _host;
    private readonly int _port;
    private readonly string _endpoint;
    private readonly MailAddress _from;
    private readonly bool _startTls;
    private readonly NetworkCredential? _credentials;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _gate;
    private readonly ILogger<SmtpEmailSender> _logger;

    /// <summary>Creates the sender.</summary>
    /// <param name="options">Where and how to send; copied, so later changes have no effect.</param>
    /// <param name="password">The value of <c>OS_SMTP_PASSWORD</c>: required when a username is set, refused otherwise.</param>
    /// <param name="logger">Receives one line per message.</param>
    /// <param name="maxConcurrency">The most messages handed over at once.</param>
    /// <exception cref="ArgumentException">The options are invalid (every problem listed) or the password does not match them.</exception>
    public SmtpEmailSender(SmtpOptions options, string? password, ILogger<SmtpEmailSender> logger, int maxConcurrency = DefaultMaxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid SMTP options: " + string.Join(" ", problems), nameof(options));
        }

        var hasPassword = !string.IsNullOrEmpty(password);
        if (options.Username is not null && !hasPassword)
        {
            throw new ArgumentException($"'username' is set, so {PasswordVariable} must hold its password.", nameof(password));
        }

        if (options.Username is null && hasPassword)
        {
            throw new ArgumentException($"{PasswordVariable} is set but 'username' is not; set both for SMTP AUTH, or neither.", nameof(password));
        }

        _host = options.Host!.Trim();
        _port = options.Port;
        _endpoint = _host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{_host.Trim('[', ']')}]:{_port}")
            : string.Create(CultureInfo.InvariantCulture, $"{_host}:{_port}");
        _from = new MailAddress(options.From!.Trim(), options.FromName, Encoding.UTF8);
        _startTls = options.Security == SmtpOptions.StartTls;
        _credentials = options.Username is null ? null : new NetworkCredential(options.Username, password);
        _timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        _gate = new SemaphoreSlim(maxConcurrency, maxConcurrency);
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var purpose = message.Purpose ?? "untagged";
        var domain = new MailAddress(message.To).Host.ToLowerInvariant();

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var mail = Compose(message);
            using var client = new SmtpClient(_host, _port)
            {
                DeliveryMethod = SmtpDeliveryMethod.Network,
                EnableSsl = _startTls,
                Timeout = (int)_timeout.TotalMilliseconds,
                UseDefaultCredentials = false,
                Credentials = _credentials,
            };

            // Older runtimes apply SmtpClient.Timeout to the synchronous Send only, so the send also gets its own deadline.
            // Whichever fires first, the failure reads as a timeout.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_timeout);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await client.SendMailAsync(mail, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw Failed(purpose, domain, TimedOut, ex);
            }
            catch (SmtpException ex) when (ex.StatusCode == SmtpStatusCode.GeneralFailure && ex.InnerException is null
                && Stopwatch.GetElapsedTime(started) >= _timeout - TimerSlack)
            {
                throw Failed(purpose, domain, TimedOut, ex);
            }
            catch (SmtpException ex)
            {
                throw Failed(purpose, domain, Describe(ex), ex);
            }
            catch (Exception ex) when (ex is IOException or SocketException or AuthenticationException)
            {
                throw Failed(purpose, domain, Describe(ex), ex);
            }

            LogSent(purpose, domain, _endpoint);
        }
        finally
        {
            _gate.Release();
        }
    }

    private string TimedOut => string.Create(CultureInfo.InvariantCulture, $"no answer within {_timeout.TotalSeconds} s");

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private MailMessage Compose(EmailMessage message)
    {
        var mail = new MailMessage
        {
            From = _from,
            Subject = message.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        try
        {
            mail.To.Add(new MailAddress(message.To, null, Encoding.UTF8));
            if (message.HtmlBody is null)
            {
                mail.Body = message.TextBody;
                mail.IsBodyHtml = false;
            }
            else
            {
                // multipart/alternative: plain text first, HTML last (the preferred rendering).
                mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.TextBody, Encoding.UTF8, MediaTypeNames.Text.Plain));
                mail.AlternateViews.Add(AlternateView.CreateAlternateViewFromString(message.HtmlBody, Encoding.UTF8, MediaTypeNames.Text.Html));
            }

            return mail;
        }
        catch
        {
            mail.Dispose();
            throw;
        }
    }

    private EmailDeliveryException Failed(string purpose, string domain, string status, Exception cause)
    {
        LogFailed(purpose, domain, _endpoint, status);
        return new EmailDeliveryException($"The SMTP server {_endpoint} did not accept the message: {status}.", cause);
    }

    /// <summary>The SMTP status and the network error under it; never the exception message, which may hold an address.</summary>
    private static string Describe(Exception ex)
    {
        var status = ex is SmtpException smtp && smtp.StatusCode != SmtpStatusCode.GeneralFailure
            ? string.Create(CultureInfo.InvariantCulture, $"SMTP status {(int)smtp.StatusCode} ({smtp.StatusCode})")
            : "SMTP status none";
        for (var inner = ex; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException socket:
                    return $"{status}, network error {socket.SocketErrorCode}";
                case AuthenticationException:
                    return $"{status}, the TLS handshake failed";
                case IOException:
                    return $"{status}, the connection broke";
            }
        }

        return status;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email: handed a {Purpose} message for a recipient at {RecipientDomain} to {Endpoint}.")]
    private partial void LogSent(string purpose, string recipientDomain, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email: {Endpoint} did not accept a {Purpose} message for a recipient at {RecipientDomain}: {Status}.")]
    private partial void LogFailed(string purpose, string recipientDomain, string endpoint, string status);
}
