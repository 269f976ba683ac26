using System.Security.Cryptography;
using System.Text;
using ObjectStack.Plugins.Auth.TwoFactor;

namespace ObjectStack.Plugins.Auth.Tests.TwoFactor;

/// <summary>RFC 4648 base32: the section 10 test vectors both ways, and what decoding forgives and refuses.</summary>
[TestFixture]
public sealed class Base32Tests
{
    // RFC 4648 section 10, with the padding the RFC shows; Encode writes the same text without it.
    [TestCase("", "")]
    [TestCase("f", "MY======")]
    [TestCase("fo", "MZXQ====")]
    [TestCase("foo", "MZXW6===")]
    [TestCase("foob", "MZXW6YQ=")]
    [TestCase("fooba", "MZXW6YTB")]
    [TestCase("foobar", "MZXW6YTBOI======")]
    public void Encode_Rfc4648Vector_IsTheVectorWithoutPadding(string input, string expected)
    {
        Assert.That(Base32.Encode(Encoding.ASCII.GetBytes(input)), Is.EqualTo(expected.TrimEnd('=')));
    }

    [TestCase("", "")]
    [TestCase("f", "MY======")]
    [TestCase("fo", "MZXQ====")]
    [TestCase("foo", "MZXW6===")]
    [TestCase("foob", "MZXW6YQ=")]
    [TestCase("fooba", "MZXW6YTB")]
    [TestCase("foobar", "MZXW6YTBOI======")]
    public void Decode_Rfc4648VectorWithAndWithoutPadding_IsTheInput(string expected, string encoded)
    {
        var bytes = Encoding.ASCII.GetBytes(expected);

        Assert.Multiple(() =>
        {
            Assert.That(Base32.Decode(encoded), Is.EqualTo(bytes));
            Assert.That(Base32.Decode(encoded.TrimEnd('=')), Is.EqualTo(bytes));
        });
    }

    [Test]
    public void Decode_LowerCaseAndSpaces_AreAccepted()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Base32.Decode("mzxw6ytboi"), Is.EqualTo("foobar"u8.ToArray()));
            Assert.That(Base32.Decode(" MZXW 6YTB oi== "), Is.EqualTo("foobar"u8.ToArray()));
        });
    }

    [TestCase("MZXW6YTB0I")]
    [TestCase("MZXW6YTB1I")]
    [TestCase("MZXW6YTB8I")]
    [TestCase("MZXW6!")]
    [TestCase("MZXW-6YTB")]
    [TestCase("MZ\tXW6YTB")]
    [TestCase("ÄZXW6YTB")]
    public void Decode_InvalidCharacter_ThrowsFormatException(string text)
    {
        Assert.That(() => Base32.Decode(text), Throws.TypeOf<FormatException>());
    }

    [TestCase("MY=A")]
    [TestCase("MZXQ==MZ")]
    public void Decode_PaddingFollowedByData_ThrowsFormatException(string text)
    {
        Assert.That(() => Base32.Decode(text), Throws.TypeOf<FormatException>());
    }

    [TestCase("M")]
    [TestCase("MZX")]
    [TestCase("MZXW6Y")]
    [TestCase("MZXW6YTBM")]
    public void Decode_LengthNoBytesProduce_ThrowsFormatException(string text)
    {
        Assert.That(() => Base32.Decode(text), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void Decode_Null_ThrowsArgumentNullException()
    {
        Assert.That(() => Base32.Decode(null!), Throws.ArgumentNullException);
    }

    [Test]
    public void EncodeThenDecode_RandomBytesOfEveryLengthUpTo80_RoundTrips()
    {
        for (var length = 0; length <= 80; length++)
        {
            var bytes = RandomNumberGenerator.GetBytes(length);
            var encoded = Base32.Encode(bytes);

            Assert.Multiple(() =>
            {
                Assert.That(encoded, Does.Match("^[A-Z2-7]*$"));
                Assert.That(encoded, Has.Length.EqualTo((length * 8 + 4) / 5));
                Assert.That(Base32.Decode(encoded), Is.EqualTo(bytes));
            });
        }
    }
}
