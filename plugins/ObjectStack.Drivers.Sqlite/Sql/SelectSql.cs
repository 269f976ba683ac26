using System.Text;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Drivers.Sqlite.Sql;

/// <summary>Compiles a <see cref="SelectCommand"/> into SQL once per shape, and its parameter values every time.</summary>
internal static class SelectSql
{
    /// <summary>Compiles the page statement, followed by its count when <paramref name="includeTotal"/>.</summary>
    /// <param name="command">The select.</param>
    /// <param name="filter">The command's filter shape (see <see cref="FilterSql.Shape"/>).</param>
    /// <param name="includeTotal">Whether to count every matching record in the same command.</param>
    /// <param name="cache">The statement cache.</param>
    public static (string Sql, List<object> Parameters) Compile(SelectCommand command, FilterShape filter, bool includeTotal, StatementCache cache)
    {
        var parameters = new List<object>(filter.Values.Count + 2);
        parameters.AddRange(filter.Values);
        var key = new StringBuilder(128).Append("S:").Append(command.Object.Name).Append('|');
        foreach (var field in command.Fields)
        {
            key.Append(field.Name).Append(',');
        }

        key.Append("|w:").Append(filter.Key);

        key.Append("|o:");
        foreach (var sort in command.Sort)
        {
            key.Append(sort.Direction == SortDirection.Descending ? '-' : '+').Append(sort.Field).Append(',');
        }

        if (command.Limit is { } limit)
        {
            key.Append("|l");
            parameters.Add((long)limit);
        }

        if (command.Offset > 0)
        {
            key.Append("|k");
            parameters.Add((long)command.Offset);
        }

        if (includeTotal)
        {
            key.Append("|t");
        }

        if (command.StableOrder)
        {
            key.Append("|s");
        }

        var sql = cache.GetOrAdd(key.ToString(), () => Render(command, filter.Values.Count, includeTotal));
        return (sql, parameters);
    }

    private static string Render(SelectCommand command, int filterParameters, bool includeTotal)
    {
        var sql = new StringBuilder(256).Append("SELECT ");
        for (var i = 0; i < command.Fields.Count; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(Quote.Id(command.Fields[i].Name));
        }

        sql.Append(" FROM ").Append(Quote.Id(command.Object.Name));
        var where = Where(command.Filter, command.Object);
        sql.Append(where);
        var next = filterParameters;

        for (var i = 0; i < command.Sort.Count; i++)
        {
            var sort = command.Sort[i];
            sql.Append(i == 0 ? " ORDER BY " : ", ").Append(Quote.Id(sort.Field))
                .Append(sort.Direction == SortDirection.Descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
        }

        // Ties are broken by rowid, unique and the implicit last column of every index: in the direction of the last
        // key, so that an index on the sort keys delivers the whole order and the LIMIT stops the scan early.
        if (command.StableOrder && !command.Sort.Any(s => s.Field == SystemFieldNames.Id))
        {
            var descending = command.Sort.Count > 0 && command.Sort[^1].Direction == SortDirection.Descending;
            sql.Append(command.Sort.Count == 0 ? " ORDER BY " : ", ").Append("rowid").Append(descending ? " DESC" : " ASC");
        }

        if (command.Limit is not null)
        {
            sql.Append(" LIMIT @p").Append(next++);
        }
        else if (command.Offset > 0)
        {
            sql.Append(" LIMIT -1");
        }

        if (command.Offset > 0)
        {
            sql.Append(" OFFSET @p").Append(next);
        }

        // The total rides in the same command: one round trip, and the count uses the indexes instead of the sort.
        if (includeTotal)
        {
            sql.Append("; SELECT COUNT(*) FROM ").Append(Quote.Id(command.Object.Name)).Append(where);
        }

        return sql.ToString();
    }

    /// <summary>Renders <c> WHERE ...</c> for a filter (parameters from <c>@p0</c>), or an empty string.</summary>
    public static string Where(FilterNode? filter, ObjectDefinition obj)
    {
        if (filter is null)
        {
            return string.Empty;
        }

        var where = new StringBuilder(" WHERE ");
        var next = 0;
        FilterSql.Render(where, filter, obj, ref next);
        return where.ToString();
    }
}
