using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Drivers.Sqlite.Storage;

/// <summary>
/// The declared column type of each field type. Each name encodes the stored format (so a change between formats
/// that share an affinity, such as a date becoming a date-time, is still seen as a type change), and each yields
/// the intended SQLite affinity: names containing TEXT have text affinity, INTEGER integer, REAL real.
/// </summary>
internal static class SqliteColumnTypes
{
    public const string Text = "TEXT";
    public const string Real = "REAL";
    public const string Integer = "INTEGER";
    public const string Boolean = "BOOLEAN_INTEGER";
    public const string Date = "DATE_TEXT";
    public const string DateTime = "DATETIME_TEXT";
    public const string Time = "TIME_TEXT";
    public const string List = "LIST_TEXT";
    public const string Json = "JSON_TEXT";

    public static string For(FieldDefinition field) => field.Type switch
    {
        FieldType.Number or FieldType.Currency or FieldType.Percent => Real,
        FieldType.Autonumber => Integer,
        FieldType.Boolean => Boolean,
        FieldType.Date => Date,
        FieldType.DateTime => DateTime,
        FieldType.Time => Time,
        FieldType.Multiselect or FieldType.Tags => List,
        FieldType.Json => Json,
        _ => Text,
    };
}
