namespace ObjectStack.Abstractions.Metadata;

/// <summary>What happens to records that reference a record being deleted (protocol 17 <c>deleteBehavior</c>).</summary>
public enum DeleteBehavior
{
    /// <summary><c>set_null</c>, the default for lookups: the reference is cleared.</summary>
    SetNull,

    /// <summary><c>cascade</c>, the default for master-detail: the referencing records are deleted too.</summary>
    Cascade,

    /// <summary><c>restrict</c>: the delete is refused while references exist.</summary>
    Restrict,
}
