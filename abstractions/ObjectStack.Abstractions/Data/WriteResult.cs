namespace ObjectStack.Abstractions.Data;

/// <summary>The outcome of an insert or update.</summary>
public sealed class WriteResult
{
    /// <summary>Creates the outcome.</summary>
    /// <param name="record">The record as stored.</param>
    /// <param name="droppedFields">Fields the caller sent that only the server sets, which were ignored.</param>
    public WriteResult(IReadOnlyDictionary<string, object?> record, IReadOnlyList<string> droppedFields)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(droppedFields);
        Record = record;
        DroppedFields = droppedFields;
    }

    /// <summary>Gets the record as stored.</summary>
    public IReadOnlyDictionary<string, object?> Record { get; }

    /// <summary>Gets the id of the record.</summary>
    public string Id => (string)Record[Metadata.SystemFieldNames.Id]!;

    /// <summary>Gets the fields the caller sent that were ignored because only the server sets them.</summary>
    public IReadOnlyList<string> DroppedFields { get; }
}
