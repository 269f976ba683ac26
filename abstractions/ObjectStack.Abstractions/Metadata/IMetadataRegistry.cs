namespace ObjectStack.Abstractions.Metadata;

/// <summary>The objects the runtime serves: configured ones and those plugins contribute, complete with system fields.</summary>
/// <remarks>Thread-safe; read from memory.</remarks>
public interface IMetadataRegistry
{
    /// <summary>Gets every object, ordered by name.</summary>
    IReadOnlyList<ObjectDefinition> Objects { get; }

    /// <summary>Finds an object by name.</summary>
    /// <param name="name">The object name, case-sensitive.</param>
    /// <returns>The object, or null when there is none by that name.</returns>
    ObjectDefinition? Find(string name);
}
