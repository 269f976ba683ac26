using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace ObjectStack.Abstractions.Data;

/// <summary>
/// One record as a driver reads it: values by field name, stored by position in a shared <see cref="RowShape"/>.
/// A value may be replaced (expansion puts the related record where its id was); a name outside the shape can be
/// added and is kept after the shape's fields.
/// </summary>
[SuppressMessage("Naming", "CA1710", Justification = "A row is what the data layer calls it; a Dictionary suffix would say less.")]
public sealed class Row : IReadOnlyDictionary<string, object?>
{
    private readonly object?[] _values;
    private Dictionary<string, object?>? _extra;

    /// <summary>Creates a row of <paramref name="shape"/> with every value null.</summary>
    /// <param name="shape">The shape.</param>
    public Row(RowShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Shape = shape;
        _values = new object?[shape.Count];
    }

    /// <summary>Gets the shape.</summary>
    public RowShape Shape { get; }

    /// <inheritdoc />
    public int Count => _values.Length + (_extra?.Count ?? 0);

    /// <inheritdoc />
    public IEnumerable<string> Keys => this.Select(p => p.Key);

    /// <inheritdoc />
    public IEnumerable<object?> Values => this.Select(p => p.Value);

    /// <summary>Gets or sets the value at <paramref name="index"/> of the shape.</summary>
    /// <param name="index">The position.</param>
    public object? this[int index]
    {
        get => _values[index];
        set => _values[index] = value;
    }

    /// <summary>Gets or sets a value by field name.</summary>
    /// <param name="key">The field name.</param>
    /// <exception cref="KeyNotFoundException">On get, the row has no such field.</exception>
    public object? this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The row has no field '{key}'.");
        set
        {
            var index = Shape.IndexOf(key);
            if (index >= 0)
            {
                _values[index] = value;
            }
            else
            {
                (_extra ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
            }
        }
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => Shape.IndexOf(key) >= 0 || _extra?.ContainsKey(key) == true;

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = Shape.IndexOf(key);
        if (index >= 0)
        {
            value = _values[index];
            return true;
        }

        value = null;
        return _extra?.TryGetValue(key, out value) == true;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            yield return new KeyValuePair<string, object?>(Shape.Names[i], _values[i]);
        }

        if (_extra is not null)
        {
            foreach (var pair in _extra)
            {
                yield return pair;
            }
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
