using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Tests.Rest;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>Reads cost one driver call: a page with its total, a get by id; expansion adds one call per lookup, not per record.</summary>
public sealed class DriverRoundTripTests : RestHostFixture
{
    private const string Objects = """
        {
          "company": { "fields": { "name": { "type": "text", "required": true } } },
          "person": { "fields": {
            "name": { "type": "text", "required": true },
            "rank": { "type": "number" },
            "company": { "type": "lookup", "reference": "company" } } }
        }
        """;

    private CountingDriver? _driver;
    private string _personId = null!;

    private protected override Task<DataTestHost> StartHostAsync() => DataTestHost.StartAsync(Objects, configureServices: Decorate);

    protected override async Task SeedAsync()
    {
        var companies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var company = await DataTestHost.JsonAsync(await Client.PostAsJsonAsync("/api/v1/data/company", new { name = $"Company {i}" }));
            companies.Add(company.GetProperty("id").GetString()!);
        }

        for (var i = 0; i < 30; i++)
        {
            var person = await DataTestHost.JsonAsync(await Client.PostAsJsonAsync("/api/v1/data/person", new { name = $"Person {i}", rank = i, company = companies[i % 3] }));
            _personId = person.GetProperty("id").GetString()!;
        }
    }

    [Test]
    public async Task AFilteredSortedPageWithItsTotalIsOneDriverCall()
    {
        var calls = await CountCallsAsync("/api/v1/data/person?top=5&filter=%7B%22rank%22%3A%7B%22%24gte%22%3A10%7D%7D&sort=-rank");

        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task AGetByIdIsOneDriverCall()
    {
        var calls = await CountCallsAsync($"/api/v1/data/person/{_personId}");

        Assert.That(calls, Is.EqualTo(1));
    }

    [Test]
    public async Task ExpandingALookupOnAPageAddsOneCallForAllItsRecords()
    {
        var calls = await CountCallsAsync("/api/v1/data/person?top=30&expand=company");

        Assert.That(calls, Is.EqualTo(2), "one for the page, one batched read for the 3 companies of 30 people");
    }

    private async Task<int> CountCallsAsync(string path)
    {
        _driver!.Reset();
        var response = await Client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return _driver.Calls;
    }

    private void Decorate(IServiceCollection services)
    {
        var original = services.Single(d => d.ServiceType == typeof(IDataDriver));
        services.Remove(original);
        services.AddSingleton<IDataDriver>(sp =>
        {
            var inner = original.ImplementationInstance as IDataDriver
                ?? (original.ImplementationFactory is { } factory ? (IDataDriver)factory(sp) : (IDataDriver)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!));
            return _driver = new CountingDriver(inner);
        });
    }

    /// <summary>Counts the statements sessions run, whatever their kind.</summary>
    private sealed class CountingDriver(IDataDriver inner) : IDataDriver
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => inner.Name;

        public DatasourceDescription Datasource => inner.Datasource;

        public ISchemaManager Schema => inner.Schema;

        public void Reset() => Volatile.Write(ref _calls, 0);

        public async Task<IDriverSession> OpenSessionAsync(bool writable, CancellationToken cancellationToken = default) =>
            new CountingSession(await inner.OpenSessionAsync(writable, cancellationToken), this);

        private sealed class CountingSession(IDriverSession inner, CountingDriver owner) : IDriverSession
        {
            public Task<SelectResult> SelectAsync(SelectCommand command, CancellationToken cancellationToken = default) =>
                Count(() => inner.SelectAsync(command, cancellationToken));

            public Task<long> CountAsync(ObjectDefinition obj, FilterNode? filter, CancellationToken cancellationToken = default) =>
                Count(() => inner.CountAsync(obj, filter, cancellationToken));

            public Task<IReadOnlyDictionary<string, object?>> InsertAsync(ObjectDefinition obj, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default) =>
                Count(() => inner.InsertAsync(obj, values, cancellationToken));

            public Task<bool> UpdateAsync(ObjectDefinition obj, string id, IReadOnlyDictionary<string, object?> changes, CancellationToken cancellationToken = default) =>
                Count(() => inner.UpdateAsync(obj, id, changes, cancellationToken));

            public Task<bool> DeleteAsync(ObjectDefinition obj, string id, CancellationToken cancellationToken = default) =>
                Count(() => inner.DeleteAsync(obj, id, cancellationToken));

            public Task CommitAsync(CancellationToken cancellationToken = default) => inner.CommitAsync(cancellationToken);

            public ValueTask DisposeAsync() => inner.DisposeAsync();

            private T Count<T>(Func<T> call)
            {
                Interlocked.Increment(ref owner._calls);
                return call();
            }
        }
    }
}
