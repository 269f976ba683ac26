namespace ObjectStack.Abstractions.Metadata;

/// <summary>
/// The type of a field (protocol 17 <c>FieldType</c>). Each member documents its wire name and the CLR type its
/// values have inside the engine, in records handed to interceptors and drivers.
/// </summary>
public enum FieldType
{
    /// <summary><c>text</c>: a single line of text; values are <see cref="string"/>.</summary>
    Text,

    /// <summary><c>textarea</c>: multi-line text; values are <see cref="string"/>.</summary>
    Textarea,

    /// <summary><c>email</c>: an e-mail address, validated on write; values are <see cref="string"/>.</summary>
    Email,

    /// <summary><c>url</c>: an absolute http(s) URL, validated on write; values are <see cref="string"/>.</summary>
    Url,

    /// <summary><c>phone</c>: a phone number, validated on write; values are <see cref="string"/>.</summary>
    Phone,

    /// <summary><c>markdown</c>: Markdown text; values are <see cref="string"/>.</summary>
    Markdown,

    /// <summary><c>number</c>: a decimal number; values are <see cref="decimal"/>.</summary>
    Number,

    /// <summary><c>currency</c>: an amount of money; values are <see cref="decimal"/>, rounded to the field's scale (default 2).</summary>
    Currency,

    /// <summary><c>percent</c>: a percentage; values are <see cref="decimal"/>.</summary>
    Percent,

    /// <summary><c>boolean</c>: true or false; values are <see cref="bool"/>.</summary>
    Boolean,

    /// <summary><c>date</c>: a calendar date; values are <see cref="DateOnly"/>, written <c>yyyy-MM-dd</c>.</summary>
    Date,

    /// <summary><c>datetime</c>: an instant; values are UTC <see cref="DateTimeOffset"/>, written in ISO 8601.</summary>
    DateTime,

    /// <summary><c>time</c>: a time of day; values are <see cref="TimeOnly"/>, written <c>HH:mm:ss</c>.</summary>
    Time,

    /// <summary><c>select</c>: one of the field's options; values are the option's <see cref="string"/> value.</summary>
    Select,

    /// <summary><c>multiselect</c>: several of the field's options; values are <see cref="IReadOnlyList{T}"/> of <see cref="string"/>.</summary>
    Multiselect,

    /// <summary><c>lookup</c>: the id of a record of the referenced object; values are <see cref="string"/>.</summary>
    Lookup,

    /// <summary><c>master_detail</c>: the id of the parent record, which owns this one; values are <see cref="string"/>.</summary>
    MasterDetail,

    /// <summary><c>json</c>: any JSON value; values are <see cref="System.Text.Json.JsonElement"/>.</summary>
    Json,

    /// <summary><c>autonumber</c>: a number the engine assigns on insert, increasing per object; values are <see cref="long"/>.</summary>
    Autonumber,

    /// <summary><c>tags</c>: free-form labels; values are <see cref="IReadOnlyList{T}"/> of <see cref="string"/>.</summary>
    Tags,
}
