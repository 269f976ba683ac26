namespace ObjectStack.Abstractions.Messaging;

/// <summary>
/// An <see cref="IEmailSender"/> could not hand a message to its provider: the server was unreachable, refused the
/// message or the sender, or did not answer in time. The message names the provider endpoint and its status; it never
/// carries credentials, the recipient's full address or the body.
/// </summary>
public sealed class EmailDeliveryException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public EmailDeliveryException()
        : base("The e-mail could not be handed to the delivery provider.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why the message could not be handed over; it must not contain credentials.</param>
    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the provider error that caused it.</summary>
    /// <param name="message">Why the message could not be handed over; it must not contain credentials.</param>
    /// <param name="innerException">The cause, for logs only.</param>
    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
