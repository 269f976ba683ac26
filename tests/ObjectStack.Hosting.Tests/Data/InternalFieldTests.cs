using System.Net;
using ObjectStack.Abstractions.Data;
using ObjectStack.Hosting.Tests.Rest;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Internal fields (<c>"internal": true</c>) exist for server code only: the system context reads and writes them;
/// for every caller they do not exist on any route — absent from records, expansions and metadata, and refused when
/// selected, filtered, sorted, searched or written.
/// </summary>
[NonParallelizable]
public sealed class InternalFieldTests
{
    private const string Objects = """
        {
          "holder": { "fields": {
            "name": { "type": "text" },
            "pin_hash": { "type": "text", "internal": true }
          } },
          "credential": { "fields": {
            "label": { "type": "text" },
            "secret_hash": { "type": "text", "internal": true, "unique": true },
            "holder": { "type": "lookup", "reference": "holder" }
          } }
        }
        """;

    private DataTestHost _host = null!;
    private HttpClient _client = null!;
    private string _holder = null!;
    private string _credential = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _host = await DataTestHost.StartAsync(Objects);
        _client = _host.Client();
        _holder = (await _host.Engine.InsertAsync(DataTestHost.System, "holder", Values(("name", "Ada"), ("pin_hash", "PIN-DIGEST-1")))).Id;
        _credential = (await _host.Engine.InsertAsync(
            DataTestHost.System, "credential", Values(("label", "laptop"), ("secret_hash", "SECRET-DIGEST-1"), ("holder", _holder), ("owner_id", "alice")))).Id;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Test]
    public async Task SystemContext_ReadsAndWritesInternalFields()
    {
        var record = await _host.Engine.GetAsync(DataTestHost.System, "credential", _credential);

        Assert.That(record!["secret_hash"], Is.EqualTo("SECRET-DIGEST-1"));
    }

    [Test]
    public async Task Get_AsACaller_OmitsTheInternalFieldEntirely()
    {
        var response = await RestApi.GetAsync(_client, $"/api/v1/data/credential/{_credential}");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var record = response.Body.GetProperty("record");
        Assert.Multiple(() =>
        {
            Assert.That(record.GetProperty("label").GetString(), Is.EqualTo("laptop"));
            Assert.That(record.TryGetProperty("secret_hash", out _), Is.False, "absent, not null");
            Assert.That(response.Text, Does.Not.Contain("SECRET-DIGEST"));
        });
    }

    [Test]
    public async Task List_AndEngineReadsAsACaller_NeverCarryTheInternalField()
    {
        var list = await RestApi.GetAsync(_client, "/api/v1/data/credential");
        var engine = await _host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "credential" });

        Assert.Multiple(() =>
        {
            Assert.That(list.Status, Is.EqualTo(HttpStatusCode.OK), list.ToString());
            Assert.That(list.Text, Does.Not.Contain("secret_hash").And.Not.Contain("SECRET-DIGEST"));
            Assert.That(engine.Records.Single().ContainsKey("secret_hash"), Is.False);
        });
    }

    [Test]
    public async Task Expand_AsACaller_OmitsTheTargetsInternalField()
    {
        var response = await RestApi.GetAsync(_client, RestApi.Url($"/api/v1/data/credential/{_credential}", ("expand", "holder")));

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        var holder = response.Body.GetProperty("record").GetProperty("holder");
        Assert.Multiple(() =>
        {
            Assert.That(holder.GetProperty("name").GetString(), Is.EqualTo("Ada"));
            Assert.That(holder.TryGetProperty("pin_hash", out _), Is.False);
            Assert.That(response.Text, Does.Not.Contain("PIN-DIGEST"));
        });
    }

    [TestCase("select", "secret_hash")]
    [TestCase("sort", "secret_hash")]
    [TestCase("secret_hash", "SECRET-DIGEST-1")]
    [TestCase("filter", """{"secret_hash":"SECRET-DIGEST-1"}""")]
    [TestCase("search", "SECRET-DIGEST-1")]
    public async Task Query_OnTheInternalField_IsRefusedOrMatchesNothing(string parameter, string value)
    {
        var response = await RestApi.GetAsync(_client, RestApi.Url("/api/v1/data/credential", (parameter, value)));

        if (parameter == "search")
        {
            // Search only looks at fields the caller has: the digest matches no record.
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
            Assert.That(response.Body.GetProperty("records").GetArrayLength(), Is.Zero);
        }
        else
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
            Assert.That(response.Text, Does.Not.Contain("SECRET-DIGEST"));
        }
    }

    [Test]
    public async Task Write_TheInternalFieldAsACaller_IsRefusedAndChangesNothing()
    {
        var insert = await RestApi.PostAsync(_client, "/api/v1/data/credential", RestApi.Json(new { label = "phone", secret_hash = "FORGED" }));
        var update = await RestApi.PatchAsync(_client, $"/api/v1/data/credential/{_credential}", RestApi.Json(new { secret_hash = "FORGED" }));
        var stored = await _host.Engine.GetAsync(DataTestHost.System, "credential", _credential);
        var forged = await _host.Engine.FindAsync(DataTestHost.System, new RecordQuery { ObjectName = "credential", Filter = new Abstractions.Data.Filters.ComparisonFilter("secret_hash", Abstractions.Data.Filters.FilterOperator.Eq, "FORGED") });

        Assert.Multiple(() =>
        {
            Assert.That(insert.Status, Is.EqualTo(HttpStatusCode.BadRequest), insert.ToString());
            Assert.That(insert.Body.GetProperty("code").GetString(), Is.EqualTo("INVALID_FIELD"));
            Assert.That(update.Status, Is.EqualTo(HttpStatusCode.BadRequest), update.ToString());
            Assert.That(stored!["secret_hash"], Is.EqualTo("SECRET-DIGEST-1"));
            Assert.That(forged.Records, Is.Empty);
        });
    }

    [Test]
    public async Task Metadata_OmitsTheInternalField()
    {
        var response = await RestApi.GetAsync(_client, "/api/v1/meta/object/credential");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK), response.ToString());
        Assert.That(response.Text, Does.Contain("label").And.Not.Contain("secret_hash"));
    }

    private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
}
