using System.Text.Json;
using ObjectStack.Hosting.Loading;

namespace ObjectStack.Hosting.Composition;

/// <summary>A plugin in the resolved set: where it comes from, its options, and why it is enabled.</summary>
/// <param name="Candidate">The plugin.</param>
/// <param name="Options">Its options object from <c>objectstack.json</c>, or null.</param>
/// <param name="Reason">Why it is enabled, such as <c>enabled at $.plugins[0]</c> or <c>required by 'x' for capability 'y'</c>.</param>
/// <param name="AddedAutomatically">Whether the host added it to satisfy a requirement.</param>
public sealed record PlannedPlugin(PluginCandidate Candidate, JsonElement? Options, string Reason, bool AddedAutomatically);
