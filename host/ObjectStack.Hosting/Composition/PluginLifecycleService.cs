using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ObjectStack.Hosting.Composition;

/// <summary>
/// Starts the plugins' hosted services in plugin order and stops them in reverse. When one fails to start, the
/// ones already started are stopped in reverse and start-up fails naming the plugin.
/// </summary>
/// <remarks>
/// Plugins start once the server listens (<see cref="StartedAsync"/>), so during a slow start the process already
/// answers <c>/api/v1/health</c> while <c>/api/v1/ready</c> says 503. They stop after the server has drained its
/// requests (<see cref="StoppedAsync"/>), so in-flight requests still have every capability.
/// </remarks>
internal sealed partial class PluginLifecycleService(
    ObjectStackRuntime runtime,
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    ILogger<PluginLifecycleService> logger) : IHostedLifecycleService
{
    private readonly List<(LoadedPlugin Plugin, IHostedService Service)> _started = [];

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => runtime.TrySetState(RuntimeState.Starting, RuntimeState.Ready));
        lifetime.ApplicationStopping.Register(() => runtime.SetState(RuntimeState.Stopping));
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        LogPlan();
        foreach (var plugin in runtime.Plugins)
        {
            try
            {
                foreach (var descriptor in plugin.HostedServices)
                {
                    var service = CreateInContext(plugin, descriptor);
                    await plugin.RunInContextAsync(() => service.StartAsync(cancellationToken)).ConfigureAwait(false);
                    _started.Add((plugin, service));
                }
            }
            catch (Exception ex)
            {
                LogStartFailed(plugin.Manifest.Id, ex.Message);
                runtime.SetState(RuntimeState.Stopped);
                await StopStartedAsync(CancellationToken.None).ConfigureAwait(false);
                throw new PluginActivationException(plugin.Manifest.Id, "failed to start: " + ex.Message, ex);
            }

            LogPluginStarted(plugin.Manifest.Id, plugin.Manifest.Version, plugin.LoadContext.Name ?? "default");
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        runtime.SetState(RuntimeState.Stopping);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await StopStartedAsync(cancellationToken).ConfigureAwait(false);
        runtime.SetState(RuntimeState.Stopped);
    }

    private async Task StopStartedAsync(CancellationToken cancellationToken)
    {
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            var (plugin, service) = _started[i];
            try
            {
                await plugin.RunInContextAsync(() => service.StopAsync(cancellationToken)).ConfigureAwait(false);
                LogPluginStopped(plugin.Manifest.Id);
            }
            catch (Exception ex)
            {
                LogStopFailed(plugin.Manifest.Id, ex.Message);
            }
        }

        _started.Clear();
    }

    private IHostedService CreateInContext(LoadedPlugin plugin, ServiceDescriptor descriptor)
    {
        IHostedService? service = null;
        plugin.RunInContext(() => service = Create(descriptor));
        return service!;
    }

    private IHostedService Create(ServiceDescriptor descriptor) => descriptor switch
    {
        { ImplementationInstance: IHostedService instance } => instance,
        { ImplementationFactory: { } factory } => (IHostedService)factory(services),
        { ImplementationType: { } type } => (IHostedService)ActivatorUtilities.CreateInstance(services, type),
        _ => throw new InvalidOperationException($"The hosted service registration {descriptor} cannot be created."),
    };

    private void LogPlan()
    {
        foreach (var planned in runtime.Plan.Plugins.Where(p => p.AddedAutomatically))
        {
            LogPluginAdded(planned.Candidate.Manifest.Id, planned.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Reason}.")]
    private partial void LogPluginAdded(string pluginId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} {Version} started (load context {LoadContext}).")]
    private partial void LogPluginStarted(string pluginId, string version, string loadContext);

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin {PluginId} stopped.")]
    private partial void LogPluginStopped(string pluginId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Plugin {PluginId} failed to start: {Cause}. Stopping the plugins already started.")]
    private partial void LogStartFailed(string pluginId, string cause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin {PluginId} failed to stop cleanly: {Cause}.")]
    private partial void LogStopFailed(string pluginId, string cause);
}
