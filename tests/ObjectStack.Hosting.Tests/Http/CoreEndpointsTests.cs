using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ObjectStack.Hosting.Tests.Http;

/// <summary>The runtime's own endpoints over real HTTP: discovery, health, readiness and the error envelope.</summary>
public sealed class CoreEndpointsTests
{
    private const string CrmWithAlpha = """
        {
          "manifest": { "id": "com.example.crm", "name": "CRM" },
          "plugins": ["fixtures.alpha"]
        }
        """;

    private static readonly string[] WellKnownCapabilities =
        ["comments", "automation", "cron", "search", "export", "chunkedUpload", "transactionalBatch", "websockets", "files", "analytics", "ai", "notifications", "i18n"];

    [Test]
    public async Task Discovery_RootAndDiscoveryPath_ReturnTheSameBareDocument()
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        using var root = await host.Client.GetAsync(Relative("/api/v1"));
        using var discovery = await host.Client.GetAsync(Relative("/api/v1/discovery"));

        Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(discovery.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var rootBody = await root.Content.ReadFromJsonAsync<JsonElement>();
        var discoveryBody = await discovery.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(JsonElement.DeepEquals(rootBody, discoveryBody), Is.True, $"{rootBody}\n!=\n{discoveryBody}");
        Assert.That(rootBody.TryGetProperty("success", out _), Is.False, "the discovery document is not wrapped in an envelope");
        Assert.That(root.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(discovery.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task Discovery_ConfiguredApp_DescribesAppRuntimeAndRoutes()
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        var document = await host.GetJsonAsync("/api/v1/discovery");

        Assert.That(document.GetProperty("name").GetString(), Is.EqualTo("CRM"));
        Assert.That(document.GetProperty("apiName").GetString(), Is.EqualTo("CRM"));
        Assert.That(document.GetProperty("version").GetString(), Is.EqualTo(ObjectStackRuntime.Version).And.Not.Empty);
        Assert.That(document.GetProperty("environment").GetString(), Is.EqualTo("development"));
        var routes = document.GetProperty("routes");
        Assert.That(routes.GetProperty("discovery").GetString(), Is.EqualTo("/api/v1/discovery"));
        Assert.That(routes.GetProperty("alpha").GetString(), Is.EqualTo("/api/v1/fixtures/alpha"));
        Assert.That(document.GetProperty("metadata").GetProperty("state").GetString(), Is.EqualTo("ready"));
    }

    [Test]
    public async Task Discovery_ManifestWithoutName_UsesManifestId()
    {
        await using var host = await PluginTestHost.StartAsync("""{ "manifest": { "id": "com.example.crm" } }""");

        var document = await host.GetJsonAsync("/api/v1/discovery");

        Assert.That(document.GetProperty("name").GetString(), Is.EqualTo("com.example.crm"));
        Assert.That(document.GetProperty("apiName").GetString(), Is.EqualTo("com.example.crm"));
    }

    [Test]
    public async Task Discovery_PluginNotEnabled_ListsNoRouteForIt()
    {
        await using var host = await PluginTestHost.StartAsync("""{ "plugins": [] }""", "Alpha");

        var routes = (await host.GetJsonAsync("/api/v1/discovery")).GetProperty("routes");

        // The runtime's own routes only: discovery, and the data and metadata routes every runtime serves.
        Assert.That(routes.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "data", "discovery", "metadata" }));
    }

    [Test]
    public async Task Discovery_Services_ReportProvidedAndMissingCapabilities()
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        var services = (await host.GetJsonAsync("/api/v1/discovery")).GetProperty("services");

