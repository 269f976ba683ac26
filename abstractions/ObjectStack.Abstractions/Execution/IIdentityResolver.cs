using Microsoft.AspNetCore.Http;

namespace ObjectStack.Abstractions.Execution;

/// <summary>
/// Turns a request into the principal it acts as. The auth capability provides it; without one, every protected
/// route answers 401.
/// </summary>
/// <remarks>Register one as a singleton. It runs at most once per request; it should answer from memory.</remarks>
public interface IIdentityResolver
{
    /// <summary>Resolves the caller.</summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="cancellationToken">Cancels the resolution.</param>
    /// <returns>The caller's context; null or <see cref="OperationContext.Anonymous"/> when the request carries no valid credentials.</returns>
    ValueTask<OperationContext?> ResolveAsync(HttpContext httpContext, CancellationToken cancellationToken);
}
