using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ObjectStack.Plugins.Auth.Secrets;

/// <summary>
/// Keyed digests of bearer secrets (session tokens, API keys, one-time codes): HMAC-SHA256 under a per-purpose key
/// that HKDF-SHA256 derives from <see cref="AuthSecret"/>. Only digests are stored, so a copy of the database yields
/// no usable token, and without the secret not even a guessing oracle.
/// </summary>
internal sealed class TokenDigests
{
    private static readonly byte[] Salt = "objectstack-auth-v1"u8.ToArray();
    private readonly Dictionary<TokenPurpose, byte[]> _keys;

    /// <summary>Derives the keys.</summary>
    /// <param name="secret">The root secret.</param>
    public TokenDigests(AuthSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _keys = Enum.GetValues<TokenPurpose>().ToDictionary(
            purpose => purpose,
            purpose => HKDF.DeriveKey(HashAlgorithmName.SHA256, secret.Value.ToArray(), 32, Salt, Encoding.ASCII.GetBytes("token:" + purpose)));
    }

    /// <summary>Returns the digest of <paramref name="token"/> for <paramref name="purpose"/>, as base64url text.</summary>
    /// <param name="purpose">What the token is for.</param>
    /// <param name="token">The token as the client presents it.</param>
    /// <returns>The digest to store or look up.</returns>
    public string Digest(TokenPurpose purpose, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_keys[purpose], Encoding.UTF8.GetBytes(token), mac);
        return Base64Url.EncodeToString(mac);
    }

    /// <summary>Makes a new token of <paramref name="bytes"/> random bytes, as base64url text.</summary>
    /// <param name="bytes">The entropy; 32 bytes (256 bits) unless a format says otherwise.</param>
    /// <returns>The token.</returns>
    public static string NewToken(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
