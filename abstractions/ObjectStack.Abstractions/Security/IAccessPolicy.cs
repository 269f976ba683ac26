using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Abstractions.Security;

/// <summary>
/// Decides what a principal may do with an object. The security capability provides it; the engine enforces the
/// verdict on every route. Without a policy no principal but the system may read or write anything.
/// </summary>
/// <remarks>Register one as a singleton. It is asked on every operation, so it should answer from memory.</remarks>
public interface IAccessPolicy
{
    /// <summary>Computes a principal's access to an object.</summary>
    /// <param name="context">Who is asking; never a system context (the system has full access).</param>
    /// <param name="obj">The object.</param>
    /// <param name="cancellationToken">Cancels the computation.</param>
    /// <returns>The access; <see cref="ObjectAccess.None"/> when in doubt.</returns>
    ValueTask<ObjectAccess> GetAccessAsync(OperationContext context, ObjectDefinition obj, CancellationToken cancellationToken);
}
