namespace ObjectStack.Abstractions.Messaging;

/// <summary>
/// Hands an e-mail to a delivery provider (an SMTP server, a mail API). The auth capability sends its password-reset,
/// e-mail verification and magic-link messages through it; other capabilities may use it for their own notices.
/// </summary>
/// <remarks>
/// Register one as a singleton; it must be safe to call from many requests at once. Completing means the provider
/// accepted the message, not that it reached the inbox. Implementations never log the body (it carries one-time
/// tokens) nor the full recipient address.
/// </remarks>
public interface IEmailSender
{
    /// <summary>Sends one message.</summary>
    /// <param name="message">The message, already validated by its constructor.</param>
    /// <param name="cancellationToken">Cancels the send; the message may or may not have been handed over.</param>
    /// <returns>A task that completes when the provider has accepted the message.</returns>
    /// <exception cref="EmailDeliveryException">The message could not be handed to the provider (unreachable,
    /// refused, timed out). Its message names the provider endpoint and status, never credentials.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
