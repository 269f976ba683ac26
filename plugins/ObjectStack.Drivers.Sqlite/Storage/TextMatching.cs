using System.Globalization;

namespace ObjectStack.Drivers.Sqlite.Storage;

/// <summary>
/// The text functions SQLite lacks, registered on every connection: Unicode case-insensitive containment and
/// LIKE patterns with exact case semantics (SQLite's own LIKE folds ASCII only).
/// </summary>
internal static class TextMatching
{
    public const string IContainsFunction = "os_icontains";
    public const string LikeFunction = "os_like";
    public const string ILikeFunction = "os_ilike";

    private static readonly CompareInfo Invariant = CultureInfo.InvariantCulture.CompareInfo;

    public static bool IContains(string? text, string? needle) =>
        text is not null && needle is not null && Invariant.IndexOf(text, needle, CompareOptions.IgnoreCase) >= 0;

    public static bool Like(string? text, string? pattern, bool ignoreCase)
    {
        if (text is null || pattern is null)
        {
            return false;
        }

        if (ignoreCase)
        {
            text = text.ToUpperInvariant();
            pattern = pattern.ToUpperInvariant();
        }

        return Match(text, 0, pattern, 0);
    }

    // Iterative wildcard match with backtracking to the last '%': linear in practice, no regex, no catastrophic cases.
    private static bool Match(string text, int t, string pattern, int p)
    {
        int starP = -1, starT = -1;
        while (t < text.Length)
        {
            if (p < pattern.Length && pattern[p] == '\\' && p + 1 < pattern.Length)
            {
                if (pattern[p + 1] == text[t])
                {
                    p += 2;
                    t++;
                    continue;
                }
            }
            else if (p < pattern.Length && pattern[p] == '_')
            {
                // '_' is one character: a surrogate pair outside the Basic Multilingual Plane counts once.
                p++;
                t += CharLength(text, t);
                continue;
            }
            else if (p < pattern.Length && pattern[p] != '%' && pattern[p] == text[t])
            {
                p++;
                t++;
                continue;
            }
            else if (p < pattern.Length && pattern[p] == '%')
            {
                starP = p++;
                starT = t;
                continue;
            }

            if (starP < 0)
            {
                return false;
            }

            p = starP + 1;
            starT += CharLength(text, starT);
            t = starT;
        }

        while (p < pattern.Length && pattern[p] == '%')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private static int CharLength(string text, int index) =>
        char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
}
