namespace ObjectStack.Abstractions.Data.Filters;

/// <summary>A comparison in a filter (protocol 17 filter operators).</summary>
public enum FilterOperator
{
    /// <summary><c>$eq</c>: equal. Comparing with null matches records where the field is null.</summary>
    Eq,

    /// <summary><c>$ne</c>: not equal; records where the field is null also match a non-null value.</summary>
    Ne,

    /// <summary><c>$gt</c>: greater than.</summary>
    Gt,

    /// <summary><c>$gte</c>: greater than or equal.</summary>
    Gte,

    /// <summary><c>$lt</c>: less than.</summary>
    Lt,

    /// <summary><c>$lte</c>: less than or equal.</summary>
    Lte,

    /// <summary><c>$in</c>: equal to one of a list; the value is an <see cref="IReadOnlyList{T}"/>.</summary>
    In,

    /// <summary><c>$nin</c>: equal to none of a list; the value is an <see cref="IReadOnlyList{T}"/>.</summary>
    Nin,

    /// <summary><c>$between</c>: within an inclusive range; the value is a two-element <see cref="IReadOnlyList{T}"/>.</summary>
    Between,

    /// <summary><c>$contains</c>: text contains the value (case-sensitive); on list fields, the list holds the value.</summary>
    Contains,

    /// <summary><c>$icontains</c>: text contains the value, ignoring case (Unicode case folding).</summary>
    IContains,

    /// <summary><c>$notContains</c>: the negation of <see cref="Contains"/>; null fields match.</summary>
    NotContains,

    /// <summary><c>$startsWith</c>: text starts with the value (case-sensitive).</summary>
    StartsWith,

    /// <summary><c>$endsWith</c>: text ends with the value (case-sensitive).</summary>
    EndsWith,

    /// <summary><c>$like</c>: text matches a pattern in which <c>%</c> matches any run and <c>_</c> one character (case-sensitive); <c>\</c> escapes.</summary>
    Like,

    /// <summary><c>$ilike</c>: as <see cref="Like"/>, ignoring case.</summary>
    ILike,

    /// <summary><c>$null</c>: the field is null (value true) or not null (value false); the value is a <see cref="bool"/>.</summary>
    Null,

    /// <summary><c>$exists</c>: the field has a value (value true) or not (value false); the value is a <see cref="bool"/>.</summary>
    Exists,
}
