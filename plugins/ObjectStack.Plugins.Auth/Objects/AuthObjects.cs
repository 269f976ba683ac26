using ObjectStack.Abstractions.Metadata;

namespace ObjectStack.Plugins.Auth.Objects;

/// <summary>
/// The identity objects (<c>sys_*</c>), contributed as metadata so the engine migrates them on every driver. Secrets
/// — password hashes, token and key digests, TOTP secrets, backup-code digests — are <see cref="FieldDefinition.Internal"/>:
/// only the plugin's system-context code ever sees them. Credentials live in <c>sys_account</c>, one row per user and
/// provider (<c>credential</c> for passwords; later <c>oidc:*</c>, <c>ldap</c>, social providers), so federation adds
/// rows, not columns.
/// </summary>
internal sealed class AuthObjects : IObjectSource
{
    /// <inheritdoc />
    public IEnumerable<ObjectDefinition> GetObjects() =>
        [User, Organization, Session, Account, Verification, Member, Invitation, TwoFactor, ApiKey, DeviceCode];

    private static ObjectDefinition User => Platform(AuthObjectNames.User, "User", "name",
        Text("name", required: true, maxLength: 200),
        new FieldDefinition { Name = "email", Type = FieldType.Email, Required = true, Unique = true, UniqueGlobal = true, MaxLength = 320 },
        Flag("email_verified"),
        new FieldDefinition { Name = "image", Type = FieldType.Url, MaxLength = 2000 },
        Choice("role", "user", "user", "admin"),
        Flag("banned"),
        Text("ban_reason", maxLength: 500),
        Count("failed_login_count"),
        Instant("locked_until"),
        Instant("password_changed_at"),
        Instant("last_login_at"),
        Flag("two_factor_enabled"));

    private static ObjectDefinition Organization => Platform(AuthObjectNames.Organization, "Organization", "name",
        Text("name", required: true, maxLength: 200),
        new FieldDefinition { Name = "slug", Type = FieldType.Text, Required = true, Unique = true, UniqueGlobal = true, MaxLength = 100 },
        new FieldDefinition { Name = "logo", Type = FieldType.Url, MaxLength = 2000 },
        new FieldDefinition { Name = "metadata", Type = FieldType.Json });

    private static ObjectDefinition Session => Platform(AuthObjectNames.Session, "Session", null,
        Owner("user_id"),
        Secret("token_hash", unique: true),
        Instant("expires_at"),
        Instant("absolute_expires_at"),
        Instant("last_activity_at"),
        Instant("revoked_at"),
        Text("revoke_reason", maxLength: 200),
        Lookup("active_organization_id", AuthObjectNames.Organization),
        Text("ip_address", maxLength: 64),
        Text("user_agent", maxLength: 500),
        Lookup("impersonated_by", AuthObjectNames.User)) with
    {
        Indexes = [new IndexDefinition { Name = "sys_session_user", Fields = ["user_id", "revoked_at"] }],
    };

    private static ObjectDefinition Account => Platform(AuthObjectNames.Account, "Account", null,
        Owner("user_id"),
        Text("provider_id", required: true, maxLength: 100),
        Text("account_id", required: true, maxLength: 300),
        Secret("password_hash"),
        Secret("access_token"),
        Secret("refresh_token"),
        Secret("id_token"),
        Instant("access_token_expires_at"),
        Text("scope", maxLength: 1000)) with
    {
        Indexes = [new IndexDefinition { Name = "sys_account_provider", Fields = ["provider_id", "account_id"], Unique = true }],
    };

    private static ObjectDefinition Verification => Platform(AuthObjectNames.Verification, "Verification", null,
        Choice("purpose", null, "email_verification", "password_reset", "magic_link", "two_factor", "email_change") with { Required = true },
        Text("identifier", required: true, maxLength: 320),
        Secret("value_hash", unique: true),
        Lookup("user_id", AuthObjectNames.User, DeleteBehavior.Cascade),
        Instant("expires_at"),
        Instant("consumed_at"),
        Count("attempts"),
        new FieldDefinition { Name = "data", Type = FieldType.Json, Internal = true }) with
    {
        Indexes = [new IndexDefinition { Name = "sys_verification_identifier", Fields = ["purpose", "identifier"] }],
    };

