namespace ObjectStack.Abstractions.Data;

/// <summary>Why a data operation failed. Each member documents the protocol's wire code and HTTP status.</summary>
public enum DataErrorCode
{
    /// <summary><c>VALIDATION_FAILED</c> (400): one or more values are invalid; see <see cref="DataOperationException.Fields"/>.</summary>
    ValidationFailed,

    /// <summary><c>INVALID_FIELD</c> (400): a field name is not part of the object.</summary>
    InvalidField,

    /// <summary><c>INVALID_FILTER</c> (400): the filter is malformed or exceeds its bounds.</summary>
    InvalidFilter,

    /// <summary><c>INVALID_SORT</c> (400): the sort is malformed.</summary>
    InvalidSort,

    /// <summary><c>INVALID_QUERY</c> (400): another part of the query is malformed or out of bounds.</summary>
    InvalidQuery,

    /// <summary><c>UNAUTHENTICATED</c> (401): no principal.</summary>
    Unauthenticated,

    /// <summary><c>PERMISSION_DENIED</c> (403): the principal may not perform the operation.</summary>
    PermissionDenied,

    /// <summary><c>OBJECT_NOT_FOUND</c> (404): no object by that name is served.</summary>
    ObjectNotFound,

    /// <summary><c>RECORD_NOT_FOUND</c> (404): no record with that id exists, or the principal may not see it.</summary>
    RecordNotFound,

    /// <summary><c>DUPLICATE_VALUE</c> (409): a unique field already holds the value.</summary>
    DuplicateValue,

    /// <summary><c>CONCURRENT_UPDATE</c> (409): the record changed since the caller read it.</summary>
    ConcurrentUpdate,

    /// <summary><c>DELETE_RESTRICTED</c> (409): records referencing this one forbid the delete.</summary>
    DeleteRestricted,

    /// <summary><c>SERVICE_UNAVAILABLE</c> (503): the database cannot be reached now; retrying later may succeed.</summary>
    Unavailable,
}
