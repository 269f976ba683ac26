namespace ObjectStack.Abstractions.Plugins;

/// <summary>
/// What a plugin declares about itself: identity, version, capabilities and the contracts it was built against.
/// </summary>
/// <remarks>Immutable; built by the host from the assembly's <see cref="ObjectStackPluginAttribute"/>.</remarks>
public sealed class PluginManifest
{
    /// <summary>Creates a manifest.</summary>
    /// <param name="id">The plugin id, for example <c>objectstack.audit</c>.</param>
    /// <param name="version">The plugin's own version.</param>
    /// <param name="entryTypeName">The full name of the entry type.</param>
    /// <param name="provides">Capability ids the plugin provides.</param>
    /// <param name="requires">Capability ids the plugin cannot work without.</param>
    /// <param name="optionallyUses">Capability ids the plugin uses when present.</param>
    /// <param name="abstractionsVersionRange">The supported ObjectStack.Abstractions range, in NuGet range notation.</param>
    /// <param name="description">A one-line description, or null.</param>
    public PluginManifest(
        string id,
        string version,
        string entryTypeName,
        IReadOnlyList<string> provides,
        IReadOnlyList<string> requires,
        IReadOnlyList<string> optionallyUses,
        string abstractionsVersionRange,
        string? description = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryTypeName);
        ArgumentNullException.ThrowIfNull(provides);
        ArgumentNullException.ThrowIfNull(requires);
        ArgumentNullException.ThrowIfNull(optionallyUses);
        ArgumentException.ThrowIfNullOrWhiteSpace(abstractionsVersionRange);
        Id = id;
        Version = version;
        EntryTypeName = entryTypeName;
        Provides = [.. provides];
        Requires = [.. requires];
        OptionallyUses = [.. optionallyUses];
        AbstractionsVersionRange = abstractionsVersionRange;
        Description = description;
    }

    /// <summary>Gets the plugin id.</summary>
    public string Id { get; }

    /// <summary>Gets the plugin's own version (SemVer).</summary>
    public string Version { get; }

    /// <summary>Gets the full name of the entry type.</summary>
    public string EntryTypeName { get; }

    /// <summary>Gets the capability ids the plugin provides.</summary>
    public IReadOnlyList<string> Provides { get; }

    /// <summary>Gets the capability ids the plugin requires.</summary>
    public IReadOnlyList<string> Requires { get; }

    /// <summary>Gets the capability ids the plugin uses when present.</summary>
    public IReadOnlyList<string> OptionallyUses { get; }

    /// <summary>Gets the supported ObjectStack.Abstractions version range, in NuGet range notation.</summary>
    public string AbstractionsVersionRange { get; }

    /// <summary>Gets the one-line description, or null.</summary>
    public string? Description { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Version}";
}
