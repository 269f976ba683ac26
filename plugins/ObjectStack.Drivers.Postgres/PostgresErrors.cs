using System.Net.Sockets;
using Npgsql;
using ObjectStack.Abstractions.Data;
using Polly.CircuitBreaker;

namespace ObjectStack.Drivers.Postgres;

/// <summary>
/// Classifies PostgreSQL failures: which are worth a retry, which mean the database is unreachable (they feed the
/// circuit), and how each becomes a <see cref="DataOperationException"/>. Anything unexpected stays a 500.
/// Messages never carry values from the failing row (Npgsql's error detail is off).
/// </summary>
internal static class PostgresErrors
{
    /// <summary>unique_violation.</summary>
    public const string UniqueViolation = "23505";

    /// <summary>query_canceled: a statement timeout or a cancelled command.</summary>
    private const string QueryCanceled = "57014";

    /// <summary>Whether the failure means the server could not be reached or dropped the connection.</summary>
    public static bool IsConnectivity(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)
            || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        NpgsqlException { InnerException: SocketException or IOException } => true,
        SocketException or IOException => true,
        _ => false,
    };

    /// <summary>Whether an idempotent read may be tried again: connectivity failures, serialization failures and deadlocks.</summary>
    public static bool IsRetryable(Exception ex) =>
        IsConnectivity(ex) || ex is PostgresException { SqlState: "40001" or "40P01" };

    /// <summary>Whether the pool had no free connection within the wait.</summary>
    public static bool IsPoolExhausted(Exception ex) =>
        ex is NpgsqlException { InnerException: TimeoutException } npgsql && npgsql.Message.Contains("pool", StringComparison.OrdinalIgnoreCase);

    /// <summary>Translates a failure the caller can act on; null leaves it as it is.</summary>
    /// <param name="ex">The failure.</param>
    /// <param name="objectName">The object the statement worked on.</param>
    /// <param name="uniqueFields">The fields of a unique index, by index name.</param>
    public static DataOperationException? Translate(Exception ex, string objectName, Func<string, IReadOnlyList<string>> uniqueFields)
    {
        switch (ex)
        {
            case DataOperationException:
                return null;
            case PostgresException { SqlState: UniqueViolation } unique:
                var fields = unique.ConstraintName is { } index ? uniqueFields(index) : [];
                var what = fields.Count == 0 ? "these values" : "this " + string.Join(" and ", fields);
                return new DataOperationException(
                    DataErrorCode.DuplicateValue,
                    $"A record with {what} already exists.",
                    fields.Select(f => new FieldError(f, "unique", "must be unique; another record already has this value.")).ToList())
                {
                    ObjectName = objectName,
                };
            case PostgresException { SqlState: "54000" }:
                return new DataOperationException(
                    DataErrorCode.ValidationFailed,
                    "A value is too large for an indexed field (PostgreSQL indexes hold values up to about 2,700 bytes); shorten it or remove the index.",
                    ex)
                {
                    ObjectName = objectName,
                };
            case BrokenCircuitException broken:
                return Unavailable("The database is unreachable; requests are refused for a moment while it recovers.", objectName, ex, broken.RetryAfter);
            case PostgresException { SqlState: QueryCanceled }:
            case NpgsqlException { InnerException: TimeoutException } when !IsPoolExhausted(ex):
                return Unavailable("The database did not answer in time; retry shortly.", objectName, ex);
            case PostgresException { SqlState: "40001" or "40P01" }:
                return Unavailable("The database could not serialize this request with a concurrent one; retry.", objectName, ex);
            case PostgresException { SqlState: "53000" or "53100" or "53200" or "53300" }:
                return Unavailable("The database is out of resources; retry shortly.", objectName, ex);
            case PostgresException { SqlState: "25P02" or "25006" }:
                return Unavailable("The database refused the statement in this transaction; retry.", objectName, ex);
            default:
                if (IsPoolExhausted(ex))
                {
                    return PoolBusy(objectName, ex);
                }

                return IsConnectivity(ex) ? Unavailable("The database is unreachable; retry shortly.", objectName, ex) : null;
        }
    }

    /// <summary>The failure when every pooled connection stayed busy for the whole wait.</summary>
    public static DataOperationException PoolBusy(string objectName, Exception? inner) =>
        Unavailable("Every database connection is busy; retry shortly.", objectName, inner);

    private static DataOperationException Unavailable(string message, string objectName, Exception? inner, TimeSpan? retryAfter = null) => inner is null
        ? new(DataErrorCode.Unavailable, message) { ObjectName = objectName.Length == 0 ? null : objectName, RetryAfter = retryAfter }
        : new(DataErrorCode.Unavailable, message, inner) { ObjectName = objectName.Length == 0 ? null : objectName, RetryAfter = retryAfter };
}
