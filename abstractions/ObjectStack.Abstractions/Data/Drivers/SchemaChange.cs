using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>One planned schema change.</summary>
public sealed class SchemaChange
{
    private SchemaChange(SchemaChangeKind kind, string table, string description)
    {
        Kind = kind;
        Table = table;
        Description = description;
    }

    /// <summary>Gets the kind of change.</summary>
    public SchemaChangeKind Kind { get; }

    /// <summary>Gets the table changed.</summary>
    public string Table { get; }

    /// <summary>Gets the object whose table is created or altered; null for drops of removed things.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "The protocol calls it the object.")]
    public ObjectDefinition? Object { get; private init; }

    /// <summary>Gets the field added or altered.</summary>
    public FieldDefinition? Field { get; private init; }

    /// <summary>Gets the column dropped, or the old column type of an altered column.</summary>
    public string? Column { get; private init; }

    /// <summary>Gets the index created or dropped.</summary>
    public IndexSchema? Index { get; private init; }

    /// <summary>Gets a one-line description for plans and history, such as <c>add column contact.phone (TEXT)</c>.</summary>
    public string Description { get; }

    /// <summary>Gets a value indicating whether the change can lose data and so needs explicit consent.</summary>
    public bool IsDestructive => Kind is SchemaChangeKind.AlterColumnType or SchemaChangeKind.DropColumn or SchemaChangeKind.DropTable;

    /// <summary>Plans the creation of an object's table.</summary>
    /// <param name="obj">The complete object.</param>
    /// <returns>The change.</returns>
    public static SchemaChange CreateTable(ObjectDefinition obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new(SchemaChangeKind.CreateTable, obj.Name, $"create table {obj.Name} ({obj.Fields.Count} columns)") { Object = obj };
    }

    /// <summary>Plans a new column.</summary>
    /// <param name="obj">The complete object.</param>
    /// <param name="field">The new field.</param>
    /// <param name="columnType">The column type.</param>
    /// <returns>The change.</returns>
    public static SchemaChange AddColumn(ObjectDefinition obj, FieldDefinition field, string columnType)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(field);
        return new(SchemaChangeKind.AddColumn, obj.Name, $"add column {obj.Name}.{field.Name} ({columnType})") { Object = obj, Field = field };
    }

    /// <summary>Plans a column type change.</summary>
    /// <param name="obj">The complete object.</param>
    /// <param name="field">The field with its new type.</param>
    /// <param name="fromType">The column type now.</param>
    /// <param name="toType">The column type wanted.</param>
    /// <returns>The change.</returns>
    public static SchemaChange AlterColumnType(ObjectDefinition obj, FieldDefinition field, string fromType, string toType)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(field);
        return new(SchemaChangeKind.AlterColumnType, obj.Name, $"change column {obj.Name}.{field.Name} from {fromType} to {toType}")
        {
            Object = obj,
            Field = field,
            Column = fromType,
        };
    }

    /// <summary>Plans dropping a column.</summary>
    /// <param name="obj">The complete object that no longer has the field.</param>
    /// <param name="column">The column.</param>
    /// <returns>The change.</returns>
    public static SchemaChange DropColumn(ObjectDefinition obj, string column)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new(SchemaChangeKind.DropColumn, obj.Name, $"drop column {obj.Name}.{column}") { Object = obj, Column = column };
    }

    /// <summary>Plans an index.</summary>
    /// <param name="table">The table.</param>
    /// <param name="index">The index.</param>
    /// <returns>The change.</returns>
    public static SchemaChange CreateIndex(string table, IndexSchema index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var kind = index.Unique ? "unique index" : "index";
        return new(SchemaChangeKind.CreateIndex, table, $"create {kind} {index.Name} on {table} ({string.Join(", ", index.Columns)})") { Index = index };
    }

    /// <summary>Plans dropping an index.</summary>
    /// <param name="table">The table.</param>
    /// <param name="index">The index.</param>
    /// <returns>The change.</returns>
    public static SchemaChange DropIndex(string table, IndexSchema index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return new(SchemaChangeKind.DropIndex, table, $"drop index {index.Name} on {table}") { Index = index };
    }

    /// <summary>Plans dropping a table.</summary>
    /// <param name="table">The table.</param>
    /// <returns>The change.</returns>
    public static SchemaChange DropTable(string table) => new(SchemaChangeKind.DropTable, table, $"drop table {table}");
}
