using System.Globalization;
using System.Text.RegularExpressions;

namespace ObjectStack.Hosting.Configuration;

/// <summary>Checks an app's <c>engines.protocol</c> range against the protocol this runtime speaks.</summary>
internal static partial class ProtocolRange
{
    /// <summary>The ObjectStack protocol major version this runtime implements.</summary>
    public const int Current = ObjectStackProtocol.Version;

    /// <summary>Returns null when <paramref name="range"/> admits <see cref="Current"/>, otherwise why not.</summary>
    public static string? Check(string range)
    {
        var match = RangePattern().Match(range);
        if (!match.Success)
        {
            return $"'{range}' is not a protocol range this runtime understands; use a form such as '^{Current}'.";
        }

        var major = int.Parse(match.Groups["major"].Value, CultureInfo.InvariantCulture);
        var admits = match.Groups["op"].Value == ">=" ? major <= Current : major == Current;
        return admits ? null : $"the app targets protocol '{range}', but this runtime speaks protocol {Current}.";
    }

    [GeneratedRegex(@"^\s*(?<op>\^|~|>=)?\s*v?(?<major>\d+)(\.(\d+|x|\*)){0,2}\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex RangePattern();
}
