using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Postgres.Storage;

namespace ObjectStack.Drivers.Postgres.Sql;

/// <summary>
/// Renders a filter tree as a PostgreSQL condition with bound parameters, with the same semantics as every driver
/// (see the conformance suite): NULL-safe negations, case-sensitive substring operators, Unicode case folding for
/// the case-insensitive ones, caller wildcards only in like/ilike.
/// </summary>
internal static class FilterSql
{
    /// <summary>Appends the condition for <paramref name="node"/>.</summary>
    /// <param name="sql">The statement being built.</param>
    /// <param name="node">The filter.</param>
    /// <param name="obj">The object whose fields the filter names.</param>
    /// <param name="fold">The collation used to fold case, such as <c>"und-x-icu"</c>.</param>
    public static void Render(SqlBuilder sql, FilterNode node, ObjectDefinition obj, string fold)
    {
        switch (node)
        {
            case ComparisonFilter c:
                RenderComparison(sql, c, obj.FindField(c.Field) ?? throw new ArgumentException($"Unknown field '{c.Field}'."), fold);
                break;
            case AndFilter and:
                RenderChildren(sql, " AND ", "TRUE", and.Children, obj, fold);
                break;
            case OrFilter or:
                RenderChildren(sql, " OR ", "FALSE", or.Children, obj, fold);
                break;
            case NotFilter not:
                // NULL-safe: a comparison on an empty column is unknown, and its negation must still match the row.
                sql.Append("(NOT COALESCE(");
                Render(sql, not.Child, obj, fold);
                sql.Append(", FALSE))");
                break;
            case ConstantFilter constant:
                sql.Append(constant.Matches ? "TRUE" : "FALSE");
                break;
            default:
                throw new ArgumentException($"Unknown filter node {node.GetType().Name}.");
        }
    }

    private static void RenderChildren(SqlBuilder sql, string separator, string empty, IReadOnlyList<FilterNode> children, ObjectDefinition obj, string fold)
    {
        if (children.Count == 0)
        {
            sql.Append(empty);
            return;
        }

        sql.Append("(");
        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0)
            {
                sql.Append(separator);
            }

            Render(sql, children[i], obj, fold);
        }

        sql.Append(")");
    }

    private static void RenderComparison(SqlBuilder sql, ComparisonFilter c, FieldDefinition field, string fold)
    {
        var column = Quote.Id(c.Field);
        if (c.Operator is FilterOperator.Null or FilterOperator.Exists)
        {
            var isNull = (c.Operator == FilterOperator.Null) == (c.Value is true);
            sql.Append(column).Append(isNull ? " IS NULL" : " IS NOT NULL");
            return;
        }

        var type = PostgresColumnTypes.For(field);
        if (c.Value is System.Collections.IList list)
        {
            RenderList(sql, c.Operator, column, type, list);
            return;
        }

        if (c.Value is null)
        {
            sql.Append(column).Append(c.Operator == FilterOperator.Ne ? " IS NOT NULL" : " IS NULL");
            return;
        }

        if (type == PostgresColumnTypes.TextList)
        {
            var p = sql.Add(PostgresValues.Typed(PostgresColumnTypes.Text, c.Value));
            sql.Append(c.Operator == FilterOperator.NotContains ? $"({column} IS NULL OR NOT ({p} = ANY({column})))" : $"({p} = ANY({column}))");
            return;
        }

        // A UUID column compared with text that is not a canonical UUID compares as text: the same answer as a text
        // id column would give (usually nothing), never a cast error.
        if (type == PostgresColumnTypes.Uuid && (!PostgresValues.IsCanonicalUuid(c.Value) || IsTextOperator(c.Operator)))
        {
            column += "::text";
            type = PostgresColumnTypes.Text;
        }

        var value = sql.Add(PostgresValues.Typed(type, c.Value));
        sql.Append(c.Operator switch
        {
            FilterOperator.Eq => $"{column} = {value}",
            FilterOperator.Ne => $"({column} IS NULL OR {column} <> {value})",
            FilterOperator.Gt => $"{column} > {value}",
            FilterOperator.Gte => $"{column} >= {value}",
            FilterOperator.Lt => $"{column} < {value}",
            FilterOperator.Lte => $"{column} <= {value}",
            FilterOperator.Contains => $"strpos({column}, {value}) > 0",
            FilterOperator.NotContains => $"({column} IS NULL OR strpos({column}, {value}) = 0)",
            FilterOperator.IContains => $"strpos(lower({column} COLLATE {fold}), lower({value} COLLATE {fold})) > 0",
            FilterOperator.StartsWith => $"starts_with({column}, {value})",
            FilterOperator.EndsWith => $"right({column}, char_length({value})) = {value}",
            FilterOperator.Like => $"{column} LIKE {value}",
            FilterOperator.ILike => $"upper({column} COLLATE {fold}) LIKE upper({value} COLLATE {fold})",
            _ => throw new ArgumentException($"Operator {c.Operator} does not take a single value."),
        });
    }

    private static bool IsTextOperator(FilterOperator op) => op is FilterOperator.Contains or FilterOperator.NotContains or FilterOperator.IContains
        or FilterOperator.StartsWith or FilterOperator.EndsWith or FilterOperator.Like or FilterOperator.ILike;

    private static void RenderList(SqlBuilder sql, FilterOperator op, string column, string type, System.Collections.IList list)
    {
        var values = new List<object>(list.Count);
        var hasNull = false;
        foreach (var item in list)
        {
            if (item is null)
            {
                hasNull = true;
            }
            else
            {
                values.Add(item);
            }
        }

        if (type == PostgresColumnTypes.Uuid && !values.All(PostgresValues.IsCanonicalUuid))
        {
            column += "::text";
            type = PostgresColumnTypes.Text;
        }

        switch (op)
        {
            case FilterOperator.Between:
                var low = sql.Add(PostgresValues.Typed(type, values[0]));
                var high = sql.Add(PostgresValues.Typed(type, values[1]));
                sql.Append($"{column} BETWEEN {low} AND {high}");
                break;
            case FilterOperator.In when type == PostgresColumnTypes.TextList:
                sql.Append(values.Count == 0 ? "FALSE" : $"({column} && {sql.Add(PostgresValues.Array(PostgresColumnTypes.Text, values))})");
                break;
            case FilterOperator.Nin when type == PostgresColumnTypes.TextList:
                sql.Append(values.Count == 0 ? "TRUE" : $"({column} IS NULL OR NOT ({column} && {sql.Add(PostgresValues.Array(PostgresColumnTypes.Text, values))}))");
                break;
            case FilterOperator.In:
                var inSet = values.Count == 0 ? "FALSE" : $"{column} = ANY({sql.Add(PostgresValues.Array(type, values))})";
                sql.Append(hasNull ? $"({inSet} OR {column} IS NULL)" : inSet);
                break;
            case FilterOperator.Nin:
                var notIn = values.Count == 0 ? "TRUE" : $"{column} <> ALL({sql.Add(PostgresValues.Array(type, values))})";
                sql.Append(hasNull ? $"({column} IS NOT NULL AND {notIn})" : $"({column} IS NULL OR {notIn})");
                break;
            default:
                throw new ArgumentException($"Operator {op} does not take a list.");
        }
    }
}
