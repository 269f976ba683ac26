using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Capabilities;
using ObjectStack.Abstractions.Plugins;
using ObjectStack.Plugins.Auth.Endpoints;

[assembly: ObjectStackPlugin(
    typeof(ObjectStack.Plugins.Auth.AuthPlugin),
    "objectstack.auth",
    Provides = [CapabilityIds.Auth],
    Description = "Identity: accounts, sessions, API keys, tokens, MFA and federation.")]

namespace ObjectStack.Plugins.Auth;

/// <summary>The entry of the <c>objectstack.auth</c> plugin: identity objects, accounts, sessions and the
/// better-auth routes under <c>/api/v1/auth</c>.</summary>
public sealed class AuthPlugin : ObjectStackPlugin
{
    /// <inheritdoc />
    public override void ConfigureServices(PluginServiceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var unknown = UnknownKeys(context.Configuration).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"unknown option(s) {string.Join(", ", unknown.Select(k => $"'{k}'"))}; the options are {string.Join(", ", AuthOptions.Keys.SelectMany(k => k.Value.Count == 0 ? [k.Key] : k.Value.Select(v => $"{k.Key}.{v}")).Select(k => $"'{k}'"))}.");
        }

        var options = new AuthOptions();
        context.Configuration.Bind(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }

        context.Services.AddObjectStackAuth(options);
    }

    /// <inheritdoc />
    public override void MapEndpoints(PluginEndpointContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        AuthEndpoints.Map(context.Api.MapGroup("/auth"));
        context.AddDiscoveryRoute("auth", "/auth");
    }

    private static IEnumerable<string> UnknownKeys(IConfiguration configuration)
    {
        foreach (var section in configuration.GetChildren())
        {
            if (!AuthOptions.Keys.TryGetValue(section.Key, out var children))
            {
                yield return section.Key;
                continue;
            }

            foreach (var child in section.GetChildren().Where(c => !children.Contains(c.Key, StringComparer.Ordinal)))
            {
                yield return $"{section.Key}.{child.Key}";
            }
        }
    }
}
