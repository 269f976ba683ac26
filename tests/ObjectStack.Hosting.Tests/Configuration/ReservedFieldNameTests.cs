using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Tests.Configuration;

/// <summary>Names the databases reserve for row identity cannot be field names: the drivers order and page by them.</summary>
public sealed class ReservedFieldNameTests
{
    [TestCase("rowid")]
    [TestCase("oid")]
    [TestCase("xmin")]
    [TestCase("ctid")]
    public void Read_FieldNamedLikeADatabaseRowIdentity_IsRefusedNamingThePath(string name)
    {
        var json = $$"""{ "objects": { "note": { "fields": { "{{name}}": { "type": "text" } } } } }""";

        var exception = Assert.Throws<ObjectStackConfigurationException>(() => StackConfigurationReader.Read(json));

        Assert.That(exception!.Errors.Single().Path, Does.Contain($"note.fields.{name}"));
        Assert.That(exception.Errors.Single().Message, Does.Contain("reserved"));
    }
}
