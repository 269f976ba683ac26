namespace ObjectStack.Hosting;

/// <summary>The ObjectStack protocol this runtime implements.</summary>
public static class ObjectStackProtocol
{
    /// <summary>The protocol major version, checked against an app's <c>engines.protocol</c> and reported by discovery.</summary>
    public const int Version = 17;
}
