using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace ObjectStack.Hosting.Loading;

/// <summary>Decodes method signatures just far enough to count parameters; every type decodes to nothing.</summary>
internal sealed class SignatureParameterCounter : ISignatureTypeProvider<byte, object?>
{
    public static SignatureParameterCounter Instance { get; } = new();

    public byte GetArrayType(byte elementType, ArrayShape shape) => 0;

    public byte GetByReferenceType(byte elementType) => 0;

    public byte GetFunctionPointerType(MethodSignature<byte> signature) => 0;

    public byte GetGenericInstantiation(byte genericType, ImmutableArray<byte> typeArguments) => 0;

    public byte GetGenericMethodParameter(object? genericContext, int index) => 0;

    public byte GetGenericTypeParameter(object? genericContext, int index) => 0;

    public byte GetModifiedType(byte modifier, byte unmodifiedType, bool isRequired) => 0;

    public byte GetPinnedType(byte elementType) => 0;

    public byte GetPointerType(byte elementType) => 0;

    public byte GetPrimitiveType(PrimitiveTypeCode typeCode) => 0;

    public byte GetSZArrayType(byte elementType) => 0;

    public byte GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => 0;

    public byte GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => 0;

    public byte GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => 0;
}
