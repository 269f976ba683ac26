using System.Collections.Frozen;
using System.Text;

namespace ObjectStack.Plugins.Auth.Passwords;

/// <summary>
/// The most common passwords (see <c>common-passwords.NOTICE.md</c> for the source), which sign-up and password
/// changes refuse as OWASP ASVS asks. Matching ignores case and compares Unicode NFKC forms, so <c>PASSWORD</c> and a
/// full-width <c>ｐａｓｓｗｏｒｄ</c> are refused like <c>password</c>.
/// </summary>
internal sealed class CommonPasswords
{
    /// <summary>The logical name of the embedded list: one password per line, UTF-8.</summary>
    public const string ResourceName = "ObjectStack.Plugins.Auth.common-passwords.txt";

    private readonly Lazy<FrozenSet<string>> _entries;

    private CommonPasswords()
    {
        // Loaded on first use rather than at start, and once, however many threads ask at the same moment.
        _entries = new Lazy<FrozenSet<string>>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the instance over the embedded list.</summary>
    public static CommonPasswords Shared { get; } = new();

    /// <summary>Gets how many distinct passwords (after NFKC normalization and ignoring case) the list holds.</summary>
    /// <exception cref="InvalidOperationException">The embedded list is missing or empty.</exception>
    public int Count => _entries.Value.Count;

    /// <summary>Tells whether <paramref name="password"/> is one of the common passwords.</summary>
    /// <param name="password">The candidate password, as the user typed it.</param>
    /// <returns><see langword="true"/> when the password is listed and must be refused.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="password"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">The embedded list is missing or empty.</exception>
    public bool Contains(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return _entries.Value.Contains(Normalize(password));
    }

    private static string Normalize(string value)
    {
        try
        {
            return value.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Ill-formed UTF-16 (a lone surrogate) cannot be normalized; the list is well-formed text, so such a value
            // is compared as it is, which cannot make a listed password pass.
            return value;
        }
    }

    private static FrozenSet<string> Load()
    {
        // A missing or empty list would silently accept every password, so both stop the caller instead.
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);

        var entries = new List<string>(capacity: 10_000);
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0)
            {
                entries.Add(Normalize(entry));
            }
        }

        if (entries.Count == 0)
        {
            throw new InvalidOperationException($"The embedded resource '{ResourceName}' holds no passwords.");
        }

        return entries.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
