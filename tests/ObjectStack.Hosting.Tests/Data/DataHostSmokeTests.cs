using System.Net;
using System.Net.Http.Json;

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
}
