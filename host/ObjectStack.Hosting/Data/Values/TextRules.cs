using System.Text.RegularExpressions;

namespace ObjectStack.Hosting.Data.Values;

/// <summary>The format checks of the text field types that carry one.</summary>
internal static partial class TextRules
{
    public static bool IsEmail(string value) => value.Length <= 254 && EmailPattern().IsMatch(value);

    public static bool IsUrl(string value) =>
        value.Length <= 2048
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    public static bool IsPhone(string value) => value.Length <= 40 && PhonePattern().IsMatch(value) && value.Count(char.IsAsciiDigit) >= 3;

    /// <summary>True when the text holds a control character other than tab, line feed or carriage return.</summary>
    public static bool HasForbiddenControl(string value, bool multiline)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) && !(c == '\t' || (multiline && c is '\n' or '\r')))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"^[^@\s""(),:;<>\[\\\]]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9(][0-9 ().\-]*[0-9)](\s*(x|ext\.?)\s*[0-9]{1,6})?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PhonePattern();
}
