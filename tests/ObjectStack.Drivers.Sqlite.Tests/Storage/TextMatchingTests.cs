using ObjectStack.Drivers.Sqlite.Storage;

namespace ObjectStack.Drivers.Sqlite.Tests.Storage;

/// <summary>
/// The LIKE matcher registered on every connection: <c>_</c> is one character, and a character outside the Basic
/// Multilingual Plane (a surrogate pair in .NET strings) is one, also when <c>%</c> backtracks over it.
/// </summary>
public sealed class TextMatchingTests
{
    [TestCase("a😀b", "a_b", true)]
    [TestCase("a😀b", "a__b", false)]
    [TestCase("😀", "_", true)]
    [TestCase("😀", "__", false)]
    [TestCase("😀", "%_", true)]
    [TestCase("a😀", "%__", true)]
    [TestCase("a😀", "%___", false)]
    [TestCase("x😀y😀", "%_y_", true)]
    [TestCase("👍🏽", "__", true)]
    [TestCase("👍🏽", "_", false)]
    [TestCase("ab", "a_", true)]
    [TestCase("100% x", "100\\%%", true)]
    public void Like_Pattern_CountsCodePoints(string text, string pattern, bool expected) =>
        Assert.That(TextMatching.Like(text, pattern, ignoreCase: false), Is.EqualTo(expected));

    [TestCase("Ünïcode 😀", "ü_ïcode _", true)]
    [TestCase("Ünïcode 😀", "ü_ïcode __", false)]
    public void ILike_Pattern_IgnoresCaseAndCountsCodePoints(string text, string pattern, bool expected) =>
        Assert.That(TextMatching.Like(text, pattern, ignoreCase: true), Is.EqualTo(expected));
}
