using Microsoft.Extensions.DependencyInjection;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Drivers;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Configuration;
using ObjectStack.Hosting.Schema;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Objects contributed in code through <see cref="IObjectSource"/>: validated with the configured ones, given the
/// system fields and a table at boot, and served by the engine like any other object, including as lookup targets.
/// </summary>
public sealed class MigrationPluginObjectTests
{
    private const string Objects = """
        { "gadget": { "fields": { "name": { "type": "text" }, "widget": { "type": "lookup", "reference": "sys_widget" } } } }
        """;

    [Test]
    public async Task Boot_ContributedObject_GetsATableAndIsServedByTheEngine()
    {
        await using var host = await DataTestHost.StartAsync(Objects, configureServices: AddWidgets);
        var engine = host.Engine;

        var history = await host.App.Services.GetRequiredService<SchemaMigrator>().HistoryAsync();
        var written = await engine.InsertAsync(DataTestHost.Alice, "sys_widget", Values(("label", "Sprocket"), ("size", 3)));
        var read = await engine.GetAsync(DataTestHost.Alice, "sys_widget", written.Id);

        Assert.That(history.Select(h => (h.Kind, h.Table)), Does.Contain((SchemaChangeKind.CreateTable, "sys_widget")));
        Assert.That((read!["label"], read["size"], read["created_by"]), Is.EqualTo(("Sprocket", 3m, "alice")));
        Assert.That(read.Keys, Is.SupersetOf(new[] { "id", "created_at", "updated_at", "created_by", "updated_by", "owner_id" }), "the engine adds the system fields");
        Assert.That(read.ContainsKey("organization_id"), Is.False, "the widget is not tenant-scoped");
    }

    [Test]
    public async Task Insert_ContributedObject_ValidatesItsFields()
    {
        await using var host = await DataTestHost.StartAsync(Objects, configureServices: AddWidgets);

        var exception = Refused(DataErrorCode.ValidationFailed, () => host.Engine.InsertAsync(DataTestHost.Alice, "sys_widget", Values(("size", "big"))));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EquivalentTo(new[] { ("label", "required"), ("size", "invalid_type") }));
    }

    [Test]
    public async Task Find_ConfiguredObjectReferencingAContributedOne_ExpandsIt()
    {
        await using var host = await DataTestHost.StartAsync(Objects, configureServices: AddWidgets);
        var widget = await host.Engine.InsertAsync(DataTestHost.Alice, "sys_widget", Values(("label", "Sprocket")));
        await host.Engine.InsertAsync(DataTestHost.Alice, "gadget", Values(("name", "g"), ("widget", widget.Id)));

        var result = await host.Engine.FindAsync(DataTestHost.Alice, new RecordQuery { ObjectName = "gadget", Expand = [new ExpandRequest { Field = "widget" }] });

        var expanded = (IReadOnlyDictionary<string, object?>)result.Records.Single()["widget"]!;
        Assert.That(expanded["label"], Is.EqualTo("Sprocket"));
    }

    [Test]
    public async Task Restart_SameContributedObject_PlansNothing()
    {
        var first = await DataTestHost.StartAsync(Objects, configureServices: AddWidgets);
        await first.Engine.InsertAsync(DataTestHost.Alice, "sys_widget", Values(("label", "kept")));
        var folder = await first.StopKeepingDatabaseAsync();

        await using var second = await DataTestHost.StartAsync(Objects, reuseFolder: folder, configureServices: AddWidgets);

        Assert.That((await second.App.Services.GetRequiredService<SchemaMigrator>().PlanAsync()).IsEmpty, Is.True);
        Assert.That(await ValuesOfAsync(second.Engine, "sys_widget", field: "label"), Is.EqualTo(new[] { "kept" }));
    }

    [Test]
    public void Boot_ReferenceToAPlatformObjectNobodyContributes_FailsNamingIt()
    {
        var exception = Assert.ThrowsAsync<ObjectStackConfigurationException>(() => DataTestHost.StartAsync(Objects));

        Assert.That(exception!.Message, Does.Contain("sys_widget").And.Contain("widget.reference"));
    }

    [Test]
    public void Boot_ContributedObjectClashingWithAConfiguredOne_FailsNamingBoth()
    {
        var exception = Assert.ThrowsAsync<ObjectStackConfigurationException>(() => DataTestHost.StartAsync(
            Objects, configureServices: s => s.AddSingleton<IObjectSource>(new Widgets(Widget, new ObjectDefinition
            {
                Name = "gadget",
                Fields = [new FieldDefinition { Name = "name", Type = FieldType.Text }],
            }))));

        Assert.That(exception!.Errors, Has.Count.EqualTo(1));
        Assert.That(exception.Message, Does.Contain("'gadget' is also defined at").And.Contain("objects.gadget"));
    }

    private static readonly ObjectDefinition Widget = new()
    {
        Name = "sys_widget",
        Label = "Widget",
        IsSystem = true,
        OrganizationScoped = false,
        Fields =
        [
            new FieldDefinition { Name = "label", Type = FieldType.Text, Required = true, MaxLength = 40 },
            new FieldDefinition { Name = "size", Type = FieldType.Number, Scale = 0 },
        ],
    };

    private static void AddWidgets(IServiceCollection services) => services.AddSingleton<IObjectSource>(new Widgets(Widget));

    private sealed class Widgets(params ObjectDefinition[] objects) : IObjectSource
    {
        public IEnumerable<ObjectDefinition> GetObjects() => objects;
    }
}