        var auth = services.GetProperty("auth");
        Assert.That(auth.GetProperty("enabled").GetBoolean(), Is.False);
        Assert.That(auth.GetProperty("status").GetString(), Is.EqualTo("unavailable"));
        Assert.That(auth.GetProperty("message").GetString(), Does.Contain("objectstack.auth"));
        var alpha = services.GetProperty("fixtures.alpha");
        Assert.That(alpha.GetProperty("enabled").GetBoolean(), Is.True);
        Assert.That(alpha.GetProperty("status").GetString(), Is.EqualTo("available"));
        Assert.That(alpha.GetProperty("provider").GetString(), Is.EqualTo("fixtures.alpha"));
        Assert.That(alpha.GetProperty("version").GetString(), Is.EqualTo("1.0.0"));
    }

    [Test]
    public async Task Discovery_DataService_ReportsTheEmbeddedDatasourceAndNotItsFile()
    {
        await using var host = await Data.DataTestHost.StartAsync(Rest.RestObjects.Json);
        using var client = host.Client(user: null);

        using var response = await client.GetAsync(Relative("/api/v1/discovery"));
        var document = await Data.DataTestHost.JsonAsync(response);

        var data = document.GetProperty("services").GetProperty("data");
        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("enabled").GetBoolean(), Is.True);
            Assert.That(data.GetProperty("status").GetString(), Is.EqualTo("available"));
            Assert.That(data.GetProperty("route").GetString(), Is.EqualTo("/api/v1/data"));
            Assert.That(data.GetProperty("driver").GetString(), Is.EqualTo("sqlite"));
            Assert.That(data.GetProperty("tls").GetString(), Is.EqualTo("local"), "an in-process database has no network hop to protect");
            Assert.That(data.TryGetProperty("message", out _), Is.False);
            Assert.That(document.GetRawText(), Does.Not.Contain("data.db"), "the database file is not disclosed");
        });
    }

    [Test]
    public async Task Discovery_Capabilities_ReportSearchAndTransactionalBatchAndNothingElse()
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        var capabilities = (await host.GetJsonAsync("/api/v1/discovery")).GetProperty("capabilities");

        Assert.That(capabilities.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(WellKnownCapabilities));
        // The data API brings search and the atomic cross-object batch; the rest arrive with their plugins.
        foreach (var capability in capabilities.EnumerateObject())
        {
            var enabled = capability.Name is "search" or "transactionalBatch";
            Assert.That(capability.Value.GetRawText(), Is.EqualTo(enabled ? """{"enabled":true}""" : """{"enabled":false}"""), capability.Name);
        }
    }

    [Test]
    public async Task WellKnown_ObjectStack_WrapsTheDiscoveryDocumentInAnEnvelope()
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        using var response = await host.Client.GetAsync(Relative("/.well-known/objectstack"));
        var discovery = await host.GetJsonAsync("/api/v1/discovery");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("success").GetBoolean(), Is.True);
        Assert.That(JsonElement.DeepEquals(body.GetProperty("data"), discovery), Is.True, $"{body.GetProperty("data")}\n!=\n{discovery}");
    }

    [Test]
    public async Task Health_ReadyRuntime_ReportsOkWithStateAndVersion()
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        using var response = await host.Client.GetAsync(Relative("/api/v1/health"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("success").GetBoolean(), Is.True);
        var data = body.GetProperty("data");
        Assert.That(data.GetProperty("status").GetString(), Is.EqualTo("ok"));
        Assert.That(data.GetProperty("state").GetString(), Is.EqualTo("ready"));
        Assert.That(data.GetProperty("version").GetString(), Is.EqualTo(ObjectStackRuntime.Version));
        Assert.That(data.GetProperty("uptime").GetDouble(), Is.GreaterThanOrEqualTo(0));
        Assert.That(data.GetProperty("timestamp").TryGetDateTimeOffset(out _), Is.True);
    }

    [Test]
    public async Task Ready_ReadyRuntime_Returns200WithReadyStatus()
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        using var response = await host.Client.GetAsync(Relative("/api/v1/ready"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(response.Headers.RetryAfter, Is.Null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetRawText(), Is.EqualTo("""{"success":true,"data":{"status":"ready"}}"""));
    }

    [TestCase("/api/v1/nope")]
    [TestCase("/api/v1/fixtures/alpha/nope")]
    [TestCase("/nope")]
    public async Task UnknownRoute_AnyPath_Returns404Envelope(string path)
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        using var response = await host.Client.GetAsync(Relative(path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("success").GetBoolean(), Is.False);
        var error = body.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("ROUTE_NOT_FOUND"));
        Assert.That(error.GetProperty("message").GetString(), Is.EqualTo($"No route matches GET {path}."));
        Assert.That(error.GetProperty("httpStatus").GetInt32(), Is.EqualTo(404));
    }

    [Test]
    public async Task WrongMethod_RouteOutsideTheApi_Returns405Envelope()
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        using var response = await host.Client.PostAsync(Relative("/.well-known/objectstack"), content: null);

        await AssertMethodNotAllowedAsync(response);
    }

    [Test]
    public async Task WrongMethod_RouteUnderTheApi_Returns405Envelope()
    {
        await using var host = await PluginTestHost.StartAsync(CrmWithAlpha, "Alpha");

        using var response = await host.Client.PostAsync(Relative("/api/v1/health"), content: null);

        await AssertMethodNotAllowedAsync(response);
    }

    [Test]
    public async Task PluginEndpoint_OptionsInConfiguration_ReachThePlugin()
    {
        await using var host = await PluginTestHost.StartAsync("""{ "plugins": [{ "id": "fixtures.alpha", "options": { "greeting": "hi" } }] }""", "Alpha");

        var alpha = await host.GetJsonAsync("/api/v1/fixtures/alpha");

        Assert.That(alpha.GetProperty("greeting").GetString(), Is.EqualTo("hi"));
    }

    [Test]
    public async Task ErrorHandling_UnhandledException_Returns500EnvelopeWithoutTheExceptionMessage()
    {
        const string secret = "connection string Password=hunter2";
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddObjectStack();
        await using var app = builder.Build();
        app.UseObjectStackErrorHandling();
        app.MapGet("/boom", string () => throw new InvalidOperationException(secret));
        app.MapObjectStack();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var response = await client.GetAsync(Relative("/boom"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(text, Does.Not.Contain("hunter2").And.Not.Contain(nameof(InvalidOperationException)));
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("INTERNAL_ERROR"));
        Assert.That(error.GetProperty("httpStatus").GetInt32(), Is.EqualTo(500));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("Reference:").And.Not.Contain(secret));
        await app.StopAsync();
    }

    [Test]
    public async Task MapObjectStack_CalledTwice_Throws()
    {
        await using var host = PluginTestHost.Build("""{ "plugins": ["fixtures.alpha"] }""", "Alpha");

        var exception = Assert.Throws<InvalidOperationException>(() => host.App.MapObjectStack());

        Assert.That(exception!.Message, Does.Contain("already called"));
    }

    [Test]
    public async Task MapObjectStack_WithoutAddObjectStack_Throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        await using var app = builder.Build();

        var exception = Assert.Throws<InvalidOperationException>(() => app.MapObjectStack());

        Assert.That(exception!.Message, Does.Contain("AddObjectStack"));
    }

    private static Uri Relative(string path) => new(path, UriKind.Relative);

    private static async Task AssertMethodNotAllowedAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("METHOD_NOT_ALLOWED"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain("POST is not allowed"));
        Assert.That(error.GetProperty("httpStatus").GetInt32(), Is.EqualTo(405));
    }
}
