using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ObjectStack.Hosting.Tests.Data;

public sealed class DataHostSmokeTests
{
    private const string Objects = """
        { "note": { "fields": { "title": { "type": "text", "required": true }, "body": { "type": "textarea" } } } }
        """;

    [Test]
    public async Task CreatesAndReadsBackARecordOverHttp()
    {
        await using var host = await DataTestHost.StartAsync(Objects);
        using var client = host.Client();

        var created = await client.PostAsJsonAsync("/api/v1/data/note", new { title = "Hello", body = "World" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var id = (await DataTestHost.JsonAsync(created)).GetProperty("id").GetString();

        var read = await DataTestHost.JsonAsync(await client.GetAsync($"/api/v1/data/note/{id}"));
        Assert.That(read.GetProperty("record").GetProperty("title").GetString(), Is.EqualTo("Hello"));
        Assert.That(read.GetProperty("record").GetProperty("created_by").GetString(), Is.EqualTo("alice"));
    }

    [Test]
    public async Task StartupService_StoppedAfterTheHostDisposedIt_StopsQuietly()
    {
        // What an embedding host's shutdown racing WebApplicationFactory's looks like to the service: a second stop
        // after the host disposed it. It used to throw ObjectDisposedException out of the factory's dispose.
        await using var host = await DataTestHost.StartAsync(Objects);
        var service = host.App.Services.GetServices<IHostedService>().OfType<ObjectStack.Hosting.Data.DataStartupService>().Single();

        await service.StopAsync(CancellationToken.None);
        service.Dispose();

        Assert.DoesNotThrowAsync(() => service.StopAsync(CancellationToken.None));
    }
}
