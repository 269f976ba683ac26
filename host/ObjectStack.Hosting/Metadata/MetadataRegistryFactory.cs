using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Metadata;

/// <summary>Builds the registry at boot from the configured objects and those plugins contribute, validated together.</summary>
internal static class MetadataRegistryFactory
{
    /// <summary>Validates every object against the others and returns the registry.</summary>
    /// <exception cref="ObjectStackConfigurationException">An object is invalid, duplicated, or refers to an object nobody defines.</exception>
    public static MetadataRegistry Create(StackConfiguration configuration, IEnumerable<IObjectSource> sources)
    {
        var objects = configuration.Objects
            .Select((o, i) => (Object: o, Path: i < configuration.ObjectPaths.Count ? configuration.ObjectPaths[i] : $"objects.{o.Name}"))
            .ToList();
        foreach (var source in sources)
        {
            var origin = source.GetType().FullName ?? source.GetType().Name;
            objects.AddRange(source.GetObjects().Select(o => (o, $"{origin}: object '{o.Name}'")));
        }

        var errors = new List<ConfigurationError>();
        MetadataValidator.Validate(objects, errors, deferPlatformReferences: false);
        if (errors.Count > 0)
        {
            throw new ObjectStackConfigurationException(configuration.Source, errors);
        }

        return new MetadataRegistry(objects.Select(o => o.Object));
    }
}
