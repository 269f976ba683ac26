using System.Text;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Drivers.Sqlite.Storage;

namespace ObjectStack.Drivers.Sqlite.Sql;

/// <summary>
/// Walks a filter tree twice in the same order: once to build its shape key and collect parameter values (every
/// query), once to render SQL with numbered placeholders (only when the shape is not cached yet).
/// </summary>
internal static class FilterSql
{
    /// <summary>Returns the shape key of <paramref name="filter"/> and its values in placeholder order (empty for no filter).</summary>
    public static FilterShape Shape(FilterNode? filter, ObjectDefinition obj)
    {
        var key = new StringBuilder();
        var values = new List<object>();
        if (filter is not null)
        {
            AppendShape(key, filter, obj, values);
        }

        return new FilterShape(key.ToString(), values);
    }

    /// <summary>Appends the shape of <paramref name="node"/> and collects its values in placeholder order.</summary>
    public static void AppendShape(StringBuilder key, FilterNode node, ObjectDefinition obj, List<object> parameters)
    {
        switch (node)
        {
            case ComparisonFilter c:
                var list = c.Value as System.Collections.IList;
                key.Append('(').Append(c.Field).Append(' ').Append((int)c.Operator);
                if (c.Operator is FilterOperator.Null or FilterOperator.Exists)
                {
                    key.Append(c.Value is true ? 't' : 'f');
                }
                else if (list is not null)
                {
                    var hasNull = false;
                    var count = 0;
                    foreach (var item in list)
                    {
                        if (item is null)
                        {
                            hasNull = true;
                        }
                        else
                        {
                            parameters.Add(SqliteValues.ToStorage(item));
                            count++;
                        }
                    }

                    key.Append('#').Append(count).Append(hasNull ? "n" : string.Empty);
                }
                else if (c.Value is null)
                {
                    key.Append('n');
                }
                else
                {
                    parameters.Add(SqliteValues.ToStorage(c.Value));
                }

                key.Append(')');
                break;
            case AndFilter and:
                AppendChildren(key, "&", and.Children, obj, parameters);
                break;
            case OrFilter or:
                AppendChildren(key, "|", or.Children, obj, parameters);
                break;
            case NotFilter not:
                key.Append("!(");
                AppendShape(key, not.Child, obj, parameters);
                key.Append(')');
                break;
            case ConstantFilter constant:
                key.Append(constant.Matches ? "T" : "F");
                break;
            default:
                throw new ArgumentException($"Unknown filter node {node.GetType().Name}.");
        }
    }

    /// <summary>Renders <paramref name="node"/>; <paramref name="next"/> is the next placeholder number.</summary>
    public static void Render(StringBuilder sql, FilterNode node, ObjectDefinition obj, ref int next)
    {
        switch (node)
        {
            case ComparisonFilter c:
                RenderComparison(sql, c, obj.FindField(c.Field) ?? throw new ArgumentException($"Unknown field '{c.Field}'."), ref next);
                break;
            case AndFilter and:
                RenderChildren(sql, " AND ", "1", and.Children, obj, ref next);
                break;
            case OrFilter or:
                RenderChildren(sql, " OR ", "0", or.Children, obj, ref next);
                break;
            case NotFilter not:
                // NULL-safe: a comparison on an empty column is unknown, and its negation must still match the row.
                sql.Append("(NOT IFNULL(");
                Render(sql, not.Child, obj, ref next);
                sql.Append(", 0))");
                break;
            case ConstantFilter constant:
                sql.Append(constant.Matches ? "1" : "0");
                break;
            default:
                throw new ArgumentException($"Unknown filter node {node.GetType().Name}.");
        }
    }

    private static void AppendChildren(StringBuilder key, string op, IReadOnlyList<FilterNode> children, ObjectDefinition obj, List<object> parameters)
    {
        key.Append(op).Append('(');
        foreach (var child in children)
        {
            AppendShape(key, child, obj, parameters);
        }

        key.Append(')');
    }

    private static void RenderChildren(StringBuilder sql, string separator, string empty, IReadOnlyList<FilterNode> children, ObjectDefinition obj, ref int next)
    {
        if (children.Count == 0)
        {
            sql.Append(empty);
            return;
        }

        sql.Append('(');
        for (var i = 0; i < children.Count; i++)
        {
            if (i > 0)
            {
                sql.Append(separator);
            }

            Render(sql, children[i], obj, ref next);
        }

        sql.Append(')');
    }

