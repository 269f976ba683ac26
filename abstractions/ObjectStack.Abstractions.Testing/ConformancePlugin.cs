using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ObjectStack.Abstractions.Data.Interceptors;
using ObjectStack.Abstractions.Plugins;
using ObjectStack.Abstractions.Security;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Abstractions.Testing.ConformancePlugin),
    ObjectStack.Abstractions.Testing.ConformancePlugin.Id,
    Description = "TEST ONLY: access and fault injection for the driver conformance suite.")]

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// TEST ONLY, enabled by <see cref="DriverTestHost"/>: an access policy that lets every authenticated principal do
/// everything (within its organization on organization-scoped objects), and a record interceptor that fails any write
/// holding <see cref="FailBefore"/> or <see cref="FailAfter"/> in that phase, to prove writes roll back, and one
/// that logs every commit notification it asked for.
/// </summary>
public sealed class ConformancePlugin : ObjectStackPlugin
{
    /// <summary>The plugin id.</summary>
    public const string Id = "objectstack.testing.conformance";

    /// <summary>A value that makes the interceptor fail the write before the row is written.</summary>
    public const string FailBefore = "__fail_before__";

    /// <summary>A value that makes the interceptor fail the write after the row is written, before the commit.</summary>
    public const string FailAfter = "__fail_after__";

    /// <inheritdoc />
    public override void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAccessPolicy, ConformanceAccessPolicy>());
        context.Services.TryAddSingleton<CommitLog>();
        context.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecordInterceptor, CommitRecordingInterceptor>());
        context.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecordInterceptor, FaultInjectingInterceptor>());
    }
}
