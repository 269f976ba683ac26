using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Plugins.Security.SecurityPlugin),
    "objectstack.security",
    Description = "Authorization: permission sets, positions, object, row and field security, organization wall.")]

namespace ObjectStack.Plugins.Security;

/// <summary>The entry of the <c>objectstack.security</c> plugin.</summary>
/// <remarks>
/// The plugin loads and composes, but does not provide its capability (<c>objectstack.security</c>) yet: its manifest declares
/// nothing under <c>Provides</c>, so discovery reports the capability as unavailable and an app that requires it
/// is refused at boot.
/// </remarks>
public sealed class SecurityPlugin : ObjectStackPlugin
{
}
