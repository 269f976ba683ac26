using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ObjectStack.Plugins.Auth.Secrets;

/// <summary>
/// The root secret every auth key derives from: <c>OS_AUTH_SECRET</c>, at least 32 bytes. Outside Development the
/// process refuses to start without one. In Development a random secret is made for this run (sessions end with the
/// process), and <see cref="IsEphemeral"/> says so for a warning.
/// </summary>
internal sealed class AuthSecret
{
    /// <summary>The environment variable.</summary>
    public const string Variable = "OS_AUTH_SECRET";

    /// <summary>The fewest bytes accepted.</summary>
    public const int MinimumBytes = 32;

    private AuthSecret(byte[] value, bool ephemeral)
    {
        Value = value;
        IsEphemeral = ephemeral;
    }

    /// <summary>Gets the secret's bytes (UTF-8 of the variable's value).</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>Gets a value indicating whether the secret was generated for this run.</summary>
    public bool IsEphemeral { get; }

    /// <summary>Reads the secret from configuration (the environment).</summary>
    /// <param name="configuration">The application configuration.</param>
    /// <param name="environment">The host environment.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="InvalidOperationException">The secret is missing or short outside Development, or short in
    /// Development. The message names the variable, never its value.</exception>
    public static AuthSecret From(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var text = configuration[Variable];
        if (string.IsNullOrEmpty(text))
        {
            return environment.IsDevelopment()
                ? new AuthSecret(RandomNumberGenerator.GetBytes(MinimumBytes), ephemeral: true)
                : throw new InvalidOperationException(
                    $"{Variable} is not set. Outside Development the auth plugin needs a random secret of at least {MinimumBytes} bytes "
                    + "(for example: openssl rand -base64 48), kept in a secret store and set in the environment.");
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return bytes.Length >= MinimumBytes
            ? new AuthSecret(bytes, ephemeral: false)
            : throw new InvalidOperationException(
                $"{Variable} is {bytes.Length} bytes long; it must be at least {MinimumBytes} random bytes (for example: openssl rand -base64 48).");
    }
}
