namespace ObjectStack.Plugins.Auth.Secrets;

/// <summary>What a token is for. Each purpose has its own key, so a digest made for one never matches another.</summary>
internal enum TokenPurpose
{
    /// <summary>A session token.</summary>
    Session,

    /// <summary>An API key.</summary>
    ApiKey,

    /// <summary>A single-use verification token (reset, e-mail verification, magic link).</summary>
    Verification,

    /// <summary>A device-flow code.</summary>
    Device,

    /// <summary>A two-factor backup code.</summary>
    BackupCode,
}
