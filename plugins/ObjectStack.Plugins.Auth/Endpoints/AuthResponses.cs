using ObjectStack.Plugins.Auth.Sessions;

namespace ObjectStack.Plugins.Auth.Endpoints;

/// <summary>The shapes better-auth answers with (camelCase), built from records so that no stored secret can leak.</summary>
internal static class AuthResponses
{
    /// <summary>The public view of a <c>sys_user</c> record.</summary>
    public static Dictionary<string, object?> User(IReadOnlyDictionary<string, object?> user) => new(StringComparer.Ordinal)
    {
        ["id"] = user["id"],
        ["email"] = user["email"],
        ["name"] = user["name"],
        ["image"] = user.GetValueOrDefault("image"),
        ["emailVerified"] = user.GetValueOrDefault("email_verified") is true,
        ["role"] = user.GetValueOrDefault("role"),
        ["twoFactorEnabled"] = user.GetValueOrDefault("two_factor_enabled") is true,
        ["createdAt"] = user["created_at"],
        ["updatedAt"] = user["updated_at"],
    };

    /// <summary>A session as <c>get-session</c> and <c>list-sessions</c> show it.</summary>
    public static Dictionary<string, object?> Session(SessionInfo session, string? token) => new(StringComparer.Ordinal)
    {
        ["id"] = session.Id,
        ["userId"] = session.UserId,
        ["token"] = token,
        ["expiresAt"] = session.ExpiresAt,
        ["createdAt"] = session.CreatedAt,
        ["updatedAt"] = session.LastActivityAt,
        ["ipAddress"] = session.IpAddress,
        ["userAgent"] = session.UserAgent,
        ["activeOrganizationId"] = session.ActiveOrganizationId,
    };
}
