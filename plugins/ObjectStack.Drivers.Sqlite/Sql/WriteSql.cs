using System.Text;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Drivers.Sqlite.Sql;

/// <summary>Compiles inserts, updates and deletes once per object and column set.</summary>
internal static class WriteSql
{
    /// <summary>The insert for <paramref name="columns"/>; autonumber fields take the next number and are returned.</summary>
    public static string Insert(ObjectDefinition obj, IReadOnlyList<string> columns, IReadOnlyList<FieldDefinition> autonumbers, StatementCache cache)
    {
        var key = new StringBuilder("I:").Append(obj.Name).Append('|').AppendJoin(',', columns).ToString();
        return cache.GetOrAdd(key, () =>
        {
            var table = Quote.Id(obj.Name);
            var names = columns.Select(Quote.Id).Concat(autonumbers.Select(f => Quote.Id(f.Name)));
            var values = columns.Select((_, i) => "@p" + i)
                .Concat(autonumbers.Select(f => $"(SELECT COALESCE(MAX({Quote.Id(f.Name)}), 0) + 1 FROM {table})"));
            var sql = $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", values)})";
            return autonumbers.Count == 0 ? sql : sql + " RETURNING " + string.Join(", ", autonumbers.Select(f => Quote.Id(f.Name)));
        });
    }

    /// <summary>The update of <paramref name="columns"/> of the row whose id is the last parameter.</summary>
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
