using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Hosting.Data.Query;

/// <summary>
/// Turns a search text into a filter: the text is split into whitespace-separated terms, each term must match at
/// least one searchable field (case-insensitively, anywhere in the value, or a select option's label), and all terms
/// must match.
/// </summary>
internal static class SearchFilter
{
    private const int MaxSearchLength = 200;

    /// <summary>Gets the fields a search on <paramref name="obj"/> may match, best first.</summary>
    /// <remarks>
    /// The object's <c>searchableFields</c> when declared; otherwise its fields marked <c>searchable</c>; otherwise its
    /// visible, non-system text fields with the name field first.
    /// </remarks>
    public static IReadOnlyList<FieldDefinition> SearchableFields(ObjectDefinition obj)
    {
        if (obj.SearchableFields.Count > 0)
        {
            return obj.SearchableFields.Select(name => obj.FindField(name)!).ToList();
        }

        var marked = obj.Fields.Where(f => f.Searchable).ToList();
        if (marked.Count > 0)
        {
            return marked;
        }

        return obj.Fields
            .Where(f => f.IsText && !f.Hidden && !f.IsSystem)
            .OrderBy(f => f.Name == obj.NameField ? 0 : f.Name is "name" or "title" ? 1 : 2)
            .ToList();
    }

    /// <summary>Builds the search filter, or returns null for an empty search.</summary>
    /// <param name="obj">The object searched.</param>
    /// <param name="search">The search text.</param>
    /// <param name="narrowTo">Field names the caller narrows the search to; each must be searchable.</param>
    /// <param name="options">The engine bounds.</param>
    public static FilterNode? Build(ObjectDefinition obj, string? search, IReadOnlyList<string>? narrowTo, DataEngineOptions options)
    {
        if (string.IsNullOrWhiteSpace(search))
        {
            return null;
        }

        if (!obj.Enable.Searchable)
        {
            throw DataErrors.InvalidQuery(obj, $"Search is disabled for object '{obj.Name}'.");
        }

        if (search.Length > MaxSearchLength)
        {
            throw DataErrors.InvalidQuery(obj, $"The search text is {search.Length} characters long; at most {MaxSearchLength} are allowed.");
        }

        var terms = search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (terms.Length > options.MaxSearchTerms)
        {
            throw DataErrors.InvalidQuery(obj, $"The search holds {terms.Length} terms; at most {options.MaxSearchTerms} are allowed.");
        }

        var fields = Narrow(obj, SearchableFields(obj), narrowTo);
        if (fields.Count == 0)
        {
            throw DataErrors.InvalidQuery(obj, $"Object '{obj.Name}' has no searchable fields; declare 'searchableFields'.");
        }

        var perTerm = terms.Select(term => (FilterNode)new OrFilter(fields.SelectMany(f => Matches(f, term)).ToList())).ToList();
        return perTerm.Count == 1 ? perTerm[0] : new AndFilter(perTerm);
    }

    private static List<FieldDefinition> Narrow(ObjectDefinition obj, IReadOnlyList<FieldDefinition> allowed, IReadOnlyList<string>? narrowTo)
    {
        if (narrowTo is null || narrowTo.Count == 0)
        {
            return [.. allowed];
        }

        var result = new List<FieldDefinition>(narrowTo.Count);
        foreach (var name in narrowTo.Distinct(StringComparer.Ordinal))
        {
            var field = obj.FindField(name) ?? throw DataErrors.UnknownField(obj, name, "searchFields");
            if (!allowed.Contains(field))
            {
                throw new Abstractions.Data.DataOperationException(
                    Abstractions.Data.DataErrorCode.InvalidField,
                    $"Field '{name}' on object '{obj.Name}' is not searchable; searchable fields: {string.Join(", ", allowed.Select(f => f.Name))}.")
                { ObjectName = obj.Name };
            }

            result.Add(field);
        }

        return result;
    }

    private static IEnumerable<FilterNode> Matches(FieldDefinition field, string term)
    {
        yield return new ComparisonFilter(field.Name, FilterOperator.IContains, term);
        if (field.Type == FieldType.Select)
        {
            var byLabel = field.Options
                .Where(o => o.Label is { } label && label.Contains(term, StringComparison.OrdinalIgnoreCase))
                .Select(o => (object?)o.Value)
                .ToList();
            if (byLabel.Count > 0)
            {
                yield return new ComparisonFilter(field.Name, FilterOperator.In, byLabel);
            }
        }
    }
}
