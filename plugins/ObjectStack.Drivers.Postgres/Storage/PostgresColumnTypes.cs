using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Drivers.Postgres.Storage;

/// <summary>
/// The column type of each field type, spelled as PostgreSQL's <c>format_type</c> reports it so that the planner
/// compares like with like. Text columns use the "C" collation (code-point order, as on SQLite, and indexes that
/// serve prefix matches); instants and times keep milliseconds, as the engine does.
/// </summary>
internal static class PostgresColumnTypes
{
    public const string Text = "text";
    public const string Uuid = "uuid";
    public const string Numeric = "numeric";
    public const string BigInt = "bigint";
    public const string Boolean = "boolean";
    public const string Date = "date";
    public const string Instant = "timestamp(3) with time zone";
    public const string Time = "time(3) without time zone";
    public const string TextList = "text[]";
    public const string Json = "jsonb";

    /// <summary>The column type of a field.</summary>
    public static string For(FieldDefinition field) => field.Type switch
    {
        _ when IsUuid(field) => Uuid,
        FieldType.Number or FieldType.Currency or FieldType.Percent => Numeric,
        FieldType.Autonumber => BigInt,
        FieldType.Boolean => Boolean,
        FieldType.Date => Date,
        FieldType.DateTime => Instant,
        FieldType.Time => Time,
        FieldType.Multiselect or FieldType.Tags => TextList,
        FieldType.Json => Json,
        _ => Text,
    };

    /// <summary>The column definition used in DDL: the type plus the collation of text columns.</summary>
    public static string Definition(FieldDefinition field) => For(field) switch
    {
        Text => "text COLLATE \"C\"",
        TextList => "text[] COLLATE \"C\"",
        var other => other,
    };

    /// <summary>
    /// Record ids and references are UUIDs (the engine generates UUIDv7), stored in 16 bytes. Other id-like system
    /// fields (creator, owner, organization) hold principal ids of any shape and stay text.
    /// </summary>
    public static bool IsUuid(FieldDefinition field) => field.Name == SystemFieldNames.Id || field.IsReference;
}
