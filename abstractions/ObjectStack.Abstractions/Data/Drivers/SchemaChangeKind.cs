namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>The kinds of schema change the engine plans.</summary>
public enum SchemaChangeKind
{
    /// <summary>Create the table of an object with all its columns.</summary>
    CreateTable,

    /// <summary>Add a column for a new field.</summary>
    AddColumn,

    /// <summary>Create an index.</summary>
    CreateIndex,

    /// <summary>Drop an index the metadata no longer declares.</summary>
    DropIndex,

    /// <summary>Change a column's type, converting its values (destructive: values that do not convert are lost).</summary>
    AlterColumnType,

    /// <summary>Drop the column of a removed field (destructive).</summary>
    DropColumn,

    /// <summary>Drop the table of a removed object (destructive).</summary>
    DropTable,
}
