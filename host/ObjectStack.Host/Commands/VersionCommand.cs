using System.CommandLine;
using System.Runtime.InteropServices;
using ObjectStack.Hosting;
using ObjectStack.Hosting.Composition;

namespace ObjectStack.Host.Commands;

/// <summary><c>os version</c>: the runtime, protocol, contracts and .NET versions.</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the versions of the runtime, the ObjectStack protocol, the plugin contracts and .NET.");
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine($"os {ObjectStackRuntime.Version}");
            output.WriteLine($"ObjectStack protocol {ObjectStackProtocol.Version}");
            output.WriteLine($"ObjectStack.Abstractions {PluginSetResolver.HostAbstractionsVersion}");
            output.WriteLine($"{RuntimeInformation.FrameworkDescription} ({RuntimeInformation.RuntimeIdentifier})");
            return ExitCodes.Success;
        });
        return command;
    }
}
