using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Abstractions.Security;

namespace ObjectStack.Hosting.Data.Engine;

/// <summary>The operations the gate checks.</summary>
internal enum AccessOperation
{
    Read,
    Create,
    Edit,
    Delete,
}

/// <summary>
/// The one place the data engine asks what a caller may do. The system context may do everything; a guest nothing;
/// everyone else what every registered <see cref="IAccessPolicy"/> allows (their filters combine with AND). With no
/// policy registered, only the system context has access: data is closed by default.
/// </summary>
internal sealed class AccessGate(IEnumerable<IAccessPolicy> policies)
{
    private readonly IAccessPolicy[] _policies = [.. policies];

    /// <summary>Returns the caller's access to <paramref name="obj"/>, or throws when it lacks <paramref name="operation"/>.</summary>
    /// <exception cref="DataOperationException">The caller is a guest, or may not perform the operation.</exception>
    public async ValueTask<ObjectAccess> RequireAsync(OperationContext context, ObjectDefinition obj, AccessOperation operation, CancellationToken cancellationToken)
    {
        var access = await GetAsync(context, obj, cancellationToken).ConfigureAwait(false);
        var allowed = operation switch
        {
            AccessOperation.Read => access.CanRead,
            AccessOperation.Create => access.CanCreate,
            AccessOperation.Edit => access.CanEdit,
            _ => access.CanDelete,
        };
        return allowed ? access : throw DataErrors.PermissionDenied(obj, Verb(operation));
    }

    /// <summary>Returns the caller's access to <paramref name="obj"/>.</summary>
    /// <exception cref="DataOperationException">The caller is a guest.</exception>
    public async ValueTask<ObjectAccess> GetAsync(OperationContext context, ObjectDefinition obj, CancellationToken cancellationToken)
    {
        if (context.IsSystem)
        {
            return ObjectAccess.Full;
        }

        if (!context.IsAuthenticated)
        {
            throw new DataOperationException(DataErrorCode.Unauthenticated, "Authentication is required to access data.") { ObjectName = obj.Name };
        }

        if (_policies.Length == 0)
        {
            return ObjectAccess.None;
        }

        var result = await _policies[0].GetAccessAsync(context, obj, cancellationToken).ConfigureAwait(false);
        for (var i = 1; i < _policies.Length; i++)
        {
            var next = await _policies[i].GetAccessAsync(context, obj, cancellationToken).ConfigureAwait(false);
            result = new ObjectAccess
            {
                CanRead = result.CanRead && next.CanRead,
                CanCreate = result.CanCreate && next.CanCreate,
                CanEdit = result.CanEdit && next.CanEdit,
                CanDelete = result.CanDelete && next.CanDelete,
                ReadFilter = FilterNode.All(result.ReadFilter, next.ReadFilter),
                EditFilter = FilterNode.All(result.EditFilter, next.EditFilter),
            };
        }

        return result;
    }

    private static string Verb(AccessOperation operation) => operation switch
    {
        AccessOperation.Read => "read",
        AccessOperation.Create => "create",
        AccessOperation.Edit => "edit",
        _ => "delete",
    };
}
