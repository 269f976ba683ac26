namespace ObjectStack.Abstractions.Metadata;

/// <summary>The REST operations an object allows (protocol 17 <c>enable.apiMethods</c>).</summary>
[Flags]
#pragma warning disable CA1711 // The protocol calls these "methods".
public enum ApiMethods
#pragma warning restore CA1711
{
    /// <summary>No operation: the object is closed to the API.</summary>
    None = 0,

    /// <summary><c>get</c>: read one record by id.</summary>
    Get = 1,

    /// <summary><c>list</c>: find records (also query, search and count).</summary>
    List = 2,

    /// <summary><c>create</c>: insert a record.</summary>
    Create = 4,

    /// <summary><c>update</c>: change a record.</summary>
    Update = 8,

    /// <summary><c>delete</c>: delete a record.</summary>
    Delete = 16,

    /// <summary><c>bulk</c>: the many-record and batch routes.</summary>
    Bulk = 32,

    /// <summary>Every operation, the default.</summary>
    All = Get | List | Create | Update | Delete | Bulk,
}
