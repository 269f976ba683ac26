using System.Text.Json;

namespace ObjectStack.Hosting.Configuration;

/// <summary>A plugin enabled in <c>objectstack.json</c>, with its options object.</summary>
/// <param name="Id">The plugin id.</param>
/// <param name="Options">The <c>options</c> object, or null when none was given.</param>
/// <param name="Path">The JSON path of the entry, for messages.</param>
public sealed record PluginEntry(string Id, JsonElement? Options, string Path);
