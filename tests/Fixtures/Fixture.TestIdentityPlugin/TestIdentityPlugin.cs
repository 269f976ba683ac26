using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Data.Interceptors;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Abstractions.Plugins;
using ObjectStack.Abstractions.Security;

[assembly: ObjectStackPlugin(typeof(Fixture.TestIdentityPlugin.TestIdentityPlugin), "fixtures.test-identity")]

namespace Fixture.TestIdentityPlugin;

/// <summary>
/// TEST ONLY. Identity from <c>Authorization: Bearer test:&lt;user&gt;[:&lt;org&gt;]</c>, and an access policy for
/// exercising the engine's gates: user <c>denied</c> may do nothing, users starting with <c>reader</c> may only read,
/// everyone else everything — within their organization when the token names one and the object is tenant-scoped.
/// A record interceptor fails any write holding the value <c>__fail_before__</c> or <c>__fail_after__</c> in that phase,
/// with <see cref="DataErrorCode.Unavailable"/>, to prove writes roll back.
/// </summary>
public sealed class TestIdentityPlugin : ObjectStackPlugin
{
    public override void ConfigureServices(PluginServiceContext context)
    {
        context.Services.AddSingleton<IIdentityResolver, BearerTestIdentity>();
        context.Services.AddSingleton<IAccessPolicy, TestAccessPolicy>();
        context.Services.AddSingleton<IRecordInterceptor, FailingInterceptor>();
    }
}

internal sealed class BearerTestIdentity : IIdentityResolver
{
    private const string Prefix = "Bearer test:";

    public ValueTask<OperationContext?> ResolveAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        var header = httpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ValueTask.FromResult<OperationContext?>(null);
        }

        var parts = header[Prefix.Length..].Split(':');
        if (parts[0].Length == 0)
        {
            return ValueTask.FromResult<OperationContext?>(null);
        }

        var organization = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        return ValueTask.FromResult<OperationContext?>(OperationContext.ForPrincipal(PrincipalKind.Human, parts[0], organization, [], []));
    }
}

internal sealed class TestAccessPolicy : IAccessPolicy
{
    private static readonly ObjectAccess ReadOnly = new() { CanRead = true };

    public ValueTask<ObjectAccess> GetAccessAsync(OperationContext context, ObjectDefinition obj, CancellationToken cancellationToken)
    {
        if (context.UserId == "denied")
        {
            return ValueTask.FromResult(ObjectAccess.None);
        }

        if (context.UserId?.StartsWith("reader", StringComparison.Ordinal) == true)
        {
            return ValueTask.FromResult(ReadOnly);
        }

        if (context.OrganizationId is { } organization && obj.OrganizationScoped)
        {
            var wall = new ComparisonFilter(SystemFieldNames.OrganizationId, FilterOperator.Eq, organization);
            return ValueTask.FromResult(new ObjectAccess { CanRead = true, CanCreate = true, CanEdit = true, CanDelete = true, ReadFilter = wall, EditFilter = wall });
        }

        return ValueTask.FromResult(ObjectAccess.Full);
    }
}

internal sealed class FailingInterceptor : IRecordInterceptor
{
    public ValueTask InterceptAsync(RecordWriteContext context, CancellationToken cancellationToken)
    {
        var marker = context.Phase == InterceptionPhase.Before ? "__fail_before__" : "__fail_after__";
        if (context.Values.Values.Any(v => v is string s && s == marker || v is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } e && e.GetString() == marker))
        {
            throw new DataOperationException(DataErrorCode.Unavailable, $"The test interceptor refused the write ({context.Phase}).");
        }

        return ValueTask.CompletedTask;
    }
}
