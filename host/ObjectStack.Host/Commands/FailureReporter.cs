using ObjectStack.Hosting.Composition;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Host.Commands;

/// <summary>Turns the runtime's known failures into a message on standard error and an exit code.</summary>
internal static class FailureReporter
{
    /// <summary>Reports <paramref name="exception"/> when it is a known failure; returns null otherwise.</summary>
    public static int? TryReport(Exception exception, TextWriter error)
    {
        switch (exception)
        {
            case ObjectStackConfigurationException configuration:
                error.WriteLine($"error: {configuration.Message}");
                return ExitCodes.InvalidConfiguration;
            case PluginCompositionException composition:
                error.WriteLine($"error: {composition.Message}");
                error.WriteLine("No plugin code was run.");
                return ExitCodes.PluginComposition;
            case PluginActivationException activation:
                error.WriteLine($"error: {activation.Message}");
                return ExitCodes.PluginFailed;
            case ObjectStack.Hosting.Schema.SchemaMigrationException migration:
                error.WriteLine($"error: {migration.Message}");
                return ExitCodes.MigrationRefused;
            case ObjectStack.Abstractions.Data.DataOperationException data when data.Code == ObjectStack.Abstractions.Data.DataErrorCode.Unavailable:
                error.WriteLine($"error: the database is unavailable: {data.Message}");
                return ExitCodes.Failure;
            case Microsoft.Extensions.Options.OptionsValidationException options:
                error.WriteLine($"error: invalid options for {options.OptionsType.FullName}: {string.Join(" ", options.Failures)}");
                return ExitCodes.InvalidConfiguration;
            case IOException io when io.Message.Contains("bind to address", StringComparison.OrdinalIgnoreCase):
                error.WriteLine($"error: cannot listen: {io.Message}");
                return ExitCodes.Failure;
            default:
                return null;
        }
    }

    /// <summary>Reports any failure of a running host in one line; the log holds the details.</summary>
    public static int Report(Exception exception, TextWriter error)
    {
        if (TryReport(exception, error) is { } code)
        {
            return code;
        }

        error.WriteLine($"error: the host failed: {exception.GetType().Name}: {exception.Message}");
        return ExitCodes.Failure;
    }
}
