using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Data.Interceptors;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Abstractions.Security;
using ObjectStack.Hosting.Data.Engine;
using ObjectStack.Hosting.Data.Query;
using ObjectStack.Hosting.Data.Seeding;
using ObjectStack.Hosting.Metadata;
using ObjectStack.Hosting.Schema;

namespace ObjectStack.Hosting.Data;

/// <summary>Registers the metadata registry, the data engine, the schema migrator and the boot-time data preparation.</summary>
internal static class DataServices
{
    public static void Add(IServiceCollection services, ObjectStackRuntime runtime, DataEngineOptions options)
    {
        options.Validate();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => MetadataRegistryFactory.Create(runtime.Configuration, sp.GetServices<IObjectSource>()));
        services.AddSingleton<IMetadataRegistry>(sp => sp.GetRequiredService<MetadataRegistry>());
        services.AddSingleton(sp => new AccessGate(sp.GetServices<IAccessPolicy>()));
        services.AddSingleton(sp => new ExpandLoader(sp.GetRequiredService<MetadataRegistry>(), sp.GetRequiredService<AccessGate>(), options));
        services.AddSingleton(sp => new RecordReader(sp.GetRequiredService<MetadataRegistry>(), sp.GetRequiredService<AccessGate>(), sp.GetRequiredService<ExpandLoader>(), options));
        services.AddSingleton(sp => new RecordWriter(
            sp.GetRequiredService<MetadataRegistry>(),
            sp.GetRequiredService<RecordReader>(),
            sp.GetRequiredService<AccessGate>(),
            sp.GetServices<IRecordInterceptor>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DataReadiness>();
        services.AddSingleton<IDataEngine>(sp => new DataEngine(
            DataDriverSelection.Single(sp.GetServices<IDataDriver>()),
            sp.GetRequiredService<RecordReader>(),
            sp.GetRequiredService<RecordWriter>(),
            sp.GetRequiredService<DataReadiness>()));
        services.AddSingleton<IDataOperations>(sp => sp.GetRequiredService<IDataEngine>());
        services.AddSingleton(sp => new SchemaMigrator(
            sp.GetRequiredService<MetadataRegistry>(),
            DataDriverSelection.Single(sp.GetServices<IDataDriver>()),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<SchemaMigrator>>()));
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<IHostedService, DataStartupService>();
    }
}
