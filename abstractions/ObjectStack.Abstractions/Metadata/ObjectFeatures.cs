namespace ObjectStack.Abstractions.Metadata;

/// <summary>What an object enables (protocol 17 <c>enable</c>).</summary>
public sealed class ObjectFeatures
{
    /// <summary>Gets the defaults: API on with every method, no history, no files.</summary>
    public static ObjectFeatures Default { get; } = new();

    /// <summary>Gets a value indicating whether the object is reachable through the API. The default is true.</summary>
    public bool ApiEnabled { get; init; } = true;

    /// <summary>Gets the API operations allowed. The default is <see cref="ApiMethods.All"/>.</summary>
    public ApiMethods ApiMethods { get; init; } = ApiMethods.All;

    /// <summary>Gets a value indicating whether field history is tracked. The default is false.</summary>
    public bool TrackHistory { get; init; }

    /// <summary>Gets a value indicating whether files may be attached to records. The default is false.</summary>
    public bool Files { get; init; }

    /// <summary>Gets a value indicating whether the object takes part in search. The default is true.</summary>
    public bool Searchable { get; init; } = true;

    /// <summary>Gets a value indicating whether the API allows <paramref name="method"/>.</summary>
    /// <param name="method">One operation.</param>
    /// <returns>True when the API is enabled and the method is listed.</returns>
    public bool Allows(ApiMethods method) => ApiEnabled && (ApiMethods & method) == method;
}
