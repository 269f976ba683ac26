using ObjectStack.Abstractions.Data.Interceptors;
using ObjectStack.Plugins.Auth.Objects;

namespace ObjectStack.Plugins.Auth.Sessions;

/// <summary>
/// Keeps the in-memory sessions current with every write to <c>sys_session</c> and <c>sys_user</c>, whichever route
/// makes it (the auth endpoints, an admin's data call, a cascade from a deleted user). The affected sessions are
/// forgotten twice: before the write, and again once it has committed — a request that read the row in between saw
/// it unchanged, and the second forget throws that copy away (and <see cref="SessionCache.Generation"/> stops it
/// from being remembered late). A user is affected when it is deleted or its ban changes.
/// </summary>
internal sealed class SessionCacheInterceptor(SessionCache sessions) : IRecordInterceptor
{
    /// <inheritdoc />
    public ValueTask InterceptAsync(RecordWriteContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Phase != InterceptionPhase.Before)
        {
            return ValueTask.CompletedTask;
        }

        var id = context.RecordId;
        if (context.Object.Name == AuthObjectNames.Session && context.Action != RecordAction.Insert)
        {
            sessions.Forget(id);
            context.OnCommitted(() => sessions.Forget(id));
        }
        else if (context.Object.Name == AuthObjectNames.User
            && (context.Action == RecordAction.Delete || (context.Action == RecordAction.Update && context.Values.ContainsKey("banned"))))
        {
            sessions.ForgetUser(id);
            context.OnCommitted(() => sessions.ForgetUser(id));
        }

        return ValueTask.CompletedTask;
    }
}
