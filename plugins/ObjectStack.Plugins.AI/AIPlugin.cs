using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Plugins.AI.AIPlugin),
    "objectstack.ai",
    Description = "The AI builder: validated tools, human approval of every mutation, providers.")]

namespace ObjectStack.Plugins.AI;

/// <summary>The entry of the <c>objectstack.ai</c> plugin.</summary>
/// <remarks>
/// The plugin loads and composes, but does not provide its capability (<c>objectstack.ai</c>) yet: its manifest declares
/// nothing under <c>Provides</c>, so discovery reports the capability as unavailable and an app that requires it
/// is refused at boot.
/// </remarks>
public sealed class AIPlugin : ObjectStackPlugin
{
}
