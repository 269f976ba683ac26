using System.Net.Mail;

namespace ObjectStack.Abstractions.Messaging;

/// <summary>
/// One e-mail to one recipient: a plain-text body and, optionally, an HTML alternative. The constructor refuses
/// anything that could smuggle extra headers or recipients, so a sender may copy the values into the message as-is.
/// </summary>
/// <remarks>
/// A class rather than a record on purpose: a record's generated <c>ToString</c> and <c>with</c> would print the body
/// (which carries one-time tokens) and bypass the checks.
/// </remarks>
public sealed class EmailMessage
{
    /// <summary>The longest accepted <see cref="Purpose"/>.</summary>
    public const int MaxPurposeLength = 64;

    /// <summary>Creates a message.</summary>
    /// <param name="to">The recipient: exactly one address such as <c>ada@example.com</c> (a display-name form
    /// such as <c>Ada &lt;ada@example.com&gt;</c> is accepted). Required.</param>
    /// <param name="subject">The subject, in any script. Required; must not contain line breaks or other control characters.</param>
    /// <param name="textBody">The plain-text body. Required.</param>
    /// <param name="htmlBody">The HTML alternative; null or empty for a plain-text message.</param>
    /// <param name="purpose">A tag for logs such as <c>password_reset</c>: 1 to 64 ASCII letters, digits, <c>_</c>,
    /// <c>-</c> or <c>.</c>; null for none.</param>
    /// <exception cref="ArgumentException">A value is missing or invalid; the message names the parameter.</exception>
    public EmailMessage(string to, string subject, string textBody, string? htmlBody = null, string? purpose = null)
    {
        To = ValidAddress(to, nameof(to));
        Subject = ValidSubject(subject, nameof(subject));
        if (string.IsNullOrWhiteSpace(textBody))
        {
            throw new ArgumentException("The text body is required.", nameof(textBody));
        }

        TextBody = textBody;
        HtmlBody = string.IsNullOrEmpty(htmlBody) ? null : htmlBody;
        Purpose = purpose is null ? null : ValidPurpose(purpose, nameof(purpose));
    }

    /// <summary>Gets the recipient: one valid address, trimmed.</summary>
    public string To { get; }

    /// <summary>Gets the subject; it holds no line breaks.</summary>
    public string Subject { get; }

    /// <summary>Gets the plain-text body.</summary>
    public string TextBody { get; }

    /// <summary>Gets the HTML alternative; null for a plain-text message.</summary>
    public string? HtmlBody { get; }

    /// <summary>Gets the tag for logs such as <c>password_reset</c>; null for none.</summary>
    public string? Purpose { get; }

    private static string ValidAddress(string value, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The recipient address is required.", parameter);
        }

        var trimmed = value.Trim();
        // MailAddress accepts a single address only; the control-character check also rules out folded header lines.
        if (HasControlCharacter(trimmed) || trimmed.Contains(',', StringComparison.Ordinal) || trimmed.Contains(';', StringComparison.Ordinal)
            || !MailAddress.TryCreate(trimmed, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            throw new ArgumentException("The recipient must be exactly one valid e-mail address.", parameter);
        }

        return trimmed;
    }

    private static string ValidSubject(string value, string parameter)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The subject is required.", parameter);
        }

        if (HasControlCharacter(value))
        {
            throw new ArgumentException("The subject must not contain line breaks or other control characters.", parameter);
        }

        return value;
    }

    private static string ValidPurpose(string value, string parameter)
    {
        if (value.Length is 0 or > MaxPurposeLength || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw new ArgumentException(
                $"The purpose must be 1 to {MaxPurposeLength} ASCII letters, digits, '_', '-' or '.', such as 'password_reset'.", parameter);
        }

        return value;
    }

    private static bool HasControlCharacter(string value) =>
        value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');
}
