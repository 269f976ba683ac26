using System.Collections.Frozen;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Metadata;

/// <summary>The complete objects the runtime serves, from configuration and plugins, with their system fields.</summary>
public sealed class MetadataRegistry : IMetadataRegistry
{
    private readonly FrozenDictionary<string, ObjectDefinition> _byName;

    /// <summary>Creates the registry from validated objects.</summary>
    /// <param name="objects">The declared objects; the registry adds the system fields.</param>
    public MetadataRegistry(IEnumerable<ObjectDefinition> objects)
    {
        ArgumentNullException.ThrowIfNull(objects);
        Objects = objects.Select(SystemFields.Complete).OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        _byName = Objects.ToFrozenDictionary(o => o.Name, StringComparer.Ordinal);
        ReferencedBy = Objects
            .SelectMany(o => o.Fields.Where(f => f.IsReference).Select(f => (Target: f.Reference!, Source: o, Field: f)))
            .GroupBy(x => x.Target, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<(ObjectDefinition, FieldDefinition)>)g.Select(x => (x.Source, x.Field)).ToList(), StringComparer.Ordinal);
        Public = new CallerView(Objects);
    }

    /// <summary>Gets the objects as every caller but the system context sees them: without their internal fields
    /// (<see cref="FieldDefinition.Internal"/>). An object without internal fields is the same instance in both.</summary>
    public IMetadataRegistry Public { get; }

    /// <inheritdoc />
    public IReadOnlyList<ObjectDefinition> Objects { get; }

    /// <summary>Gets, for each object, the fields of other objects that reference it.</summary>
    internal FrozenDictionary<string, IReadOnlyList<(ObjectDefinition Object, FieldDefinition Field)>> ReferencedBy { get; }

    /// <inheritdoc />
    public ObjectDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Returns the objects as <paramref name="context"/> sees them: complete for the system context, else
    /// <see cref="Public"/>. The data engine resolves every object of an operation through this.</summary>
    /// <param name="context">Who the operation runs as.</param>
    /// <returns>The registry to resolve objects with.</returns>
    public IMetadataRegistry For(OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.IsSystem ? this : Public;
    }

    private sealed class CallerView : IMetadataRegistry
    {
        private readonly FrozenDictionary<string, ObjectDefinition> _byName;

        public CallerView(IEnumerable<ObjectDefinition> objects)
        {
            Objects = objects.Select(o => o.Fields.Any(f => f.Internal) ? o with { Fields = o.Fields.Where(f => !f.Internal).ToList() } : o).ToList();
            _byName = Objects.ToFrozenDictionary(o => o.Name, StringComparer.Ordinal);
        }

        public IReadOnlyList<ObjectDefinition> Objects { get; }

        public ObjectDefinition? Find(string name) => _byName.GetValueOrDefault(name);
    }
}
