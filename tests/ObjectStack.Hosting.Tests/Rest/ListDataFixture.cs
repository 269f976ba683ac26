using ObjectStack.Hosting.Tests.Data;

namespace ObjectStack.Hosting.Tests.Rest;

/// <summary>A fixture whose host is seeded with <see cref="ListData"/>, for read-only query tests.</summary>
public abstract class ListDataFixture : RestHostFixture
{
    private ListData _data = null!;

    /// <summary>Gets the id of each seeded account by name and contact by last name.</summary>
    protected IReadOnlyDictionary<string, string> Ids => _data.Ids;

    private protected override async Task<DataTestHost> StartHostAsync()
    {
        _data = await ListData.StartAsync();
        return _data.Host;
    }
}
