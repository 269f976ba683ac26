namespace ObjectStack.Hosting.Loading;

/// <summary>A folder the host looks in for plugins.</summary>
/// <param name="Path">A plugin folder (holding <c>{folder name}.dll</c>) or a folder of plugin folders.</param>
/// <param name="MustExist">Whether a missing folder is an error (true for folders an operator named).</param>
public sealed record PluginSearchPath(string Path, bool MustExist);
