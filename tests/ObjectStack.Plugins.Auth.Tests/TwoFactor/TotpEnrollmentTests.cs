using System.Security.Cryptography;
using System.Text;
using ObjectStack.Plugins.Auth.TwoFactor;

namespace ObjectStack.Plugins.Auth.Tests.TwoFactor;

/// <summary>The <c>otpauth://</c> key URI (exact text, percent-encoding, refused labels) and its QR code PNG.</summary>
[TestFixture]
public sealed class TotpEnrollmentTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Test]
    public void BuildUri_IssuerWithSpaceAndEmailAccount_IsTheKeyUriFormat()
    {
        var uri = TotpEnrollment.BuildUri("ACME Co", "john.doe@example.com", Secret, new Totp());

        Assert.That(uri, Is.EqualTo(
            "otpauth://totp/ACME%20Co:john.doe%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30"));
    }

    [Test]
    public void BuildUri_OtherParameters_AreWrittenAsConfigured()
    {
        var uri = TotpEnrollment.BuildUri("ACME", "jane", Secret, new Totp(HashAlgorithmName.SHA256, 8, 60));

        Assert.That(uri, Is.EqualTo(
            "otpauth://totp/ACME:jane?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=ACME&algorithm=SHA256&digits=8&period=60"));
    }

    [Test]
    public void BuildUri_ReservedAndNonAsciiCharacters_ArePercentEncodedAsUtf8()
    {
        var uri = TotpEnrollment.BuildUri("Über & Co", "a+b/c?d#e f", Secret, new Totp());

        Assert.That(uri, Is.EqualTo(
            "otpauth://totp/%C3%9Cber%20%26%20Co:a%2Bb%2Fc%3Fd%23e%20f?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%C3%9Cber%20%26%20Co&algorithm=SHA1&digits=6&period=30"));
    }

    [Test]
    public void BuildUri_Parsed_GivesBackIssuerAccountAndSecret()
    {
        var secret = Totp.NewSecret();
        var uri = new Uri(TotpEnrollment.BuildUri("ACME Co", "john.doe@example.com", secret, new Totp()));
        var query = uri.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

        Assert.Multiple(() =>
        {
            Assert.That(uri.Scheme, Is.EqualTo("otpauth"));
            Assert.That(uri.Host, Is.EqualTo("totp"));
            Assert.That(Uri.UnescapeDataString(uri.AbsolutePath), Is.EqualTo("/ACME Co:john.doe@example.com"));
            Assert.That(query["issuer"], Is.EqualTo("ACME Co"));
            Assert.That(Base32.Decode(query["secret"]), Is.EqualTo(secret));
        });
    }

    [TestCase("ACME:Co", "john")]
    [TestCase("ACME", "john:doe")]
    [TestCase("", "john")]
    [TestCase("ACME", " ")]
    public void BuildUri_ColonOrBlankInLabel_ThrowsArgumentException(string issuer, string account)
    {
        Assert.That(() => TotpEnrollment.BuildUri(issuer, account, Secret, new Totp()), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public void BuildUri_EmptySecret_ThrowsArgumentException()
    {
        Assert.That(() => TotpEnrollment.BuildUri("ACME", "john", [], new Totp()), Throws.ArgumentException);
    }

    [Test]
    public void ToQrCodePngDataUri_KeyUri_IsPngDataUri()
    {
        var uri = TotpEnrollment.BuildUri("ACME Co", "john.doe@example.com", Secret, new Totp());

        var dataUri = TotpEnrollment.ToQrCodePngDataUri(uri);

        Assert.That(dataUri, Does.StartWith("data:image/png;base64,"));
        var png = Convert.FromBase64String(dataUri["data:image/png;base64,".Length..]);
        Assert.Multiple(() =>
        {
            Assert.That(png, Has.Length.GreaterThan(PngSignature.Length));
            Assert.That(png.Take(PngSignature.Length), Is.EqualTo(PngSignature));
        });
    }

    [Test]
    public void ToQrCodePngDataUri_DifferentContent_GivesDifferentImage()
    {
        var first = TotpEnrollment.ToQrCodePngDataUri("otpauth://totp/A:a?secret=GEZDGNBV");
        var second = TotpEnrollment.ToQrCodePngDataUri("otpauth://totp/B:b?secret=GEZDGNBV");

        Assert.That(first, Is.Not.EqualTo(second));
    }

    [Test]
    public void ToQrCodePngDataUri_Empty_ThrowsArgumentException()
    {
        Assert.That(() => TotpEnrollment.ToQrCodePngDataUri(""), Throws.ArgumentException);
    }
}
