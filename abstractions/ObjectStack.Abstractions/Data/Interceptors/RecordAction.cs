namespace ObjectStack.Abstractions.Data.Interceptors;

/// <summary>The kind of record write.</summary>
public enum RecordAction
{
    /// <summary>A record is inserted.</summary>
    Insert,

    /// <summary>A record is changed.</summary>
    Update,

    /// <summary>A record is deleted.</summary>
    Delete,
}
