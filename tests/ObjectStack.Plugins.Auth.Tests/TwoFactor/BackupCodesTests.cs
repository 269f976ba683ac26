using ObjectStack.Plugins.Auth.TwoFactor;

namespace ObjectStack.Plugins.Auth.Tests.TwoFactor;

/// <summary>Backup codes: format, alphabet, uniqueness, and the normalization of what users type.</summary>
[TestFixture]
public sealed class BackupCodesTests
{
    [Test]
    public void Generate_Default_ReturnsTenCodesInTheFormat()
    {
        var codes = BackupCodes.Generate();

        Assert.Multiple(() =>
        {
            Assert.That(codes, Has.Count.EqualTo(10));
            Assert.That(codes, Has.All.Match("^[23456789abcdefghjkmnpqrstuvwxyz]{5}-[23456789abcdefghjkmnpqrstuvwxyz]{5}$"));
            Assert.That(codes, Is.Unique);
        });
    }

    [Test]
    public void Generate_Count_ReturnsThatManyDistinctCodes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(BackupCodes.Generate(1), Has.Count.EqualTo(1));
            Assert.That(BackupCodes.Generate(BackupCodes.MaxCount), Has.Count.EqualTo(100).And.Unique);
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(101)]
    public void Generate_CountOutOfRange_ThrowsArgumentOutOfRange(int count)
    {
        Assert.That(() => BackupCodes.Generate(count), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Generate_ManyCalls_NeverRepeatAndNeverUseAmbiguousCharacters()
    {
        var all = Enumerable.Range(0, 50).SelectMany(_ => BackupCodes.Generate()).ToList();
        var symbols = string.Concat(all).Replace("-", "", StringComparison.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(all, Is.Unique);
            Assert.That(symbols, Does.Not.Match("[01ilo]"));
            Assert.That(symbols.ToUpperInvariant(), Does.Not.Match("[OIL]"));
        });
    }

    [Test]
    public void Generate_ManyCodes_UseEverySymbolOfTheAlphabet()
    {
        // 5 000 symbols, about 161 per symbol: the chance that a uniform draw misses one is below 1e-60, while a
        // generator stuck on part of the alphabet would fail.
        var symbols = string.Concat(Enumerable.Range(0, 5).SelectMany(_ => BackupCodes.Generate(100)))
            .Replace("-", "", StringComparison.Ordinal);

        Assert.That(symbols.Distinct().Order().ToArray(), Is.EqualTo(BackupCodes.Alphabet.ToCharArray()));
    }

    [TestCase("abcde-fghjk")]
    [TestCase("abcdefghjk")]
    [TestCase("ABCDE-FGHJK")]
    [TestCase("AbCdEfGhJk")]
    [TestCase("  abcde-fghjk  ")]
    [TestCase("\tABCDEFGHJK\n")]
    public void Normalize_AcceptedInput_IsTheCanonicalForm(string input)
    {
        Assert.That(BackupCodes.Normalize(input), Is.EqualTo("abcde-fghjk"));
    }

    [Test]
    public void Normalize_GeneratedCode_IsUnchanged()
    {
        var codes = BackupCodes.Generate();

        Assert.That(codes.Select(BackupCodes.Normalize), Is.EqualTo(codes));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("abcde-fghj")]
    [TestCase("abcde-fghjkm")]
    [TestCase("abcdefghj")]
    [TestCase("abcd-efghjk")]
    [TestCase("abcde--fghjk")]
    [TestCase("abcde fghjk")]
    [TestCase("abcde-fghj0")]
    [TestCase("abcde-fghj1")]
    [TestCase("abcde-fghjo")]
    [TestCase("abcde-fghji")]
    [TestCase("abcde-fghjl")]
    [TestCase("abcde-fghj\u212A")]
    [TestCase("abcde-fghj!")]
    public void Normalize_MalformedInput_ReturnsNull(string? input)
    {
        Assert.That(BackupCodes.Normalize(input), Is.Null);
    }
}
