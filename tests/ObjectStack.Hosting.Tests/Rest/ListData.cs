using System.Globalization;
using System.Net;
using ObjectStack.Hosting.Tests.Data;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>
/// A host seeded for read-only query tests: five accounts, two contacts and sixty items (rank 1 to 60).
/// <code>
/// Acme Corp  100  open    "rocket supplier"
/// Globex      50  closed  "acme partner"      (search must not look at description)
/// Initech      5  open
/// Umbrella     2  closed
/// Hooli       20  open    parent: Acme Corp
/// Ada Lovelace  (36) account: Hooli        Alan Turing (41) account: Acme Corp
/// </code>
/// </summary>
internal sealed class ListData : IAsyncDisposable
{
    public const int ItemCount = 60;

    private ListData(DataTestHost host) => Host = host;

    public DataTestHost Host { get; }

    /// <summary>Gets the id of each seeded account and contact by name (accounts) or last name (contacts).</summary>
    public Dictionary<string, string> Ids { get; } = new(StringComparer.Ordinal);

    public static async Task<ListData> StartAsync()
    {
        var data = new ListData(await RestApi.StartAsync());
        using var client = data.Host.Client();
        var accounts = await RestApi.PostAsync(client, "/api/v1/data/account/createMany", """
            [
              { "name": "Acme Corp", "amount": 100, "status": "open", "description": "rocket supplier" },
              { "name": "Globex", "amount": 50, "status": "closed", "description": "acme partner" },
              { "name": "Initech", "amount": 5, "status": "open" },
              { "name": "Umbrella", "amount": 2, "status": "closed" }
            ]
            """);
        Assert.That(accounts.Status, Is.EqualTo(HttpStatusCode.Created), accounts.ToString());
        foreach (var record in accounts.Body.GetProperty("records").EnumerateArray())
        {
            data.Ids[record.GetProperty("name").GetString()!] = record.GetProperty("id").GetString()!;
        }

        data.Ids["Hooli"] = await RestApi.CreateAsync(client, "account", $$"""{ "name": "Hooli", "amount": 20, "status": "open", "parent": "{{data.Ids["Acme Corp"]}}" }""");
        data.Ids["Lovelace"] = await RestApi.CreateAsync(client, "contact", $$"""{ "first_name": "Ada", "last_name": "Lovelace", "age": 36, "account": "{{data.Ids["Hooli"]}}" }""");
        data.Ids["Turing"] = await RestApi.CreateAsync(client, "contact", $$"""{ "first_name": "Alan", "last_name": "Turing", "age": 41, "account": "{{data.Ids["Acme Corp"]}}" }""");

        var items = Enumerable.Range(1, ItemCount).Select(i => new { label = $"item {i.ToString("D2", CultureInfo.InvariantCulture)}", rank = i }).ToArray();
        var created = await RestApi.PostAsync(client, "/api/v1/data/item/createMany", RestApi.Json(items));
        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.ToString());
        return data;
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