    private static void RenderComparison(StringBuilder sql, ComparisonFilter c, FieldDefinition field, ref int next)
    {
        var column = Quote.Id(c.Field);
        if (c.Operator is FilterOperator.Null or FilterOperator.Exists)
        {
            var isNull = (c.Operator == FilterOperator.Null) == (c.Value is true);
            sql.Append(column).Append(isNull ? " IS NULL" : " IS NOT NULL");
            return;
        }

        if (c.Value is System.Collections.IList list)
        {
            RenderList(sql, c.Operator, column, field, list, ref next);
            return;
        }

        if (c.Value is null)
        {
            sql.Append(column).Append(c.Operator == FilterOperator.Ne ? " IS NOT NULL" : " IS NULL");
            return;
        }

        var p = "@p" + next++;
        if (field.IsList)
        {
            var exists = $"EXISTS (SELECT 1 FROM json_each({column}) WHERE value = {p})";
            sql.Append(c.Operator == FilterOperator.NotContains ? $"({column} IS NULL OR NOT {exists})" : exists);
            return;
        }

        sql.Append(c.Operator switch
        {
            FilterOperator.Eq => $"{column} = {p}",
            FilterOperator.Ne => $"({column} IS NULL OR {column} <> {p})",
            FilterOperator.Gt => $"{column} > {p}",
            FilterOperator.Gte => $"{column} >= {p}",
            FilterOperator.Lt => $"{column} < {p}",
            FilterOperator.Lte => $"{column} <= {p}",
            FilterOperator.Contains => $"instr({column}, {p}) > 0",
            FilterOperator.IContains => $"{TextMatching.IContainsFunction}({column}, {p})",
            FilterOperator.NotContains => $"({column} IS NULL OR instr({column}, {p}) = 0)",
            FilterOperator.StartsWith => $"substr({column}, 1, length({p})) = {p}",
            FilterOperator.EndsWith => $"substr({column}, length({column}) - length({p}) + 1) = {p}",
            FilterOperator.Like => $"{TextMatching.LikeFunction}({column}, {p})",
            FilterOperator.ILike => $"{TextMatching.ILikeFunction}({column}, {p})",
            _ => throw new ArgumentException($"Operator {c.Operator} does not take a single value."),
        });
    }

    private static void RenderList(StringBuilder sql, FilterOperator op, string column, FieldDefinition field, System.Collections.IList list, ref int next)
    {
        var placeholders = new List<string>(list.Count);
        var hasNull = false;
        foreach (var item in list)
        {
            if (item is null)
            {
                hasNull = true;
            }
            else
            {
                placeholders.Add("@p" + next++);
            }
        }

        var set = string.Join(", ", placeholders);
        switch (op)
        {
            case FilterOperator.Between:
                sql.Append(System.Globalization.CultureInfo.InvariantCulture, $"{column} BETWEEN {placeholders[0]} AND {placeholders[1]}");
                break;
            case FilterOperator.In when field.IsList:
                sql.Append(placeholders.Count == 0 ? "0" : $"EXISTS (SELECT 1 FROM json_each({column}) WHERE value IN ({set}))");
                break;
            case FilterOperator.Nin when field.IsList:
                sql.Append(placeholders.Count == 0 ? "1" : $"({column} IS NULL OR NOT EXISTS (SELECT 1 FROM json_each({column}) WHERE value IN ({set})))");
                break;
            case FilterOperator.In:
                var inSet = placeholders.Count == 0 ? "0" : $"{column} IN ({set})";
                sql.Append(hasNull ? $"({inSet} OR {column} IS NULL)" : inSet);
                break;
            case FilterOperator.Nin:
                var notIn = placeholders.Count == 0 ? "1" : $"{column} NOT IN ({set})";
                sql.Append(hasNull ? $"({column} IS NOT NULL AND {notIn})" : $"({column} IS NULL OR {notIn})");
                break;
            default:
                throw new ArgumentException($"Operator {op} does not take a list.");
        }
    }
}

/// <summary>A filter's shape key and its parameter values, computed once per query and shared by the page and its count.</summary>
/// <param name="Key">The shape: fields, operators and list lengths, never values.</param>
/// <param name="Values">The values to bind, <c>@p0</c> first.</param>
internal sealed record FilterShape(string Key, List<object> Values);
