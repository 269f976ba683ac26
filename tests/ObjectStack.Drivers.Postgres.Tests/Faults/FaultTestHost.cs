using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Abstractions.Testing;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Drivers.Postgres.Tests.Faults;

/// <summary>
/// A real runtime on Kestrel (loopback, free port) with the PostgreSQL driver and the conformance access policy, for
/// fault tests that need HTTP: readiness, 503s and Retry-After. Callers authenticate with <c>Authorization: Bearer
/// user</c>; the host's log lines are kept in <see cref="Logs"/>.
/// </summary>
internal sealed class FaultTestHost : IAsyncDisposable
{
    public const string Objects = """
        { "account": { "fields": { "name": { "type": "text", "required": true, "unique": true }, "rank": { "type": "number" } } } }
        """;

    private FaultTestHost(WebApplication app, LogSink logs)
    {
        App = app;
        Logs = logs;
    }

    public WebApplication App { get; }

    public LogSink Logs { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts the runtime with these driver options (url and limits), in Development unless told.</summary>
    public static async Task<FaultTestHost> StartAsync(JsonObject driverOptions, string environment = "Development")
    {
        var config = new JsonObject
        {
            ["manifest"] = new JsonObject { ["id"] = "com.example.faults", ["name"] = "Fault tests", ["version"] = "1.0.0", ["type"] = "app" },
            ["plugins"] = new JsonArray(new JsonObject { ["id"] = "objectstack.driver.postgres", ["options"] = driverOptions }, ConformancePlugin.Id),
            ["objects"] = JsonNode.Parse(Objects),
        };
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new LogSink();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddObjectStack(options =>
        {
            options.Configuration = StackConfigurationReader.Read(config.ToJsonString());
            options.InProcessPlugins.Add(typeof(PostgresDriverPlugin).Assembly);
            options.InProcessPlugins.Add(typeof(ConformancePlugin).Assembly);
        });
        builder.Services.AddSingleton<IIdentityResolver, BearerUserResolver>();
        var app = builder.Build();
        app.UseObjectStackErrorHandling();
        app.MapObjectStack();
        await app.StartAsync();
        var host = new FaultTestHost(app, logs)
        {
            BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()),
        };
        return host;
    }

    public HttpClient Client(string? user = "alice")
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", user);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>Polls until <paramref name="condition"/> holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    private sealed class BearerUserResolver : IIdentityResolver
    {
        public ValueTask<OperationContext?> ResolveAsync(HttpContext httpContext, CancellationToken cancellationToken)
        {
            var header = httpContext.Request.Headers.Authorization.ToString();
            return ValueTask.FromResult(header.StartsWith("Bearer ", StringComparison.Ordinal)
                ? OperationContext.ForPrincipal(PrincipalKind.Human, header["Bearer ".Length..], null, [], [])
                : null);
        }
    }

    /// <summary>Keeps every log line, for assertions on what an operator would read.</summary>
    internal sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
        }
    }
}
