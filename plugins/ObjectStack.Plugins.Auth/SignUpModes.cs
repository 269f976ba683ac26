namespace ObjectStack.Plugins.Auth;

/// <summary>Who may create an account once the platform admin exists.</summary>
public static class SignUpModes
{
    /// <summary>Anyone.</summary>
    public const string Open = "open";

    /// <summary>Only someone holding an invitation.</summary>
    public const string InviteOnly = "invite-only";

    /// <summary>Nobody; accounts are created by administrators.</summary>
    public const string Closed = "closed";

    /// <summary>Gets every mode.</summary>
    public static IReadOnlyList<string> All { get; } = [Open, InviteOnly, Closed];
}
