namespace ObjectStack.Abstractions.Data;

/// <summary>
/// The field names a set of <see cref="Row"/>s shares, in order. A driver creates one shape per query shape and
/// reuses it, so rows store only their values.
/// </summary>
public sealed class RowShape
{
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a shape.</summary>
    /// <param name="names">The field names, distinct, in column order.</param>
    /// <exception cref="ArgumentException">A name repeats.</exception>
    public RowShape(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        Names = [.. names];
        _index = new Dictionary<string, int>(Names.Count, StringComparer.Ordinal);
        for (var i = 0; i < Names.Count; i++)
        {
            if (!_index.TryAdd(Names[i], i))
            {
                throw new ArgumentException($"The field name '{Names[i]}' appears twice.", nameof(names));
            }
        }
    }

    /// <summary>Gets the field names, in order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Gets the number of fields.</summary>
    public int Count => Names.Count;

    /// <summary>Returns the position of <paramref name="name"/>, or -1.</summary>
    /// <param name="name">A field name.</param>
    /// <returns>The position, or -1 when the shape has no such field.</returns>
    public int IndexOf(string name) => _index.TryGetValue(name, out var index) ? index : -1;
}
