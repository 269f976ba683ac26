namespace ObjectStack.Plugins.Auth;

/// <summary>How long sessions last, in seconds (better-auth's names).</summary>
public sealed class AuthSessionOptions
{
    /// <summary>Gets or sets the idle timeout: a session unused for this long expires. Default 7 days.</summary>
    public int ExpiresIn { get; set; } = 604_800;

    /// <summary>Gets or sets how often use slides the idle timeout forward (at most one write per session per
    /// period). Default 24 hours.</summary>
    public int UpdateAge { get; set; } = 86_400;

    /// <summary>Gets or sets the absolute maximum: no session outlives this, however active. Default 30 days.</summary>
    public int AbsoluteMaxAge { get; set; } = 2_592_000;
}
