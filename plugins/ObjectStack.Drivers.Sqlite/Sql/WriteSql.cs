using System.Text;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Drivers.Sqlite.Sql;

/// <summary>Compiles inserts, updates and deletes once per object and column set.</summary>
internal static class WriteSql
{
    /// <summary>The insert for <paramref name="columns"/>; autonumber fields take the next number and are returned.</summary>
    public static string Insert(ObjectDefinition obj, IReadOnlyList<string> columns, StatementCache cache)
    {
        var key = new StringBuilder("I:").Append(obj.Name).Append('|').AppendJoin(',', columns).ToString();
        return cache.GetOrAdd(key, () =>
            $"INSERT INTO {Quote.Id(obj.Name)} ({string.Join(", ", columns.Select(Quote.Id))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})");
    }

    /// <summary>
    /// Takes the next value of an autonumber: a per-field counter in <c>_os_sequences</c>, started past the largest
    /// existing value, so numbers are never reused — not even after the highest record is deleted.
    /// </summary>
    public static string NextSequence(ObjectDefinition obj, FieldDefinition field, StatementCache cache) =>
        cache.GetOrAdd($"N:{obj.Name}|{field.Name}", () =>
            $"INSERT INTO {Quote.Id(SequenceTable)} (\"name\", \"value\") VALUES (@p0, (SELECT COALESCE(MAX({Quote.Id(field.Name)}), 0) FROM {Quote.Id(obj.Name)}) + 1) "
            + $"ON CONFLICT (\"name\") DO UPDATE SET \"value\" = \"value\" + 1 RETURNING \"value\"");

    /// <summary>The table of autonumber counters.</summary>
    public const string SequenceTable = "_os_sequences";

    /// <summary>Creates the counter table when missing.</summary>
    public const string CreateSequenceTable = $"CREATE TABLE IF NOT EXISTS \"{SequenceTable}\" (\"name\" TEXT NOT NULL PRIMARY KEY, \"value\" INTEGER NOT NULL)";

    public static string Update(ObjectDefinition obj, IReadOnlyList<string> columns, StatementCache cache)
    {
        var key = new StringBuilder("U:").Append(obj.Name).Append('|').AppendJoin(',', columns).ToString();
        return cache.GetOrAdd(key, () =>
            $"UPDATE {Quote.Id(obj.Name)} SET {string.Join(", ", columns.Select((c, i) => $"{Quote.Id(c)} = @p{i}"))} WHERE {Quote.Id(SystemFieldNames.Id)} = @p{columns.Count}");
    }

    /// <summary>The delete of the row whose id is <c>@p0</c>.</summary>
    public static string Delete(ObjectDefinition obj, StatementCache cache) =>
        cache.GetOrAdd("D:" + obj.Name, () => $"DELETE FROM {Quote.Id(obj.Name)} WHERE {Quote.Id(SystemFieldNames.Id)} = @p0");

    /// <summary>The count of rows matching the filter rendered by <paramref name="renderWhere"/>.</summary>
    public static string Count(string shape, ObjectDefinition obj, Func<string> renderWhere, StatementCache cache) =>
        cache.GetOrAdd("C:" + obj.Name + "|" + shape, () => $"SELECT COUNT(*) FROM {Quote.Id(obj.Name)}{renderWhere()}");
}
