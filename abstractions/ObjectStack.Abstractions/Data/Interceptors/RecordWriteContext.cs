using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Abstractions.Data.Interceptors;

/// <summary>One record write as interceptors see it.</summary>
public sealed class RecordWriteContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="phase">Before or after the row write.</param>
    /// <param name="action">Insert, update or delete.</param>
    /// <param name="operation">Who is writing.</param>
    /// <param name="obj">The object.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="values">See <see cref="Values"/>.</param>
    /// <param name="previous">See <see cref="Previous"/>.</param>
    /// <param name="session">The open write transaction.</param>
    public RecordWriteContext(
        InterceptionPhase phase,
        RecordAction action,
        OperationContext operation,
        ObjectDefinition obj,
        string recordId,
        IDictionary<string, object?> values,
        IReadOnlyDictionary<string, object?>? previous,
        IDriverSession session)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentException.ThrowIfNullOrEmpty(recordId);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(session);
        Phase = phase;
        Action = action;
        Operation = operation;
        Object = obj;
        RecordId = recordId;
        Values = values;
        Previous = previous;
        Session = session;
    }

    /// <summary>Gets when the interceptor runs.</summary>
    public InterceptionPhase Phase { get; }

    /// <summary>Gets the kind of write.</summary>
    public RecordAction Action { get; }

    /// <summary>Gets who is writing.</summary>
    public OperationContext Operation { get; }

    /// <summary>Gets the object.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The protocol calls it the object.")]
    public ObjectDefinition Object { get; }

    /// <summary>Gets the record id.</summary>
    public string RecordId { get; }

    /// <summary>
    /// Gets the values. Before an insert: every value to store; before an update: the changed values only; both may
    /// be changed, with values of the field's CLR type, and the engine checks them again. After an insert or update:
    /// the record as stored. For a delete: empty.
    /// </summary>
    public IDictionary<string, object?> Values { get; }

    /// <summary>Gets the record as it was before an update or delete; null for an insert.</summary>
    public IReadOnlyDictionary<string, object?>? Previous { get; }

    /// <summary>Gets the write transaction, for writes that must commit with the record (they bypass the interceptors).</summary>
    public IDriverSession Session { get; }
}
