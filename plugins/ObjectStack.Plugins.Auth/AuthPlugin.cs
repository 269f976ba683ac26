using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Abstractions.Plugins;
using ObjectStack.Plugins.Auth.Objects;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Plugins.Auth.AuthPlugin),
    "objectstack.auth",
    Description = "Identity: accounts, sessions, API keys, tokens, MFA and federation.")]

namespace ObjectStack.Plugins.Auth;

/// <summary>The entry of the <c>objectstack.auth</c> plugin.</summary>
/// <remarks>
/// The plugin contributes the identity objects (<c>sys_user</c>, <c>sys_session</c>, …) but does not provide its
/// capability (<c>objectstack.auth</c>) yet: its manifest declares nothing under <c>Provides</c>, so discovery reports
/// the capability as unavailable and an app that requires it is refused at boot.
/// </remarks>
public sealed class AuthPlugin : ObjectStackPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IObjectSource, AuthObjects>());
    }
}
