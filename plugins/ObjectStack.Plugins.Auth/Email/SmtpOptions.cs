using System.Globalization;
using System.Net;
using System.Net.Mail;

namespace ObjectStack.Plugins.Auth.Email;

/// <summary>
/// Where and how the SMTP provider hands mail over. The password is never an option: it comes from the environment
/// variable <c>OS_SMTP_PASSWORD</c>, which the caller reads and passes to the sender.
/// </summary>
public sealed class SmtpOptions
{
    /// <summary>Mail sent with TLS: the connection is upgraded with <c>STARTTLS</c> before anything else is said.</summary>
    public const string StartTls = "starttls";

    /// <summary>Mail sent in clear text; accepted only for a loopback host (a local relay or a test sink).</summary>
    public const string NoSecurity = "none";

    /// <summary>The option names, as written in <c>objectstack.json</c>.</summary>
    internal static readonly string[] Keys = ["host", "port", "from", "fromName", "security", "username", "timeoutSeconds"];

    /// <summary>Gets or sets the SMTP server's host name or IP address. Required.</summary>
    public string? Host { get; set; }

    /// <summary>Gets or sets the SMTP server's port. The default is 587 (submission with <c>STARTTLS</c>); implicit TLS
    /// on 465 is not supported.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Gets or sets the sender address, such as <c>no-reply@example.com</c>. Required.</summary>
    public string? From { get; set; }

    /// <summary>Gets or sets the sender's display name, such as <c>Example</c>; none by default.</summary>
    public string? FromName { get; set; }

    /// <summary>Gets or sets the transport security: <c>starttls</c> (the default) or <c>none</c>, which is allowed
    /// only for a loopback host (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>).</summary>
    public string Security { get; set; } = StartTls;

    /// <summary>Gets or sets the user name for SMTP AUTH; none by default (no authentication). Its password comes from
    /// <c>OS_SMTP_PASSWORD</c>.</summary>
    public string? Username { get; set; }

    /// <summary>Gets or sets how long handing over one message may take, in seconds. The default is 30.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Lists every problem at once; empty when the options are valid.</summary>
    /// <returns>The problems, each naming its key.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var hostValid = false;
        if (string.IsNullOrWhiteSpace(Host))
        {
            problems.Add("'host' is required: the SMTP server's host name or IP address.");
        }
        else if (Uri.CheckHostName(Host) == UriHostNameType.Unknown)
        {
            problems.Add($"'host' must be a host name or IP address; it is '{Host}'.");
        }
        else
        {
            hostValid = true;
        }

        Range(problems, "port", Port, 1, 65_535);
        if (string.IsNullOrWhiteSpace(From))
        {
            problems.Add("'from' is required: the sender address, such as 'no-reply@example.com'.");
        }
        else if (From.Any(char.IsControl) || !MailAddress.TryCreate(From, out var from) || from.Address != From.Trim())
        {
            problems.Add("'from' must be one bare e-mail address such as 'no-reply@example.com' (put the name in 'fromName').");
        }

        if (FromName is not null && FromName.Any(char.IsControl))
        {
            problems.Add("'fromName' must not contain line breaks or other control characters.");
        }

        if (Security is not (StartTls or NoSecurity))
        {
            problems.Add($"'security' must be '{StartTls}' or '{NoSecurity}'; it is '{Security}'.");
        }
        else if (Security == NoSecurity && hostValid && !IsLoopback(Host!))
        {
            problems.Add($"'security' '{NoSecurity}' sends mail and credentials in clear text and is allowed only for a loopback host "
                + $"(localhost, 127.0.0.1, ::1); 'host' is '{Host}'. Use '{StartTls}'.");
        }

        if (Username is not null && (Username.Length == 0 || Username.Any(char.IsControl)))
        {
            problems.Add("'username' must be a non-empty name without control characters, or left out for no authentication.");
        }

        Range(problems, "timeoutSeconds", TimeoutSeconds, 1, 600);
        return problems;
    }

    /// <summary>Whether <paramref name="host"/> is this machine: <c>localhost</c> or a loopback IP address.</summary>
    internal static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static void Range(List<string> problems, string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"'{key}' must be between {min} and {max}; it is {value}."));
        }
    }
}
