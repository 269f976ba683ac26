using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ObjectStack.Abstractions.Plugins;

namespace ObjectStack.Hosting.Loading;

/// <summary>
/// Reads a plugin's manifest straight from its assembly's metadata. The assembly is neither loaded into the
/// runtime nor executed, so a broken plugin is refused before any of its code runs.
/// </summary>
internal static class PluginAssemblyReader
{
    public const string AbstractionsAssemblyName = "ObjectStack.Abstractions";
    private static readonly string AttributeTypeName = typeof(ObjectStackPluginAttribute).FullName!;
    private static readonly string PluginBaseTypeName = typeof(ObjectStackPlugin).FullName!;
    private static readonly string InformationalVersionTypeName = typeof(AssemblyInformationalVersionAttribute).FullName!;

    /// <summary>Reads the candidate at <paramref name="path"/>, or returns why it is not a valid plugin.</summary>
    public static (PluginCandidate? Candidate, string? Problem) ReadFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return (null, "it is not a .NET assembly");
            }

            var reader = pe.GetMetadataReader();
            if (!reader.IsAssembly)
            {
                return (null, "it is not a .NET assembly");
            }

            var (manifest, problems) = Read(reader);
            return manifest is null
                ? (null, string.Join("; ", problems))
                : (PluginCandidate.FromFile(manifest, path), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            return (null, "it cannot be read: " + ex.Message);
        }
    }

    private static (PluginManifest? Manifest, List<string> Problems) Read(MetadataReader reader)
    {
        var definition = reader.GetAssemblyDefinition();
        Version? builtAgainst = null;
        foreach (var handle in reader.AssemblyReferences)
        {
            var reference = reader.GetAssemblyReference(handle);
            if (reader.GetString(reference.Name) == AbstractionsAssemblyName)
            {
                builtAgainst = reference.Version;
            }
        }

        CustomAttributeValue<string>? entry = null;
        string? informationalVersion = null;
        foreach (var handle in definition.GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            var typeName = MetadataNames.AttributeTypeName(reader, attribute);
            if (typeName == AttributeTypeName)
            {
                entry = attribute.DecodeValue(AttributeTypeNameProvider.Instance);
            }
            else if (typeName == InformationalVersionTypeName)
            {
                informationalVersion = attribute.DecodeValue(AttributeTypeNameProvider.Instance).FixedArguments[0].Value as string;
            }
        }

        if (entry is not { } value)
        {
            return (null, [$"it has no [assembly: {nameof(ObjectStackPluginAttribute)}(...)] entry, so it is not an ObjectStack plugin"]);
        }

        var entryTypeName = (value.FixedArguments[0].Value as string ?? string.Empty).Split(',')[0].Trim();
        var named = value.NamedArguments.ToDictionary(a => a.Name ?? string.Empty, a => a.Value, StringComparer.Ordinal);
        var raw = new PluginManifestFactory.RawManifest(
            Id: value.FixedArguments[1].Value as string ?? string.Empty,
            EntryTypeName: entryTypeName,
            Provides: AttributeTypeNameProvider.ToStrings(named.GetValueOrDefault(nameof(ObjectStackPluginAttribute.Provides))),
            Requires: AttributeTypeNameProvider.ToStrings(named.GetValueOrDefault(nameof(ObjectStackPluginAttribute.Requires))),
            OptionallyUses: AttributeTypeNameProvider.ToStrings(named.GetValueOrDefault(nameof(ObjectStackPluginAttribute.OptionallyUses))),
            AbstractionsVersionRange: named.GetValueOrDefault(nameof(ObjectStackPluginAttribute.AbstractionsVersionRange)) as string,
            Description: named.GetValueOrDefault(nameof(ObjectStackPluginAttribute.Description)) as string,
            InformationalVersion: informationalVersion,
            AssemblyVersion: definition.Version,
            BuiltAgainstAbstractions: builtAgainst);

        var (manifest, problems) = PluginManifestFactory.Create(raw);
        if (CheckEntryType(reader, entryTypeName) is { } entryProblem)
        {
            problems.Add(entryProblem);
            manifest = null;
        }

        return (manifest, problems);
    }

    private static string? CheckEntryType(MetadataReader reader, string entryTypeName)
    {
        foreach (var handle in reader.TypeDefinitions)
        {
            if (MetadataNames.FullName(reader, handle) != entryTypeName)
            {
                continue;
            }

            var type = reader.GetTypeDefinition(handle);
            var visibility = type.Attributes & TypeAttributes.VisibilityMask;
            if (visibility != TypeAttributes.Public || (type.Attributes & TypeAttributes.Abstract) != 0)
            {
                return $"its entry type {entryTypeName} must be public and not abstract";
            }

            if (type.BaseType.Kind != HandleKind.TypeReference
                || MetadataNames.FullName(reader, (TypeReferenceHandle)type.BaseType) != PluginBaseTypeName)
            {
                return $"its entry type {entryTypeName} must derive directly from {PluginBaseTypeName}";
            }

            var hasDefaultConstructor = type.GetMethods()
                .Select(reader.GetMethodDefinition)
                .Any(m => reader.GetString(m.Name) == ".ctor"
                    && (m.Attributes & MethodAttributes.MemberAccessMask) == MethodAttributes.Public
                    && m.DecodeSignature(SignatureParameterCounter.Instance, null).ParameterTypes.Length == 0);
            return hasDefaultConstructor ? null : $"its entry type {entryTypeName} needs a public parameterless constructor";
        }

        return $"its entry type {entryTypeName} is not defined in the plugin assembly";
    }
}
