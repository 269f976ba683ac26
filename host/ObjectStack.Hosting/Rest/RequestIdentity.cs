using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Execution;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// Resolves who is calling, once per request, through the registered <see cref="IIdentityResolver"/>s (the first
/// answer wins). No resolver, no answer, a guest, or a resolver that claims the system context: the caller is anonymous.
/// </summary>
internal static class RequestIdentity
{
    private static readonly object ItemKey = new();

    /// <summary>Returns the caller's context, or null for an anonymous caller.</summary>
    public static async ValueTask<OperationContext?> ResolveAsync(HttpContext httpContext)
    {
        if (httpContext.Items.TryGetValue(ItemKey, out var cached))
        {
            return cached as OperationContext;
        }

        OperationContext? resolved = null;
        foreach (var resolver in httpContext.RequestServices.GetRequiredService<IdentityResolvers>().All)
        {
            resolved = await resolver.ResolveAsync(httpContext, httpContext.RequestAborted).ConfigureAwait(false);
            if (resolved is not null)
            {
                break;
            }
        }

        if (resolved is { IsAuthenticated: false } or { IsSystem: true })
        {
            resolved = null;
        }

        httpContext.Items[ItemKey] = resolved;
        return resolved;
    }

    /// <summary>The registered resolvers, collected once.</summary>
    internal sealed class IdentityResolvers(IEnumerable<IIdentityResolver> resolvers)
    {
        /// <summary>Gets the resolvers in registration order.</summary>
        public IIdentityResolver[] All { get; } = [.. resolvers];
    }

    /// <summary>Returns the context resolved for this request by the authentication filter.</summary>
    public static OperationContext Current(HttpContext httpContext) =>
        httpContext.Items.TryGetValue(ItemKey, out var value) && value is OperationContext context
            ? context
            : throw new InvalidOperationException("The request has no resolved identity; the data routes resolve it before their handlers run.");
}
