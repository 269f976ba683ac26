using System.Security.Cryptography;
using System.Text;

namespace ObjectStack.Hosting.Schema;

/// <summary>Names the indexes the engine manages: <c>ux_</c> (unique) and <c>ix_</c> prefixes, at most 63 characters.</summary>
internal static class IndexNames
{
    public const int MaxLength = 63;

    public static bool IsManaged(string name) => name.StartsWith("ux_", StringComparison.Ordinal) || name.StartsWith("ix_", StringComparison.Ordinal);

    public static string For(string table, string suffix, bool unique)
    {
        var name = $"{(unique ? "ux" : "ix")}_{table}_{suffix}";
        if (name.Length <= MaxLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return name[..(MaxLength - 9)] + "_" + hash;
    }
}
