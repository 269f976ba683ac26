using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Interceptors;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Plugins.Auth;
using ObjectStack.Plugins.Auth.Accounts;
using ObjectStack.Plugins.Auth.Objects;
using ObjectStack.Plugins.Auth.Passwords;
using ObjectStack.Plugins.Auth.Secrets;
using ObjectStack.Plugins.Auth.Sessions;

#pragma warning disable IDE0130 // Extension methods live in the namespace of the type they extend.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the auth capability for embedders.</summary>
public static class AuthServiceCollectionExtensions
{
    /// <summary>
    /// Registers identity: the <c>sys_*</c> identity objects, password accounts, sessions and the identity resolver.
    /// Map the routes with the plugin (<c>objectstack.auth</c>) or <see cref="AuthPlugin"/>. Calling it again is a no-op.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The options.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static IServiceCollection AddObjectStackAuth(this IServiceCollection services, AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("invalid options: " + string.Join(" ", problems), nameof(options));
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => AuthSecret.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.TryAddSingleton(sp => new TokenDigests(sp.GetRequiredService<AuthSecret>()));
        services.TryAddSingleton(_ => new PasswordHasher(options.Password.Iterations));
        services.TryAddSingleton(_ => new PasswordHashingGate(
            options.Password.HashConcurrency > 0 ? options.Password.HashConcurrency : Environment.ProcessorCount,
            TimeSpan.FromSeconds(options.Password.HashQueueSeconds)));
        services.TryAddSingleton(_ => new PasswordPolicy(CommonPasswords.Shared, options.Password.MinLength));
        services.TryAddSingleton<SessionCache>();
        services.TryAddSingleton(sp => new SessionStore(
            sp.GetRequiredService<IDataEngine>(),
            sp.GetRequiredService<SessionCache>(),
            sp.GetRequiredService<TokenDigests>(),
            options,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new AccountService(
            sp.GetRequiredService<IDataEngine>(),
            sp.GetRequiredService<PasswordHasher>(),
            sp.GetRequiredService<PasswordHashingGate>(),
            sp.GetRequiredService<PasswordPolicy>(),
            options,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IObjectSource, AuthObjects>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRecordInterceptor, SessionCacheInterceptor>(sp => new SessionCacheInterceptor(sp.GetRequiredService<SessionCache>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IIdentityResolver, AuthIdentityResolver>(sp => new AuthIdentityResolver(sp.GetRequiredService<SessionStore>())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuthStartup>());
        return services;
    }
}
