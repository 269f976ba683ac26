using System.Globalization;
using QRCoder;

namespace ObjectStack.Plugins.Auth.TwoFactor;

/// <summary>What a user scans or types to add a TOTP secret to an authenticator app: the <c>otpauth://</c> key URI
/// (Google Authenticator's key-uri format) and a QR code of it.</summary>
internal static class TotpEnrollment
{
    private const string PngDataUriPrefix = "data:image/png;base64,";
    private const int PixelsPerModule = 5;

    /// <summary>Builds <c>otpauth://totp/{issuer}:{account}?secret=…&amp;issuer=…&amp;algorithm=…&amp;digits=…&amp;period=…</c>.</summary>
    /// <param name="issuer">Who issues the secret, shown by the app (e.g. the application name).</param>
    /// <param name="accountName">The account within the issuer (e.g. the user's e-mail).</param>
    /// <param name="secret">The shared secret; not empty.</param>
    /// <param name="totp">The TOTP parameters the app must use.</param>
    /// <returns>The URI, with issuer and account percent-encoded (UTF-8) and the secret in unpadded base32.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The issuer or account is blank or holds a colon (the format forbids it,
    /// since the colon separates them in the label), or the secret is empty.</exception>
    public static string BuildUri(string issuer, string accountName, byte[] secret, Totp totp)
    {
        ValidateLabelPart(issuer, nameof(issuer));
        ValidateLabelPart(accountName, nameof(accountName));
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(totp);
        if (secret.Length == 0)
        {
            throw new ArgumentException("A TOTP secret must not be empty.", nameof(secret));
        }

        var encodedIssuer = Uri.EscapeDataString(issuer);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"otpauth://totp/{encodedIssuer}:{Uri.EscapeDataString(accountName)}?secret={Base32.Encode(secret)}&issuer={encodedIssuer}&algorithm={totp.Algorithm.Name}&digits={totp.Digits}&period={totp.PeriodSeconds}");
    }

    /// <summary>Renders <paramref name="content"/> (typically the URI from <see cref="BuildUri"/>) as a QR code in a
    /// PNG data URI, ready for an <c>img</c> element's <c>src</c>.</summary>
    /// <param name="content">The text to encode; not empty.</param>
    /// <returns><c>data:image/png;base64,…</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="content"/> is null or empty.</exception>
    public static string ToQrCodePngDataUri(string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(content);

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        using var png = new PngByteQRCode(data);
        return PngDataUriPrefix + Convert.ToBase64String(png.GetGraphic(PixelsPerModule));
    }

    private static void ValidateLabelPart(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("The issuer and account name must not contain a colon.", name);
        }
    }
}
