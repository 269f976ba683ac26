using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace ObjectStack.Hosting.Loading;

/// <summary>Decodes custom attribute blobs with types represented by their full names; no type is loaded.</summary>
internal sealed class AttributeTypeNameProvider : ICustomAttributeTypeProvider<string>
{
    public static AttributeTypeNameProvider Instance { get; } = new();

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => "System." + typeCode;

    public string GetSystemType() => "System.Type";

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
        MetadataNames.FullName(reader, handle);

    public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
        MetadataNames.FullName(reader, handle);

    public string GetTypeFromSerializedName(string name) => name;

    public PrimitiveTypeCode GetUnderlyingEnumType(string type) => PrimitiveTypeCode.Int32;

    public bool IsSystemType(string type) => type == "System.Type";

    /// <summary>Converts a decoded array argument to strings.</summary>
    public static string[] ToStrings(object? value) =>
        value is ImmutableArray<CustomAttributeTypedArgument<string>> items
            ? [.. items.Select(i => i.Value as string).OfType<string>()]
            : [];
}
