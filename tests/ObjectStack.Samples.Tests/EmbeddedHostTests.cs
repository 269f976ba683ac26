using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ObjectStack.Samples.Tests;

/// <summary>The embedded-host sample: the app's own endpoints and the runtime answer side by side.</summary>
public sealed class EmbeddedHostTests
{
    [Test]
    public async Task EmbeddedHost_AppAndRuntimeEndpoints_BothAnswer()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        var own = await client.GetFromJsonAsync<JsonElement>("/");
        var discovery = await client.GetFromJsonAsync<JsonElement>("/api/v1/discovery");
        var orders = await client.GetFromJsonAsync<JsonElement>("/api/v1/orders/summary");
        using var ready = await client.GetAsync(new Uri("/api/v1/ready", UriKind.Relative));

        Assert.That(own.GetProperty("app").GetString(), Is.EqualTo("embedded-host"));
        Assert.That(discovery.GetProperty("name").GetString(), Is.EqualTo("Embedded host"));
        Assert.That(discovery.GetProperty("routes").GetProperty("orders").GetString(), Is.EqualTo("/api/v1/orders/summary"));
        Assert.That(discovery.GetProperty("services").GetProperty("samples.orders").GetProperty("status").GetString(), Is.EqualTo("available"));
        Assert.That(orders.GetProperty("source").GetString(), Is.EqualTo("samples.orders"));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task EmbeddedHost_UnknownApiRoute_AnswersTheErrorEnvelope()
    {
        await using var factory = new WebApplicationFactory<Program>();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/does-not-exist", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(body.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("ROUTE_NOT_FOUND"));
    }
}
