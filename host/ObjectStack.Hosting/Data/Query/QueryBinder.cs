using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Data.Query;

/// <summary>Checks a <see cref="RecordQuery"/> against its object and the engine bounds (see <see cref="BoundQuery"/>).</summary>
internal static class QueryBinder
{
    /// <summary>Binds <paramref name="query"/>.</summary>
    /// <exception cref="DataOperationException">A field, filter, sort, page or expand is invalid.</exception>
    public static BoundQuery Bind(ObjectDefinition obj, RecordQuery query, IMetadataRegistry registry, DataEngineOptions options)
    {
        var limit = query.Limit ?? options.DefaultPageSize;
        if (limit < 1 || limit > options.MaxPageSize)
        {
            throw DataErrors.InvalidQuery(obj, $"The page size (top) must be between 1 and {options.MaxPageSize}; it is {limit}.");
        }

        if (query.Offset < 0)
        {
            throw DataErrors.InvalidQuery(obj, $"The offset (skip) must not be negative; it is {query.Offset}.");
        }

        ValidateExpand(obj, query.Expand, registry, 1);
        var filter = FilterNode.All(
            FilterBinder.Bind(obj, query.Filter, options),
            SearchFilter.Build(obj, query.Search, query.SearchFields, options));
        return new BoundQuery(
            obj,
            SelectFields(obj, query.Fields, query.Expand),
            filter,
            BindSort(obj, query.Sort),
            limit,
            query.Offset,
            query.IncludeTotal,
            query.Expand);
    }

    /// <summary>Resolves the fields to read: all of them, or <c>id</c>, the named ones and the expanded lookups.</summary>
    public static IReadOnlyList<FieldDefinition> SelectFields(ObjectDefinition obj, IReadOnlyList<string>? names, IReadOnlyList<ExpandRequest> expand)
    {
        if (names is null || names.Count == 0)
        {
            return obj.Fields;
        }

        var wanted = new HashSet<string>(StringComparer.Ordinal) { SystemFieldNames.Id };
        foreach (var name in names)
        {
            _ = obj.FindField(name) ?? throw DataErrors.UnknownField(obj, name, "select");
            wanted.Add(name);
        }

        foreach (var e in expand)
        {
            wanted.Add(e.Field);
        }

        return obj.Fields.Where(f => wanted.Contains(f.Name)).ToList();
    }

    /// <summary>
    /// Checks the whole expand tree before anything is read: each expanded field must be a lookup whose target is
    /// registered, selected fields must exist on the target, and nesting stops at <see cref="DataEngineOptions.MaxExpandDepth"/>.
    /// </summary>
    public static void ValidateExpand(ObjectDefinition obj, IReadOnlyList<ExpandRequest> expand, IMetadataRegistry registry, int depth)
    {
        if (expand.Count > 0 && depth > DataEngineOptions.MaxExpandDepth)
        {
            throw DataErrors.InvalidQuery(obj, $"expand nests at most {DataEngineOptions.MaxExpandDepth} levels deep.");
        }

        foreach (var e in expand)
        {
            var field = obj.FindField(e.Field) ?? throw DataErrors.UnknownField(obj, e.Field, "expand");
            if (!field.IsReference)
            {
                throw new DataOperationException(
                    DataErrorCode.InvalidField, $"Field '{e.Field}' on object '{obj.Name}' is not a relationship, so it cannot be expanded.")
                { ObjectName = obj.Name };
            }

            var target = registry.Find(field.Reference!) ?? throw new DataOperationException(
                DataErrorCode.InvalidField, $"Field '{e.Field}' on object '{obj.Name}' refers to '{field.Reference}', which no enabled plugin provides, so it cannot be expanded.")
            { ObjectName = obj.Name };
            _ = SelectFields(target, e.Fields, e.Expand);
            ValidateExpand(target, e.Expand, registry, depth + 1);
        }
    }

    private static List<SortField> BindSort(ObjectDefinition obj, IReadOnlyList<SortField> sort)
    {
        var bound = new List<SortField>(sort.Count + 1);
        foreach (var s in sort)
        {
            var field = obj.FindField(s.Field)
                ?? throw DataErrors.InvalidSort(obj, s.Field, $"Cannot sort by '{s.Field}': object '{obj.Name}' has no such field.");
            if (field.Type == FieldType.Json || field.IsList)
            {
                throw DataErrors.InvalidSort(obj, s.Field, $"Cannot sort by '{s.Field}': {Metadata.FieldTypeNames.ToName(field.Type)} fields have no order.");
            }

            if (!field.Sortable)
            {
                throw DataErrors.InvalidSort(obj, s.Field, $"Cannot sort by '{s.Field}': the field is declared not sortable.");
            }

            if (!bound.Exists(b => b.Field == s.Field))
            {
                bound.Add(s);
            }
        }

        return bound;
    }
}
