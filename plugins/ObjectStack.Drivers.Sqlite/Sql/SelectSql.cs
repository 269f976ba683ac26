using System.Text;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Drivers.Sqlite.Sql;

/// <summary>Compiles a <see cref="SelectCommand"/> into SQL once per shape, and its parameter values every time.</summary>
internal static class SelectSql
{
    public const string TotalColumn = "__os_total";

    public static (string Sql, List<object> Parameters) Compile(SelectCommand command, StatementCache cache)
    {
        var parameters = new List<object>();
        var key = new StringBuilder(128).Append("S:").Append(command.Object.Name).Append('|');
        foreach (var field in command.Fields)
        {
            key.Append(field.Name).Append(',');
        }

        key.Append("|w:");
        if (command.Filter is { } filter)
        {
            FilterSql.AppendShape(key, filter, command.Object, parameters);
        }

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

        if (command.IncludeTotal)
        {
            key.Append("|t");
        }

        var sql = cache.GetOrAdd(key.ToString(), () => Render(command));
        return (sql, parameters);
    }

    private static string Render(SelectCommand command)
    {
        var sql = new StringBuilder(256).Append("SELECT ");
        for (var i = 0; i < command.Fields.Count; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(Quote.Id(command.Fields[i].Name));
        }

        if (command.IncludeTotal)
        {
            sql.Append(", COUNT(*) OVER () AS ").Append(Quote.Id(TotalColumn));
        }

        sql.Append(" FROM ").Append(Quote.Id(command.Object.Name));
        var next = 0;
        if (command.Filter is { } filter)
        {
            sql.Append(" WHERE ");
            FilterSql.Render(sql, filter, command.Object, ref next);
        }

        for (var i = 0; i < command.Sort.Count; i++)
        {
            var sort = command.Sort[i];
            sql.Append(i == 0 ? " ORDER BY " : ", ").Append(Quote.Id(sort.Field))
                .Append(sort.Direction == SortDirection.Descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
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

        return sql.ToString();
    }
}
