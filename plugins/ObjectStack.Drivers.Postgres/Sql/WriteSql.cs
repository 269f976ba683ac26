using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Postgres.Storage;

namespace ObjectStack.Drivers.Postgres.Sql;

/// <summary>Renders inserts, updates, deletes and autonumber draws.</summary>
internal static class WriteSql
{
    /// <summary>The table of autonumber counters.</summary>
    public const string SequenceTable = "_os_sequences";

    /// <summary>Creates the counter table when missing.</summary>
    public const string CreateSequenceTable = $"CREATE TABLE IF NOT EXISTS \"{SequenceTable}\" (\"name\" text COLLATE \"C\" NOT NULL PRIMARY KEY, \"value\" bigint NOT NULL)";

    public static SqlBuilder Insert(ObjectDefinition obj, IReadOnlyDictionary<string, object?> values, IReadOnlyDictionary<string, object?> generated)
    {
        var sql = new SqlBuilder();
        var columns = new List<string>(values.Count + generated.Count);
        var placeholders = new List<string>(values.Count + generated.Count);
        foreach (var field in obj.Fields)
        {
            if (generated.TryGetValue(field.Name, out var number) || values.TryGetValue(field.Name, out number))
            {
                columns.Add(Quote.Id(field.Name));
                placeholders.Add(sql.Add(PostgresValues.Parameter(field, number)));
            }
        }

        sql.Append($"INSERT INTO {Quote.Id(obj.Name)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", placeholders)})");
        return sql;
    }

    /// <summary>
    /// Takes the next value of an autonumber: a per-field counter in <c>_os_sequences</c>, started past the largest
    /// existing value, so numbers are never reused — not even after the highest record is deleted.
    /// </summary>
    public static SqlBuilder NextSequence(ObjectDefinition obj, FieldDefinition field)
    {
        var sql = new SqlBuilder();
        var name = sql.Add(PostgresValues.Typed(PostgresColumnTypes.Text, $"{obj.Name}.{field.Name}"));
        sql.Append($"INSERT INTO \"{SequenceTable}\" (\"name\", \"value\") VALUES ({name}, (SELECT COALESCE(MAX({Quote.Id(field.Name)}), 0) FROM {Quote.Id(obj.Name)}) + 1) "
            + $"ON CONFLICT (\"name\") DO UPDATE SET \"value\" = \"{SequenceTable}\".\"value\" + 1 RETURNING \"value\"");
        return sql;
    }

    public static SqlBuilder Update(ObjectDefinition obj, string id, IReadOnlyDictionary<string, object?> changes)
    {
        var sql = new SqlBuilder();
        var assignments = new List<string>(changes.Count);
        foreach (var field in obj.Fields)
        {
            if (field.Name != SystemFieldNames.Id && changes.TryGetValue(field.Name, out var value))
            {
                assignments.Add($"{Quote.Id(field.Name)} = {sql.Add(PostgresValues.Parameter(field, value))}");
            }
        }

        var key = IdCondition(sql, obj, id);
        sql.Append($"UPDATE {Quote.Id(obj.Name)} SET {string.Join(", ", assignments)} WHERE {key}");
        return sql;
    }

    public static SqlBuilder Delete(ObjectDefinition obj, string id)
    {
        var sql = new SqlBuilder();
        var key = IdCondition(sql, obj, id);
        sql.Append($"DELETE FROM {Quote.Id(obj.Name)} WHERE {key}");
        return sql;
    }

    /// <summary>Whether a write changes no column, so it only needs to know that the row exists.</summary>
    public static bool ChangesNothing(ObjectDefinition obj, IReadOnlyDictionary<string, object?> changes) =>
        !obj.Fields.Any(f => f.Name != SystemFieldNames.Id && changes.ContainsKey(f.Name));

    // An id that is not a canonical UUID names no row of a UUID-keyed table.
    private static string IdCondition(SqlBuilder sql, ObjectDefinition obj, string id)
    {
        var field = obj.FindField(SystemFieldNames.Id)!;
        return PostgresValues.IsCanonicalUuid(id)
            ? $"{Quote.Id(SystemFieldNames.Id)} = {sql.Add(PostgresValues.Parameter(field, id))}"
            : "FALSE";
    }
}
