namespace ObjectStack.Host.Commands;

/// <summary>The exit codes of <c>os</c>; stable, documented in the README.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure, such as the port being in use.</summary>
    public const int Failure = 1;

    /// <summary>The command line is invalid.</summary>
    public const int Usage = 2;

    /// <summary>objectstack.json or the environment is invalid.</summary>
    public const int InvalidConfiguration = 3;

    /// <summary>The plugin set cannot be composed (missing, broken, incompatible or cyclic); no plugin code ran.</summary>
    public const int PluginComposition = 4;

    /// <summary>A plugin failed while registering, mapping or starting.</summary>
    public const int PluginFailed = 5;

    /// <summary>The metadata needs destructive schema changes that were not allowed.</summary>
    public const int MigrationRefused = 6;

    /// <summary>A restore was refused: the file is not a backup of this driver, or the database holds records and --force was not given.</summary>
    public const int Refused = 7;
}
