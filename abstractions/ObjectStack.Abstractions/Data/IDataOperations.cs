using ObjectStack.Abstractions.Execution;

namespace ObjectStack.Abstractions.Data;

/// <summary>
/// Reads and writes records as a principal: every call is checked against the access policy, validated against
/// metadata, and every write runs the record interceptors inside its transaction.
/// </summary>
/// <remarks>
/// Values passed in may be CLR values of the field's type (see <see cref="Metadata.FieldType"/>) or
/// <see cref="System.Text.Json.JsonElement"/>s; both are coerced and validated the same way. Failures raise
/// <see cref="DataOperationException"/> and change nothing.
/// </remarks>
public interface IDataOperations
{
    /// <summary>Finds one page of records.</summary>
    /// <param name="context">Who is asking.</param>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    Task<QueryResult> FindAsync(OperationContext context, RecordQuery query, CancellationToken cancellationToken = default);

    /// <summary>Reads one record by id.</summary>
    /// <param name="context">Who is asking.</param>
    /// <param name="objectName">The object name.</param>
    /// <param name="id">The record id.</param>
    /// <param name="fields">The fields to return; null for all.</param>
    /// <param name="expand">The lookups to expand; null for none.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or null when it does not exist or the principal may not see it.</returns>
    Task<IReadOnlyDictionary<string, object?>?> GetAsync(
        OperationContext context,
        string objectName,
        string id,
        IReadOnlyList<string>? fields = null,
        IReadOnlyList<ExpandRequest>? expand = null,
        CancellationToken cancellationToken = default);

    /// <summary>Inserts a record.</summary>
    /// <param name="context">Who is writing.</param>
    /// <param name="objectName">The object name.</param>
    /// <param name="values">Field values by name.</param>
    /// <param name="cancellationToken">Cancels the write before it commits.</param>
    /// <returns>The stored record.</returns>
    Task<WriteResult> InsertAsync(OperationContext context, string objectName, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default);

    /// <summary>Changes some fields of a record.</summary>
    /// <param name="context">Who is writing.</param>
    /// <param name="objectName">The object name.</param>
    /// <param name="id">The record id.</param>
    /// <param name="values">The changed field values by name.</param>
    /// <param name="expectedVersion">The <c>updated_at</c> the caller last read, or null to skip the concurrency check.</param>
    /// <param name="cancellationToken">Cancels the write before it commits.</param>
    /// <returns>The stored record.</returns>
    Task<WriteResult> UpdateAsync(
        OperationContext context,
        string objectName,
        string id,
        IReadOnlyDictionary<string, object?> values,
        string? expectedVersion = null,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes a record, applying each referencing field's delete behaviour.</summary>
    /// <param name="context">Who is writing.</param>
    /// <param name="objectName">The object name.</param>
    /// <param name="id">The record id.</param>
    /// <param name="expectedVersion">The <c>updated_at</c> the caller last read, or null to skip the concurrency check.</param>
    /// <param name="cancellationToken">Cancels the write before it commits.</param>
    /// <returns>The deleted record as it was.</returns>
    Task<IReadOnlyDictionary<string, object?>> DeleteAsync(
        OperationContext context,
        string objectName,
        string id,
        string? expectedVersion = null,
        CancellationToken cancellationToken = default);
}
