using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Plugins.Audit.AuditPlugin),
    "objectstack.audit",
    Description = "The immutable, tamper-evident audit ledger.")]

namespace ObjectStack.Plugins.Audit;

/// <summary>The entry of the <c>objectstack.audit</c> plugin.</summary>
/// <remarks>
/// The plugin loads and composes, but does not provide its capability (<c>objectstack.audit</c>) yet: its manifest declares
/// nothing under <c>Provides</c>, so discovery reports the capability as unavailable and an app that requires it
/// is refused at boot.
/// </remarks>
public sealed class AuditPlugin : ObjectStackPlugin
{
}
