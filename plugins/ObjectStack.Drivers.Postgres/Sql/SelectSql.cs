using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;
using NpgsqlTypes;
using Npgsql;

namespace ObjectStack.Drivers.Postgres.Sql;

/// <summary>Renders reads: the page of a <see cref="SelectCommand"/> and counts.</summary>
internal static class SelectSql
{
    /// <summary>The page statement.</summary>
    public static SqlBuilder Page(SelectCommand command, string fold)
    {
        var sql = new SqlBuilder().Append("SELECT ");
        for (var i = 0; i < command.Fields.Count; i++)
        {
            sql.Append(i == 0 ? string.Empty : ", ").Append(Quote.Id(command.Fields[i].Name));
        }

        sql.Append(" FROM ").Append(Quote.Id(command.Object.Name));
        Where(sql, command.Filter, command.Object, fold);
        for (var i = 0; i < command.Sort.Count; i++)
        {
            var sort = command.Sort[i];
            // The primary key is never null; leaving its NULLS order implicit lets its index serve the sort.
            var descending = sort.Direction == SortDirection.Descending;
            sql.Append(i == 0 ? " ORDER BY " : ", ").Append(Quote.Id(sort.Field))
                .Append(sort.Field == SystemFieldNames.Id ? (descending ? " DESC" : " ASC") : descending ? " DESC NULLS LAST" : " ASC NULLS FIRST");
        }

        // Ties are broken by the primary key, in the direction of the last key, so that an index on (keys…, id)
        // delivers the whole order and the LIMIT stops the scan early.
        if (command.StableOrder && !command.Sort.Any(s => s.Field == SystemFieldNames.Id))
        {
            var descending = command.Sort.Count > 0 && command.Sort[^1].Direction == SortDirection.Descending;
            sql.Append(command.Sort.Count == 0 ? " ORDER BY " : ", ").Append(Quote.Id(SystemFieldNames.Id)).Append(descending ? " DESC" : " ASC");
        }

        if (command.Limit is { } limit)
        {
            sql.Append(" LIMIT ").Append(sql.Add(new NpgsqlParameter<long> { TypedValue = limit, NpgsqlDbType = NpgsqlDbType.Bigint }));
        }

        if (command.Offset > 0)
        {
            sql.Append(" OFFSET ").Append(sql.Add(new NpgsqlParameter<long> { TypedValue = command.Offset, NpgsqlDbType = NpgsqlDbType.Bigint }));
        }

        if (command.ForUpdate)
        {
            sql.Append(" FOR UPDATE");
        }

        return sql;
    }

    /// <summary>The count of rows matching a filter.</summary>
    public static SqlBuilder Count(ObjectDefinition obj, FilterNode? filter, string fold)
    {
        var sql = new SqlBuilder().Append("SELECT COUNT(*) FROM ").Append(Quote.Id(obj.Name));
        Where(sql, filter, obj, fold);
        return sql;
    }

    private static void Where(SqlBuilder sql, FilterNode? filter, ObjectDefinition obj, string fold)
    {
        if (filter is not null)
        {
            sql.Append(" WHERE ");
            FilterSql.Render(sql, filter, obj, fold);
        }
    }
}
