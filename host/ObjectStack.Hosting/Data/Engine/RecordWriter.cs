using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Data.Interceptors;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Abstractions.Security;
using ObjectStack.Hosting.Metadata;

namespace ObjectStack.Hosting.Data.Engine;

/// <summary>
/// Writes records on a driver session: access, conversion and validation, references, engine-maintained fields,
/// concurrency, interceptors before and after the statement, and delete behaviours. Everything runs on the caller's
/// session, so one commit covers the record, its cascades and whatever the interceptors wrote.
/// </summary>
internal sealed class RecordWriter(
    MetadataRegistry registry,
    RecordReader reader,
    AccessGate gate,
    IEnumerable<IRecordInterceptor> interceptors,
    TimeProvider clock)
{
    private readonly IRecordInterceptor[] _interceptors = [.. interceptors];

    /// <summary>Inserts a record.</summary>
    public async Task<WriteResult> InsertAsync(IDriverSession session, OperationContext context, string objectName, IReadOnlyDictionary<string, object?> input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var obj = reader.Resolve(context, objectName);
        await gate.RequireAsync(context, obj, AccessOperation.Create, cancellationToken).ConfigureAwait(false);

        var errors = new List<FieldError>();
        var dropped = new List<string>();
        var values = WriteInput.Read(obj, input, context, insert: true, errors, dropped);
        WriteInput.ApplyDefaults(obj, values);
        WriteInput.CheckRequired(obj, values, insert: true, errors);
        ThrowIfAny(obj, errors);
        await CheckReferencesAsync(session, context, obj, values, cancellationToken).ConfigureAwait(false);

        var now = Now();
        var id = values.GetValueOrDefault(SystemFieldNames.Id) as string ?? Guid.CreateVersion7().ToString();
        values[SystemFieldNames.Id] = id;
        values[SystemFieldNames.CreatedAt] = now;
        values[SystemFieldNames.UpdatedAt] = now;
        values[SystemFieldNames.CreatedBy] = context.UserId;
        values[SystemFieldNames.UpdatedBy] = context.UserId;
        if (!values.ContainsKey(SystemFieldNames.OwnerId))
        {
            values[SystemFieldNames.OwnerId] = context.UserId;
        }

        if (obj.OrganizationScoped)
        {
            values[SystemFieldNames.OrganizationId] = context.OrganizationId;
        }

        await InterceptAsync(InterceptionPhase.Before, RecordAction.Insert, context, obj, id, values, null, session, cancellationToken).ConfigureAwait(false);
        var generated = await session.InsertAsync(obj, values, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in generated)
        {
            values[name] = value;
        }

        var record = obj.Fields.ToDictionary(f => f.Name, f => values.GetValueOrDefault(f.Name), StringComparer.Ordinal);
        await InterceptAsync(InterceptionPhase.After, RecordAction.Insert, context, obj, id, record, null, session, cancellationToken).ConfigureAwait(false);
        return new WriteResult(record, dropped);
    }

    /// <summary>Changes some fields of a record.</summary>
    public async Task<WriteResult> UpdateAsync(
        IDriverSession session,
        OperationContext context,
        string objectName,
        string id,
        IReadOnlyDictionary<string, object?> input,
        string? expectedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return await UpdateAsync(session, context, reader.Resolve(context, objectName), id, input, expectedVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a record after applying the delete behaviour of every field that refers to it.</summary>
    public Task<IReadOnlyDictionary<string, object?>> DeleteAsync(
        IDriverSession session,
        OperationContext context,
        string objectName,
        string id,
        string? expectedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return DeleteAsync(session, context, reader.Resolve(context, objectName), id, expectedVersion, new HashSet<string>(StringComparer.Ordinal), cancellationToken);
    }

    private async Task<WriteResult> UpdateAsync(
        IDriverSession session,
        OperationContext context,
        ObjectDefinition obj,
        string id,
        IReadOnlyDictionary<string, object?> input,
        string? expectedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var access = await gate.RequireAsync(context, obj, AccessOperation.Edit, cancellationToken).ConfigureAwait(false);
        var previous = await LoadForWriteAsync(session, obj, id, access, "edit", cancellationToken).ConfigureAwait(false);
        VersionToken.Check(obj, id, previous, expectedVersion);

        var errors = new List<FieldError>();
        var dropped = new List<string>();
        var changes = WriteInput.Read(obj, input, context, insert: false, errors, dropped);
        WriteInput.CheckRequired(obj, changes, insert: false, errors);
        ThrowIfAny(obj, errors);
        await CheckReferencesAsync(session, context, obj, changes, cancellationToken).ConfigureAwait(false);

        // updated_at is the version token, so it must change on every write, even within one millisecond.
        var now = Now();
        if (previous.GetValueOrDefault(SystemFieldNames.UpdatedAt) is DateTimeOffset last && now <= last)
        {
            now = last.AddMilliseconds(1);
        }

        changes[SystemFieldNames.UpdatedAt] = now;
        changes[SystemFieldNames.UpdatedBy] = context.UserId;
        await InterceptAsync(InterceptionPhase.Before, RecordAction.Update, context, obj, id, changes, previous, session, cancellationToken).ConfigureAwait(false);
        if (!await session.UpdateAsync(obj, id, changes, cancellationToken).ConfigureAwait(false))
        {
            throw DataErrors.RecordNotFound(obj, id);
        }

        var record = new Dictionary<string, object?>(previous, StringComparer.Ordinal);
        foreach (var (name, value) in changes)
        {
            if (obj.FindField(name) is not null)
            {
                record[name] = value;
            }
        }

        await InterceptAsync(InterceptionPhase.After, RecordAction.Update, context, obj, id, changes, previous, session, cancellationToken).ConfigureAwait(false);
        return new WriteResult(record, dropped);
    }

    private async Task<IReadOnlyDictionary<string, object?>> DeleteAsync(
        IDriverSession session,
        OperationContext context,
        ObjectDefinition obj,
        string id,
        string? expectedVersion,
        HashSet<string> visited,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var access = await gate.RequireAsync(context, obj, AccessOperation.Delete, cancellationToken).ConfigureAwait(false);
        var previous = await LoadForWriteAsync(session, obj, id, access, "delete", cancellationToken).ConfigureAwait(false);
        VersionToken.Check(obj, id, previous, expectedVersion);
        if (!visited.Add($"{obj.Name}/{id}"))
        {
            return previous;
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        await InterceptAsync(InterceptionPhase.Before, RecordAction.Delete, context, obj, id, values, previous, session, cancellationToken).ConfigureAwait(false);
        await ApplyDeleteBehavioursAsync(session, context, obj, id, visited, cancellationToken).ConfigureAwait(false);
        if (!await session.DeleteAsync(obj, id, cancellationToken).ConfigureAwait(false))
        {
            throw DataErrors.RecordNotFound(obj, id);
        }

        await InterceptAsync(InterceptionPhase.After, RecordAction.Delete, context, obj, id, values, previous, session, cancellationToken).ConfigureAwait(false);
        return previous;
    }

    private async Task ApplyDeleteBehavioursAsync(
        IDriverSession session,
        OperationContext context,
        ObjectDefinition obj,
        string id,
        HashSet<string> visited,
        CancellationToken cancellationToken)
    {
        if (!registry.ReferencedBy.TryGetValue(obj.Name, out var references))
        {
            return;
        }

        // Every restriction is checked before anything cascades, so a refused delete changes nothing.
        foreach (var (source, field) in references.Where(r => r.Field.DeleteBehavior == DeleteBehavior.Restrict))
        {
            var count = await session.CountAsync(source, Refers(field, id), cancellationToken).ConfigureAwait(false);
            if (count > 0)
            {
                throw new DataOperationException(
                    DataErrorCode.DeleteRestricted,
                    $"Cannot delete {obj.Name} {id}: {source.Name} records refer to it through '{field.Name}', which restricts deletes.")
                {
                    ObjectName = obj.Name,
                };
            }
        }

        // Cascades are consequences of the metadata, not of the caller's rights over each dependent record: they run as
        // the system, named after the delete that caused them, so that hidden dependents do not become orphans.
        var system = OperationContext.System($"{(context.IsSystem ? context.SystemReason : $"user {context.UserId}")}: delete of {obj.Name}/{id}", context.OrganizationId);
        foreach (var (source, field) in references.Where(r => r.Field.DeleteBehavior != DeleteBehavior.Restrict))
        {
            var dependents = await session.SelectAsync(
                new SelectCommand { Object = source, Fields = [source.FindField(SystemFieldNames.Id)!], Filter = Refers(field, id) },
                cancellationToken).ConfigureAwait(false);
            foreach (var row in dependents.Rows)
            {
                var dependentId = (string)row[SystemFieldNames.Id]!;
                if (field.DeleteBehavior == DeleteBehavior.Cascade)
                {
                    await DeleteAsync(session, system, source, dependentId, null, visited, cancellationToken).ConfigureAwait(false);
                }
                else if (!visited.Contains($"{source.Name}/{dependentId}"))
                {
                    await UpdateAsync(session, system, source, dependentId, new Dictionary<string, object?> { [field.Name] = null }, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task<Row> LoadForWriteAsync(
        IDriverSession session,
        ObjectDefinition obj,
        string id,
        ObjectAccess access,
        string verb,
        CancellationToken cancellationToken)
    {
        var previous = await RecordReader.SelectOneAsync(session, obj, id, obj.Fields, access.ReadFilter, forUpdate: true, cancellationToken).ConfigureAwait(false)
            ?? throw DataErrors.RecordNotFound(obj, id);
        if (access.EditFilter is { } editFilter
            && await session.CountAsync(obj, FilterNode.All(RecordReader.ById(id), editFilter), cancellationToken).ConfigureAwait(false) == 0)
        {
            throw new DataOperationException(DataErrorCode.PermissionDenied, $"You may not {verb} record {obj.Name}/{id}.") { ObjectName = obj.Name };
        }

        return previous;
    }

    private async Task CheckReferencesAsync(IDriverSession session, OperationContext context, ObjectDefinition obj, Dictionary<string, object?> values, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        foreach (var field in obj.Fields)
        {
            if (!field.IsReference || values.GetValueOrDefault(field.Name) is not string targetId || registry.For(context).Find(field.Reference!) is not { } target)
            {
                continue;
            }

            // A caller may only link to records it can see; to it, the others do not exist.
            var access = await gate.GetAsync(context, target, cancellationToken).ConfigureAwait(false);
            var exists = access.CanRead && await RecordReader.SelectOneAsync(
                session, target, targetId, [target.FindField(SystemFieldNames.Id)!], access.ReadFilter, forUpdate: false, cancellationToken).ConfigureAwait(false) is not null;
            if (!exists)
            {
                errors.Add(new FieldError(field.Name, "reference_not_found", $"refers to {target.Name} {targetId}, which does not exist."));
            }
        }

        ThrowIfAny(obj, errors);
    }

    private async Task InterceptAsync(
        InterceptionPhase phase,
        RecordAction action,
        OperationContext context,
        ObjectDefinition obj,
        string id,
        IDictionary<string, object?> values,
        IReadOnlyDictionary<string, object?>? previous,
        IDriverSession session,
        CancellationToken cancellationToken)
    {
        if (_interceptors.Length == 0)
        {
            return;
        }

        var writeContext = new RecordWriteContext(phase, action, context, obj, id, values, previous, session, session is CommitNotifyingSession notifying ? notifying.OnCommitted : null);
        foreach (var interceptor in _interceptors)
        {
            await interceptor.InterceptAsync(writeContext, cancellationToken).ConfigureAwait(false);
        }
    }

    private static ComparisonFilter Refers(FieldDefinition field, string id) => new(field.Name, FilterOperator.Eq, id);

    private static void ThrowIfAny(ObjectDefinition obj, List<FieldError> errors)
    {
        if (errors.Count > 0)
        {
            throw DataErrors.Validation(obj, errors);
        }
    }

    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
