using Microsoft.Extensions.DependencyInjection.Extensions;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Drivers.Sqlite;

#pragma warning disable IDE0130 // Extension methods live in the namespace of the type they extend.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the SQLite datasource for embedders.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>Registers the SQLite driver as the datasource. Calling it again is a no-op.</summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The options; null for the defaults.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static IServiceCollection AddObjectStackSqlite(this IServiceCollection services, SqliteDriverOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        options ??= new SqliteDriverOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new ArgumentException("invalid options: " + string.Join(" ", problems), nameof(options));
        }

        services.TryAddSingleton(options);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDataDriver, SqliteDataDriver>());
        return services;
    }
}
