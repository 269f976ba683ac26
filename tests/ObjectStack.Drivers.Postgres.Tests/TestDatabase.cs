using Npgsql;

namespace ObjectStack.Drivers.Postgres.Tests;

/// <summary>
/// The PostgreSQL server the tests run against: <c>OS_TEST_DATABASE_URL</c>, an administrative URL that
/// build/test.sh exports after starting a throwaway cluster. Each test database is created and dropped here.
/// </summary>
internal static class TestDatabase
{
    public const string Variable = "OS_TEST_DATABASE_URL";

    /// <summary>Gets the administrative URL; fails the test (never skips it) when the server is not configured.</summary>
    public static string AdminUrl =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } url
            ? url
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests through build/test.sh, which starts a throwaway PostgreSQL, or start one with "
                + $"`build/services/postgres.sh start /tmp/os-pg 55432` and export {Variable}=postgres://postgres@127.0.0.1:55432/postgres.");

    /// <summary>Creates an empty database with a unique name and returns its URL.</summary>
    public static async Task<string> CreateAsync(CancellationToken cancellationToken = default)
    {
        var name = "os_test_" + Guid.NewGuid().ToString("N")[..16];
        await using var connection = await OpenAdminAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return UrlOf(name);
    }

    /// <summary>Drops a database, disconnecting whoever is still connected.</summary>
    public static async Task DropAsync(string url, CancellationToken cancellationToken = default)
    {
        var name = new Uri(url).AbsolutePath.TrimStart('/');
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenAdminAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The URL of database <paramref name="name"/> on the test server.</summary>
    public static string UrlOf(string name)
    {
        var admin = new UriBuilder(AdminUrl) { Path = "/" + name };
        return admin.Uri.ToString();
    }

    /// <summary>Opens a connection to a test database, outside the driver, to inspect or tamper with it.</summary>
    public static async Task<NpgsqlConnection> OpenAsync(string url, CancellationToken cancellationToken = default)
    {
        var options = new PostgresDriverOptions { Url = url };
        PostgresConnectionString.TryBuild(options, out var builder, out _);
        builder!.Pooling = false;
        builder.ApplicationName = "objectstack-tests";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static Task<NpgsqlConnection> OpenAdminAsync(CancellationToken cancellationToken) => OpenAsync(AdminUrl, cancellationToken);
}
