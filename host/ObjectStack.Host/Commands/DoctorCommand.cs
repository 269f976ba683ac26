using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Host.Commands.Doctor;

namespace ObjectStack.Host.Commands;

/// <summary>
/// <c>os doctor [--json]</c> checks the deployment against the go-live checklist and prints ok, warn or error for
/// each item with a fix; it exits 1 when any item is an error. Today it checks the configuration and plugin set (by
/// composing them, as <c>os serve</c> would) and the database (TLS step, reachability).
/// </summary>
internal static class DoctorCommand
{
    /// <summary>Creates <c>os doctor</c>.</summary>
    public static Command Create(Func<string, string?> environment)
    {
        var config = CommonOptions.Config();
        var pluginsPath = CommonOptions.PluginsPath();
        var json = new Option<bool>("--json") { Description = "Print the findings as one JSON document." };
        var command = new Command("doctor", "Check the deployment against the go-live checklist; exits 1 when something must be fixed.") { config, pluginsPath, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var settings = HostSettings.Resolve(parseResult.GetValue(config), parseResult.GetValue(pluginsPath) ?? [], null, null, environment);
                await using var app = ServeCommand.Build(settings with { LogLevel = Microsoft.Extensions.Logging.LogLevel.Critical });
                var findings = await DatabaseChecks.RunAsync(
                    [.. app.Services.GetServices<IDataDriver>()], app.Services.GetRequiredService<IHostEnvironment>(), cancellationToken).ConfigureAwait(false);
                Print(findings, parseResult.GetValue(json), output);
                return findings.Any(f => f.Status == DoctorStatus.Error) ? ExitCodes.Failure : ExitCodes.Success;
            }
            catch (Exception ex) when (FailureReporter.TryReport(ex, error) is { } code)
            {
                return code;
            }
        });
        return command;
    }

    private static void Print(IReadOnlyList<DoctorFinding> findings, bool json, TextWriter output)
    {
        if (json)
        {
            var document = new JsonObject
            {
                ["checks"] = new JsonArray([.. findings.Select(f => new JsonObject
                {
                    ["check"] = f.Check,
                    ["status"] = Name(f.Status),
                    ["message"] = f.Message,
                    ["fix"] = f.Fix,
                })]),
                ["ok"] = findings.Count(f => f.Status == DoctorStatus.Ok),
                ["warn"] = findings.Count(f => f.Status == DoctorStatus.Warn),
                ["error"] = findings.Count(f => f.Status == DoctorStatus.Error),
            };
            output.WriteLine(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        foreach (var finding in findings)
        {
            output.WriteLine($"{Name(finding.Status),-5} {finding.Check}: {finding.Message}");
            if (finding.Fix is { } fix)
            {
                output.WriteLine($"      fix: {fix}");
            }
        }

        output.WriteLine($"{findings.Count(f => f.Status == DoctorStatus.Ok)} ok, {findings.Count(f => f.Status == DoctorStatus.Warn)} warn, {findings.Count(f => f.Status == DoctorStatus.Error)} error");
    }

    private static string Name(DoctorStatus status) => status.ToString().ToLowerInvariant();
}
