using ObjectStack.Abstractions.Data.Filters;

namespace ObjectStack.Abstractions.Security;

/// <summary>What one principal may do with one object: the verdict of the access policy, computed from memory.</summary>
public sealed class ObjectAccess
{
    /// <summary>Gets access that allows nothing.</summary>
    public static ObjectAccess None { get; } = new();

    /// <summary>Gets access that allows everything on every record.</summary>
    public static ObjectAccess Full { get; } = new() { CanRead = true, CanCreate = true, CanEdit = true, CanDelete = true };

    /// <summary>Gets a value indicating whether records may be read.</summary>
    public bool CanRead { get; init; }

    /// <summary>Gets a value indicating whether records may be created.</summary>
    public bool CanCreate { get; init; }

    /// <summary>Gets a value indicating whether records may be changed.</summary>
    public bool CanEdit { get; init; }

    /// <summary>Gets a value indicating whether records may be deleted.</summary>
    public bool CanDelete { get; init; }

    /// <summary>Gets the filter a record must match to be seen; null for every record.</summary>
    public FilterNode? ReadFilter { get; init; }

    /// <summary>Gets the filter a record must match to be changed or deleted, on top of <see cref="ReadFilter"/>; null for no further limit.</summary>
    public FilterNode? EditFilter { get; init; }
}
