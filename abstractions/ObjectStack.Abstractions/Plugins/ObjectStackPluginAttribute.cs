namespace ObjectStack.Abstractions.Plugins;

/// <summary>
/// Declares the single plugin entry of an assembly together with its manifest.
/// </summary>
/// <remarks>
/// <para>
/// The host reads this attribute from the assembly's metadata without loading or running any plugin code,
/// so every manifest problem (a missing capability, a cycle, a duplicate id, an incompatible Abstractions
/// version) is reported before the plugin is activated. Keep every argument a compile-time constant.
/// </para>
/// <para>
/// The plugin's own version is the assembly's informational version (the <c>&lt;Version&gt;</c> of its
/// project). The Abstractions version it was built against is read from its assembly reference.
/// </para>
/// <code>
/// [assembly: ObjectStackPlugin(typeof(AuditPlugin), "objectstack.audit",
///     Provides = ["objectstack.audit"], Requires = ["objectstack.driver"])]
/// </code>
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class ObjectStackPluginAttribute : Attribute
{
    /// <summary>Declares <paramref name="entryType"/> as the plugin entry under the id <paramref name="id"/>.</summary>
    /// <param name="entryType">A public, sealed, non-abstract type deriving from <see cref="ObjectStackPlugin"/> with a public parameterless constructor.</param>
    /// <param name="id">The plugin id: lower-case dotted segments such as <c>objectstack.audit</c> or <c>acme.billing</c>.</param>
    public ObjectStackPluginAttribute(Type entryType, string id)
    {
        ArgumentNullException.ThrowIfNull(entryType);
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        EntryType = entryType;
        Id = id;
    }

    /// <summary>Gets the plugin entry type.</summary>
    public Type EntryType { get; }

    /// <summary>Gets the plugin id, unique among the plugins a host can see.</summary>
    public string Id { get; }

    /// <summary>Gets or sets a one-line description shown by <c>os plugins list</c>. The default is none.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the capability ids this plugin provides. The default is none.</summary>
    public string[] Provides { get; set; } = [];

    /// <summary>
    /// Gets or sets the capability ids this plugin cannot work without. The host adds a plugin that provides
    /// each one, orders it first, and refuses to boot when none is available. The default is none.
    /// </summary>
    public string[] Requires { get; set; } = [];

    /// <summary>
    /// Gets or sets the capability ids this plugin uses when they are present: their providers are ordered
    /// first, but nothing is added or required on their account. The default is none.
    /// </summary>
    public string[] OptionallyUses { get; set; } = [];

    /// <summary>
    /// Gets or sets the range of ObjectStack.Abstractions versions this plugin supports, in NuGet range
    /// notation such as <c>[0.1.0, 0.2.0)</c>. The default (null) is the caret range of the version the plugin
    /// was compiled against: same major version and at least that version (for 0.x, the same minor version).
    /// </summary>
    public string? AbstractionsVersionRange { get; set; }
}
