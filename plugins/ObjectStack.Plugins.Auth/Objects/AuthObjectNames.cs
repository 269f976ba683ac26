namespace ObjectStack.Plugins.Auth.Objects;

/// <summary>The names of the objects the auth plugin contributes.</summary>
internal static class AuthObjectNames
{
    public const string User = "sys_user";
    public const string Session = "sys_session";
    public const string Account = "sys_account";
    public const string Verification = "sys_verification";
    public const string Organization = "sys_organization";
    public const string Member = "sys_member";
    public const string Invitation = "sys_invitation";
    public const string TwoFactor = "sys_two_factor";
    public const string ApiKey = "sys_api_key";
    public const string DeviceCode = "sys_device_code";

    /// <summary>Gets every object name, in dependency order.</summary>
    public static IReadOnlyList<string> All { get; } = [User, Organization, Session, Account, Verification, Member, Invitation, TwoFactor, ApiKey, DeviceCode];
}
