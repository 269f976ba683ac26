namespace ObjectStack.Abstractions.Metadata;

/// <summary>The organization-wide default access to an object's records (protocol 17 <c>sharingModel</c>).</summary>
public enum SharingModel
{
    /// <summary><c>private</c>, the default: only the owner and those granted access see a record.</summary>
    Private,

    /// <summary><c>public_read</c>: everyone who may read the object sees every record; only the owner edits.</summary>
    PublicRead,

    /// <summary><c>public_read_write</c>: everyone who may read and edit the object may do so on every record.</summary>
    PublicReadWrite,

    /// <summary><c>controlled_by_parent</c>: access follows the master record of the object's master-detail field.</summary>
    ControlledByParent,
}
