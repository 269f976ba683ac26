using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Tests.Configuration;

/// <summary>An internal field is for server code only, so nothing a caller must supply, search or see may be one.</summary>
public sealed class InternalFieldRulesTests
{
    [TestCase("""{ "type": "text", "internal": true, "required": true }""", "required")]
    [TestCase("""{ "type": "text", "internal": true, "searchable": true }""", "searchable")]
    [TestCase("""{ "type": "text", "internal": true, "externalId": true }""", "an external id")]
    [TestCase("""{ "type": "autonumber", "internal": true }""", "an autonumber")]
    public void Read_InternalFieldThatCallersWouldNeed_IsRefusedNamingThePath(string field, string conflict)
    {
        var json = $$"""{ "objects": { "note": { "fields": { "title": { "type": "text" }, "digest": {{field}} } } } }""";

        var exception = Assert.Throws<ObjectStackConfigurationException>(() => StackConfigurationReader.Read(json));

        var error = exception!.Errors.Single();
        Assert.That(error.Path, Does.EndWith("note.fields.digest.internal"));
        Assert.That(error.Message, Does.Contain(conflict));
    }

    [TestCase("""{ "nameField": "digest" }""", "nameField", "the name field")]
    [TestCase("""{ "searchableFields": ["title", "digest"] }""", "searchableFields[1]", "searched")]
    public void Read_InternalFieldNamedByTheObject_IsRefused(string objectKeys, string path, string role)
    {
        var json = $$"""{ "objects": { "note": { "fields": { "title": { "type": "text" }, "digest": { "type": "text", "internal": true } }, {{objectKeys.Trim('{', '}', ' ')}} } } }""";

        var exception = Assert.Throws<ObjectStackConfigurationException>(() => StackConfigurationReader.Read(json));

        var error = exception!.Errors.Single();
        Assert.That(error.Path, Does.EndWith(path));
        Assert.That(error.Message, Does.Contain(role));
    }

    [Test]
    public void Read_PlainInternalField_IsAcceptedAndFlagged()
    {
        var json = """{ "objects": { "note": { "fields": { "title": { "type": "text" }, "digest": { "type": "text", "internal": true, "unique": true } } } } }""";

        var configuration = StackConfigurationReader.Read(json);

        var note = configuration.Objects.Single(o => o.Name == "note");
        Assert.That(note.FindField("digest"), Is.Not.Null.And.Property(nameof(FieldDefinition.Internal)).True);
        Assert.That(note.FindField("title")!.Internal, Is.False);
    }
}
