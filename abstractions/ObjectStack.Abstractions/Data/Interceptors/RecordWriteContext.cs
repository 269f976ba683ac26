using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Abstractions.Data.Interceptors;

/// <summary>One record write as interceptors see it.</summary>
public sealed class RecordWriteContext
{
    private readonly Action<Action>? _onCommitted;

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
        : this(phase, action, operation, obj, recordId, values, previous, session, onCommitted: null)
    {
    }

    /// <summary>Creates the context with a way to defer work until the write's transaction commits.</summary>
    /// <param name="phase">Before or after the row write.</param>
    /// <param name="action">Insert, update or delete.</param>
    /// <param name="operation">Who is writing.</param>
    /// <param name="obj">The object.</param>
    /// <param name="recordId">The record id.</param>
    /// <param name="values">See <see cref="Values"/>.</param>
    /// <param name="previous">See <see cref="Previous"/>.</param>
    /// <param name="session">The open write transaction.</param>
    /// <param name="onCommitted">Registers a callback to run once the transaction has committed; null when the
    /// caller offers none, and <see cref="OnCommitted"/> then refuses.</param>
    public RecordWriteContext(
        InterceptionPhase phase,
        RecordAction action,
        OperationContext operation,
        ObjectDefinition obj,
        string recordId,
        IDictionary<string, object?> values,
        IReadOnlyDictionary<string, object?>? previous,
        IDriverSession session,
        Action<Action>? onCommitted)
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
        _onCommitted = onCommitted;
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

    /// <summary>
    /// Runs <paramref name="callback"/> once the write's transaction has committed, and never when it rolls back:
    /// for effects outside the database that must follow only committed changes (dropping a cached copy, waking a
    /// relay). Callbacks run in registration order on the committing caller's flow; they must be quick and must not
    /// throw — an exception is swallowed, so that a committed write is never reported as failed.
    /// </summary>
    /// <param name="callback">The work.</param>
    /// <exception cref="NotSupportedException">Whoever made this context offers no commit notification.</exception>
    public void OnCommitted(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (_onCommitted is null)
        {
            throw new NotSupportedException("This write offers no commit notification.");
        }

        _onCommitted(callback);
    }
}
