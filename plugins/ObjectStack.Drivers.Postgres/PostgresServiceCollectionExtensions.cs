using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Drivers.Postgres;

#pragma warning disable IDE0130 // Extension methods live in the namespace of the type they extend.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the PostgreSQL datasource for embedders.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>Registers the PostgreSQL driver as the datasource. Calling it again is a no-op.</summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The options, with <see cref="PostgresDriverOptions.Url"/> set.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem and never the password.</exception>
    public static IServiceCollection AddObjectStackPostgres(this IServiceCollection services, PostgresDriverOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("invalid options: " + string.Join(" ", problems), nameof(options));
        }

        services.TryAddSingleton(options);
        services.TryAddSingleton(sp => new PostgresDataDriver(sp.GetRequiredService<PostgresDriverOptions>(), sp.GetService<ILogger<PostgresDataDriver>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDataDriver, PostgresDataDriver>(sp => sp.GetRequiredService<PostgresDataDriver>()));
        return services;
    }
}
