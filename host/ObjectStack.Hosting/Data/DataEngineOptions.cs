namespace ObjectStack.Hosting.Data;

/// <summary>Bounds the data engine enforces on every query and batch, whoever the caller is.</summary>
public sealed class DataEngineOptions
{
    /// <summary>Gets or sets the page size of a query that names none (default 50).</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Gets or sets the largest page a query may ask for (default 1000); a larger one is refused.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Gets or sets how deeply <c>$and</c>, <c>$or</c> and <c>$not</c> may nest (default 8).</summary>
    public int MaxFilterDepth { get; set; } = 8;

    /// <summary>Gets or sets how many comparisons one filter may hold (default 200).</summary>
    public int MaxFilterConditions { get; set; } = 200;

    /// <summary>Gets or sets how many values an <c>$in</c> or <c>$nin</c> list may hold (default 1000).</summary>
    public int MaxFilterValues { get; set; } = 1000;

    /// <summary>Gets or sets how many records one batch request may write (default 200).</summary>
    public int MaxBatchSize { get; set; } = 200;

    /// <summary>Gets or sets how many whitespace-separated terms a search may hold (default 8).</summary>
    public int MaxSearchTerms { get; set; } = 8;

    /// <summary>Gets the deepest nesting of <c>expand</c>: a lookup of a lookup of a lookup.</summary>
    public const int MaxExpandDepth = 3;

    /// <summary>Throws when a bound is not positive or the default page exceeds the maximum.</summary>
    /// <exception cref="ArgumentException">A bound is invalid.</exception>
    public void Validate()
    {
        Positive(DefaultPageSize, nameof(DefaultPageSize));
        Positive(MaxPageSize, nameof(MaxPageSize));
        Positive(MaxFilterDepth, nameof(MaxFilterDepth));
        Positive(MaxFilterConditions, nameof(MaxFilterConditions));
        Positive(MaxFilterValues, nameof(MaxFilterValues));
        Positive(MaxBatchSize, nameof(MaxBatchSize));
        Positive(MaxSearchTerms, nameof(MaxSearchTerms));
        if (DefaultPageSize > MaxPageSize)
        {
            throw new ArgumentException($"The default page size ({DefaultPageSize}) exceeds the maximum page size ({MaxPageSize}).");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"The data engine bound {name} must be at least 1 (it is {value}).");
        }
    }
}
