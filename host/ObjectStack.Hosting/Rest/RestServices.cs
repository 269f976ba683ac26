using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Execution;

namespace ObjectStack.Hosting.Rest;

/// <summary>Registers what the REST routes share across requests: the metadata documents and the identity resolvers.</summary>
internal static class RestServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddSingleton(sp => new MetadataDocuments(sp.GetRequiredService<Metadata.MetadataRegistry>().Public));
        services.AddSingleton(sp => new RequestIdentity.IdentityResolvers(sp.GetServices<IIdentityResolver>()));
    }
}
