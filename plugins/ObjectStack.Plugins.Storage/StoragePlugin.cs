using ObjectStack.Abstractions.Plugins;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Plugins.Storage.StoragePlugin),
    "objectstack.storage",
    Description = "Files and attachments on local disk and S3-compatible storage.")]

namespace ObjectStack.Plugins.Storage;

/// <summary>The entry of the <c>objectstack.storage</c> plugin.</summary>
/// <remarks>
/// The plugin loads and composes, but does not provide its capability (<c>objectstack.storage</c>) yet: its manifest declares
/// nothing under <c>Provides</c>, so discovery reports the capability as unavailable and an app that requires it
/// is refused at boot.
/// </remarks>
public sealed class StoragePlugin : ObjectStackPlugin
{
}
