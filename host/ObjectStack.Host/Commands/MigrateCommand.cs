using System.CommandLine;
using ObjectStack.Hosting.Schema;

namespace ObjectStack.Host.Commands;

/// <summary>
/// <c>os migrate plan</c> prints the schema changes the metadata needs; <c>os migrate apply</c> applies them, refusing
/// destructive ones (type changes, column and table drops) unless <c>--allow-destructive</c> is given.
/// </summary>
internal static class MigrateCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(Func<string, string?> environment)
    {
        var command = new Command("migrate", "Plan or apply the database schema changes the metadata needs.");
        command.Subcommands.Add(Plan(environment));
        command.Subcommands.Add(Apply(environment));
        return command;
    }

    private static Command Plan(Func<string, string?> environment)
    {
        var config = CommonOptions.Config();
        var pluginsPath = CommonOptions.PluginsPath();
        var command = new Command("plan", "Print the schema changes the metadata needs, without changing anything.") { config, pluginsPath };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, config, pluginsPath, environment, async (migrator, output) =>
        {
            var plan = await migrator.PlanAsync(cancellationToken).ConfigureAwait(false);
            Print(output, migrator.DriverName, plan, applied: false);
            if (plan.Destructive.Count > 0)
            {
                output.WriteLine($"{plan.Destructive.Count} change(s) can lose data; back up the database, then run 'os migrate apply --allow-destructive'.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Apply(Func<string, string?> environment)
    {
        var config = CommonOptions.Config();
        var pluginsPath = CommonOptions.PluginsPath();
        var allowDestructive = new Option<bool>("--allow-destructive")
        {
            Description = "Also apply changes that can lose data: column type changes, column drops, table drops.",
        };
        var command = new Command("apply", "Apply the schema changes the metadata needs.") { config, pluginsPath, allowDestructive };
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, config, pluginsPath, environment, async (migrator, output) =>
        {
            var plan = await migrator.ApplyAsync(parseResult.GetValue(allowDestructive), cancellationToken).ConfigureAwait(false);
            Print(output, migrator.DriverName, plan, applied: true);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parseResult,
        Option<string?> config,
        Option<string[]> pluginsPath,
        Func<string, string?> environment,
        Func<SchemaMigrator, TextWriter, Task<int>> action)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var settings = HostSettings.Resolve(parseResult.GetValue(config), parseResult.GetValue(pluginsPath) ?? [], null, null, environment);
            await using var app = ServeCommand.Build(settings with { LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning });
            return await action(app.Services.GetRequiredService<SchemaMigrator>(), output).ConfigureAwait(false);
        }
        catch (Exception ex) when (FailureReporter.TryReport(ex, error) is { } code)
        {
            return code;
        }
    }

    private static void Print(TextWriter output, string driver, SchemaPlan plan, bool applied)
    {
        if (plan.IsEmpty)
        {
            output.WriteLine($"The {driver} database matches the metadata; nothing to do.");
            return;
        }

        output.WriteLine(applied
            ? $"Applied {plan.Changes.Count} schema change(s) to the {driver} database:"
            : $"The {driver} database needs {plan.Changes.Count} schema change(s):");
        foreach (var change in plan.Changes)
        {
            output.WriteLine($"  {(change.IsDestructive ? "!" : "+")} {change.Description}{(change.IsDestructive ? "  (destructive)" : string.Empty)}");
        }
    }

}
