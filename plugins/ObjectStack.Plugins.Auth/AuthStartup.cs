using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ObjectStack.Plugins.Auth.Secrets;

namespace ObjectStack.Plugins.Auth;

/// <summary>Checks the auth secret when the host starts, so a missing or short <c>OS_AUTH_SECRET</c> stops the boot
/// with its message instead of failing the first sign-in.</summary>
internal sealed partial class AuthStartup(IServiceProvider services, ILogger<AuthStartup> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var secret = (AuthSecret)services.GetService(typeof(AuthSecret))!;
        if (secret.IsEphemeral)
        {
            LogEphemeral(AuthSecret.Variable);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Auth: {Variable} is not set; sessions are signed with a random key made for this run and end when the process stops. Set it (32+ random bytes) before going live.")]
    private partial void LogEphemeral(string variable);
}
