namespace ObjectStack.Abstractions.Data;

/// <summary>
/// A data operation was refused; nothing was changed. The message is safe to show the caller: it never carries
/// SQL, stack traces or stored values of other records.
/// </summary>
public sealed class DataOperationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">Why the operation failed.</param>
    /// <param name="message">A message safe to show the caller.</param>
    public DataOperationException(DataErrorCode code, string message)
        : base(message)
    {
        Code = code;
        Fields = [];
    }

    /// <summary>Creates a validation failure listing every invalid value.</summary>
    /// <param name="code">Why the operation failed, usually <see cref="DataErrorCode.ValidationFailed"/>.</param>
    /// <param name="message">A message safe to show the caller.</param>
    /// <param name="fields">The invalid values.</param>
    public DataOperationException(DataErrorCode code, string message, IReadOnlyList<FieldError> fields)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Code = code;
        Fields = fields;
    }

    /// <summary>Creates the exception wrapping the driver error that caused it.</summary>
    /// <param name="code">Why the operation failed.</param>
    /// <param name="message">A message safe to show the caller.</param>
    /// <param name="innerException">The cause, for logs only.</param>
    public DataOperationException(DataErrorCode code, string message, Exception innerException)
        : base(message, innerException)
    {
        Code = code;
        Fields = [];
    }

    /// <summary>Gets why the operation failed.</summary>
    public DataErrorCode Code { get; }

    /// <summary>Gets the invalid values.</summary>
    public IReadOnlyList<FieldError> Fields { get; }

    /// <summary>Gets the object the operation targeted, when known.</summary>
    public string? ObjectName { get; init; }

    /// <summary>Gets the record's current version, for <see cref="DataErrorCode.ConcurrentUpdate"/>.</summary>
    public string? CurrentVersion { get; init; }

    /// <summary>Gets, for <see cref="DataErrorCode.ConcurrentUpdate"/>, the record as it is now (as the caller may see it), so a client can merge.</summary>
    public IReadOnlyDictionary<string, object?>? CurrentRecord { get; init; }

    /// <summary>Gets a hint for the caller, such as the field name they probably meant.</summary>
    public string? Hint { get; init; }

    /// <summary>Gets, for <see cref="DataErrorCode.Unavailable"/>, how long the caller should wait before retrying, when the driver knows
    /// (such as the time left before a tripped circuit admits requests again); null for "shortly".</summary>
    public TimeSpan? RetryAfter { get; init; }
}
