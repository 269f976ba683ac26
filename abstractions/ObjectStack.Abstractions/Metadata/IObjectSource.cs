namespace ObjectStack.Abstractions.Metadata;

/// <summary>
/// Contributes objects to the metadata registry, such as a plugin's <c>sys_*</c> objects. The engine validates
/// them like configured objects, adds the system fields and migrates their tables at boot.
/// </summary>
/// <remarks>Register implementations as singletons: <c>services.AddSingleton&lt;IObjectSource, MyObjects&gt;()</c>.</remarks>
public interface IObjectSource
{
    /// <summary>Gets the contributed objects.</summary>
    /// <returns>The objects, each listing only its own fields.</returns>
    IEnumerable<ObjectDefinition> GetObjects();
}