    private static ObjectDefinition Member => Scoped(AuthObjectNames.Member, "Member",
        Owner("user_id"),
        Choice("role", "member", "owner", "admin", "member")) with
    {
        Indexes = [new IndexDefinition { Name = "sys_member_user", Fields = ["organization_id", "user_id"], Unique = true }],
    };

    private static ObjectDefinition Invitation => Scoped(AuthObjectNames.Invitation, "Invitation",
        new FieldDefinition { Name = "email", Type = FieldType.Email, Required = true, MaxLength = 320 },
        Choice("role", "member", "owner", "admin", "member"),
        Choice("status", "pending", "pending", "accepted", "rejected", "canceled"),
        Lookup("inviter_id", AuthObjectNames.User),
        Instant("expires_at"));

    private static ObjectDefinition TwoFactor => Platform(AuthObjectNames.TwoFactor, "Two-factor method", null,
        Owner("user_id") with { Unique = true, UniqueGlobal = true },
        Secret("secret"),
        new FieldDefinition { Name = "backup_codes", Type = FieldType.Json, Internal = true },
        Flag("verified"),
        Count("failed_verification_count"),
        Instant("locked_until"),
        new FieldDefinition { Name = "last_used_step", Type = FieldType.Number, Scale = 0, Internal = true });

    private static ObjectDefinition ApiKey => Scoped(AuthObjectNames.ApiKey, "API key",
        Text("name", required: true, maxLength: 200),
        Text("prefix", maxLength: 20),
        Secret("key_hash", unique: true),
        Owner("user_id"),
        new FieldDefinition { Name = "scopes", Type = FieldType.Json },
        Instant("expires_at"),
        Instant("last_used_at"),
        Instant("revoked_at")) with
    {
        NameField = "name",
    };

    private static ObjectDefinition DeviceCode => Platform(AuthObjectNames.DeviceCode, "Device code", null,
        Secret("device_code_hash", unique: true),
        Secret("user_code_hash", unique: true),
        Text("client_id", maxLength: 200),
        Text("scope", maxLength: 1000),
        Choice("status", "pending", "pending", "approved", "denied", "consumed"),
        Lookup("user_id", AuthObjectNames.User, DeleteBehavior.Cascade),
        Instant("expires_at"),
        Instant("last_polled_at"),
        new FieldDefinition { Name = "interval_seconds", Type = FieldType.Number, Scale = 0 });

    private static ObjectDefinition Platform(string name, string label, string? nameField, params FieldDefinition[] fields) => new()
    {
        Name = name,
        Label = label,
        IsSystem = true,
        OrganizationScoped = false,
        NameField = nameField,
        Fields = fields,
    };

    private static ObjectDefinition Scoped(string name, string label, params FieldDefinition[] fields) =>
        Platform(name, label, null, fields) with { OrganizationScoped = true };

    private static FieldDefinition Text(string name, bool required = false, int? maxLength = null) =>
        new() { Name = name, Type = FieldType.Text, Required = required, MaxLength = maxLength };

    private static FieldDefinition Secret(string name, bool unique = false) =>
        new() { Name = name, Type = FieldType.Text, Internal = true, Unique = unique, UniqueGlobal = unique, MaxLength = 4000 };

    private static FieldDefinition Flag(string name) => new() { Name = name, Type = FieldType.Boolean, DefaultValue = false };

    private static FieldDefinition Count(string name) => new() { Name = name, Type = FieldType.Number, Scale = 0, DefaultValue = 0m };

    private static FieldDefinition Instant(string name) => new() { Name = name, Type = FieldType.DateTime };

    private static FieldDefinition Owner(string name) =>
        new() { Name = name, Type = FieldType.Lookup, Reference = AuthObjectNames.User, Required = true, DeleteBehavior = DeleteBehavior.Cascade };

    private static FieldDefinition Lookup(string name, string target, DeleteBehavior onDelete = DeleteBehavior.SetNull) =>
        new() { Name = name, Type = FieldType.Lookup, Reference = target, DeleteBehavior = onDelete };

    private static FieldDefinition Choice(string name, string? fallback, params string[] values) => new()
    {
        Name = name,
        Type = FieldType.Select,
        DefaultValue = fallback,
        Options = [.. values.Distinct(StringComparer.Ordinal).Select(v => new SelectOption { Value = v, Label = v })],
    };
}
