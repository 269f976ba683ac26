using System.CommandLine;

namespace ObjectStack.Host.Commands;

/// <summary>The <c>os</c> command line.</summary>
internal static class CommandLine
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, Func<string, string?>? environment = null)
    {
        var root = Build(environment ?? Environment.GetEnvironmentVariable);
        var result = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // The web host handles SIGINT/SIGTERM itself and shuts down gracefully.
            ProcessTerminationTimeout = null,
        };
        var exitCode = await result.InvokeAsync(configuration).ConfigureAwait(false);
        return result.Errors.Count > 0 ? ExitCodes.Usage : exitCode;
    }

    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build(Func<string, string?> environment)
    {
        var root = new RootCommand("ObjectStack for .NET: a self-hosted runtime for metadata-defined business apps.");
        root.Subcommands.Add(ServeCommand.Create(environment));
        root.Subcommands.Add(ValidateCommand.Create(environment));
        root.Subcommands.Add(PluginsCommand.Create(environment));
        root.Subcommands.Add(MigrateCommand.Create(environment));
        root.Subcommands.Add(BackupCommand.CreateBackup(environment));
        root.Subcommands.Add(BackupCommand.CreateRestore(environment));
        root.Subcommands.Add(DoctorCommand.Create(environment));
        root.Subcommands.Add(VersionCommand.Create());
        return root;
    }
}
