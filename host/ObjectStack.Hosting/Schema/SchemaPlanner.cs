using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Schema;

/// <summary>
/// Compares the objects with the tables that exist and plans the changes, in a safe order: index drops, new tables,
/// new columns, type changes, column drops, new indexes, table drops. Only tables the engine created (per the
/// schema history) are ever dropped, and only managed indexes (<c>ux_</c>/<c>ix_</c>) are touched.
/// </summary>
internal static class SchemaPlanner
{
    public static IReadOnlyList<SchemaChange> Plan(
        IReadOnlyList<ObjectDefinition> objects,
        DatabaseSchema actual,
        ISchemaManager manager,
        IReadOnlyList<SchemaHistoryEntry> history)
    {
        var dropIndexes = new List<SchemaChange>();
        var createTables = new List<SchemaChange>();
        var addColumns = new List<SchemaChange>();
        var alterColumns = new List<SchemaChange>();
        var dropColumns = new List<SchemaChange>();
        var createIndexes = new List<SchemaChange>();
        foreach (var obj in objects)
        {
            var desiredIndexes = DesiredIndexes(obj);
            if (!actual.Tables.TryGetValue(obj.Name, out var table))
            {
                createTables.Add(SchemaChange.CreateTable(obj));
                createIndexes.AddRange(desiredIndexes.Select(i => SchemaChange.CreateIndex(obj.Name, i)));
                continue;
            }

            foreach (var field in obj.Fields)
            {
                var wanted = manager.GetColumnType(field);
                if (!table.Columns.TryGetValue(field.Name, out var current))
                {
                    addColumns.Add(SchemaChange.AddColumn(obj, field, wanted));
                }
                else if (!string.Equals(current, wanted, StringComparison.OrdinalIgnoreCase) && field.Name != SystemFieldNames.Id)
                {
                    alterColumns.Add(SchemaChange.AlterColumnType(obj, field, current, wanted));
                }
            }

            var removed = table.Columns.Keys.Where(c => obj.FindField(c) is null).ToList();
            dropColumns.AddRange(removed.Select(c => SchemaChange.DropColumn(obj, c)));
            foreach (var index in table.Indexes)
            {
                var desired = desiredIndexes.Find(i => i.Name == index.Name);
                var coversRemoved = index.Columns.Any(removed.Contains);
                if ((IndexNames.IsManaged(index.Name) && (desired is null || !Same(desired, index))) || coversRemoved)
                {
                    dropIndexes.Add(SchemaChange.DropIndex(obj.Name, index));
                }
            }

            foreach (var index in desiredIndexes)
            {
                var existing = table.Indexes.FirstOrDefault(i => i.Name == index.Name);
                if (existing is null || !Same(index, existing))
                {
                    createIndexes.Add(SchemaChange.CreateIndex(obj.Name, index));
                }
            }
        }

        var created = history.Where(h => h.Kind == SchemaChangeKind.CreateTable).Select(h => h.Table).ToHashSet(StringComparer.Ordinal);
        var dropTables = actual.Tables.Keys
            .Where(t => created.Contains(t) && !objects.Any(o => o.Name == t))
            .Order(StringComparer.Ordinal)
            .Select(SchemaChange.DropTable);
        return [.. dropIndexes, .. createTables, .. addColumns, .. alterColumns, .. dropColumns, .. createIndexes, .. dropTables];
    }

    /// <summary>The indexes the engine maintains for an object: unique fields (per organization on organization-scoped
    /// objects, with <c>organization_id</c> first), references (for expansion and delete cascades), the owner, and the
    /// declared indexes.</summary>
    public static List<IndexSchema> DesiredIndexes(ObjectDefinition obj)
    {
        var indexes = new List<IndexSchema>();
        foreach (var field in obj.Fields)
        {
            if (field.Unique)
            {
                // Unique within each organization unless declared global: the driver treats a missing organization as one more scope.
                IReadOnlyList<string> columns = obj.OrganizationScoped && !field.UniqueGlobal && !field.IsSystem
                    ? [SystemFieldNames.OrganizationId, field.Name]
                    : [field.Name];
                indexes.Add(new IndexSchema(IndexNames.For(obj.Name, field.Name, unique: true), columns, Unique: true));
            }
            else if (field.IsReference || field.Name is SystemFieldNames.OwnerId or SystemFieldNames.OrganizationId)
            {
                indexes.Add(new IndexSchema(IndexNames.For(obj.Name, field.Name, unique: false), [field.Name], Unique: false));
            }
        }

        foreach (var index in obj.Indexes)
        {
            indexes.Add(new IndexSchema(IndexNames.For(obj.Name, index.Name, index.Unique), index.Fields, index.Unique));
        }

        return indexes.DistinctBy(i => i.Name, StringComparer.Ordinal).ToList();
    }

    private static bool Same(IndexSchema a, IndexSchema b) => a.Unique == b.Unique && a.Columns.SequenceEqual(b.Columns, StringComparer.Ordinal);
}
