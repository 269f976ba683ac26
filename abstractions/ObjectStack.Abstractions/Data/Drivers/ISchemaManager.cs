using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Abstractions.Data.Drivers;

/// <summary>Reads and changes a datasource's tables. The engine plans changes from metadata; the driver renders the DDL.</summary>
public interface ISchemaManager
{
    /// <summary>Reads the tables, columns and indexes that exist now.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The schema.</returns>
    Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the column type the driver uses for a field, as <see cref="ReadSchemaAsync"/> reports it.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The column type, such as <c>TEXT</c>.</returns>
    string GetColumnType(FieldDefinition field);

    /// <summary>Applies changes in order and records each in the schema history, atomically where the database allows.</summary>
    /// <param name="changes">The changes.</param>
    /// <param name="cancellationToken">Cancels before the changes start.</param>
    /// <returns>A task that completes when every change is applied.</returns>
    Task ApplyAsync(IReadOnlyList<SchemaChange> changes, CancellationToken cancellationToken = default);

    /// <summary>Reads the schema history, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The applied changes.</returns>
    Task<IReadOnlyList<SchemaHistoryEntry>> ReadHistoryAsync(CancellationToken cancellationToken = default);
}
