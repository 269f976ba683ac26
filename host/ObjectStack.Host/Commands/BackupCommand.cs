using System.CommandLine;
using ObjectStack.Abstractions.Data.Drivers;

namespace ObjectStack.Host.Commands;

/// <summary>
/// <c>os backup --out FILE</c> writes a consistent backup of the configured database while it stays online;
/// <c>os restore FILE [--force]</c> replaces the database's tables with a backup's, refusing a database that holds
/// records unless forced. Both use the driver the configuration selects.
/// </summary>
internal static class BackupCommand
{
    /// <summary>Creates <c>os backup</c>.</summary>
    public static Command CreateBackup(Func<string, string?> environment)
    {
        var config = CommonOptions.Config();
        var pluginsPath = CommonOptions.PluginsPath();
        var output = new Option<string>("--out", "-o")
        {
            Description = "The backup file to write; it is replaced only once the backup is complete.",
            Required = true,
        };
        var command = new Command("backup", "Write a consistent backup of the database (online: servers may keep running).") { config, pluginsPath, output };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, config, pluginsPath, environment, async (backup, writer) =>
        {
            var path = parseResult.GetValue(output)!;
            var summary = await backup.BackupAsync(path, cancellationToken).ConfigureAwait(false);
            writer.WriteLine($"Backed up the {summary.Driver} database to {Path.GetFullPath(path)}: {Describe(summary)}.");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Creates <c>os restore</c>.</summary>
    public static Command CreateRestore(Func<string, string?> environment)
    {
        var config = CommonOptions.Config();
        var pluginsPath = CommonOptions.PluginsPath();
        var file = new Argument<string>("file") { Description = "A backup written by 'os backup' with the same driver." };
        var force = new Option<bool>("--force") { Description = "Restore even though the database holds records; they are replaced." };
        var command = new Command("restore", "Replace the database's tables with a backup's. Stop every server using the database first.") { config, pluginsPath, file, force };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, config, pluginsPath, environment, async (backup, writer) =>
        {
            var summary = await backup.RestoreAsync(parseResult.GetValue(file)!, parseResult.GetValue(force), cancellationToken).ConfigureAwait(false);
            writer.WriteLine($"Restored the {summary.Driver} database: {Describe(summary)}. The next 'os serve' applies any schema change the current metadata adds.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Describe(BackupSummary summary) =>
        $"{summary.Tables.Count} table(s), {summary.Rows} record(s), schema version {summary.SchemaVersion}";

    private static async Task<int> RunAsync(
        ParseResult parseResult,
        Option<string?> config,
        Option<string[]> pluginsPath,
        Func<string, string?> environment,
        Func<IDataBackup, TextWriter, Task<int>> action)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var settings = HostSettings.Resolve(parseResult.GetValue(config), parseResult.GetValue(pluginsPath) ?? [], null, null, environment);
            await using var app = ServeCommand.Build(settings with { LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
            var drivers = app.Services.GetServices<IDataDriver>().ToList();
            if (drivers.Count != 1 || drivers[0] is not IDataBackup backup)
            {
                error.WriteLine(drivers.Count == 1
                    ? $"error: the {drivers[0].Name} driver does not support backup and restore."
                    : "error: no data driver is enabled, so there is no database to back up or restore.");
                return ExitCodes.Failure;
            }

            return await action(backup, output).ConfigureAwait(false);
        }
        catch (ObjectStack.Abstractions.Data.DataOperationException ex) when (ex.Code == ObjectStack.Abstractions.Data.DataErrorCode.ValidationFailed)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Refused;
        }
        catch (Exception ex) when (FailureReporter.TryReport(ex, error) is { } code)
        {
            return code;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
    }
}
