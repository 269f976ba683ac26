using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Tests.Configuration;

public sealed class StackConfigurationReaderTests
{
    private const string FullConfiguration = """
        {
          "$schema": "https://objectstack.ai/schema/objectstack.json",
          "manifest": {
            "id": "com.example.crm",
            "name": "CRM",
            "version": "1.2.3",
            "type": "app",
            "namespace": "crm",
            "description": "Customer relationship management",
            "engines": { "protocol": "^17" }
          },
          "plugins": [
            "objectstack.audit",
            { "id": "objectstack.auth", "options": {"sessionMinutes":30} },
            { "id": "acme.billing" }
          ],
          "requires": ["auth", "acme.billing"]
        }
        """;

    private static ObjectStackConfigurationException ReadInvalid(string json) =>
        Assert.Throws<ObjectStackConfigurationException>(() => StackConfigurationReader.Read(json))!;

    private static ConfigurationError SingleError(string json)
    {
        var exception = ReadInvalid(json);
        Assert.That(exception.Errors, Has.Count.EqualTo(1), exception.Message);
        return exception.Errors[0];
    }

    [Test]
    public void Read_FullConfiguration_ReadsManifest()
    {
        var manifest = StackConfigurationReader.Read(FullConfiguration).Manifest;

        Assert.That(manifest, Is.EqualTo(new AppManifest(
            "com.example.crm", "CRM", "1.2.3", "app", "crm", "Customer relationship management", "^17")));
    }

    [Test]
    public void Read_FullConfiguration_ReadsPluginIdsAndPathsInFileOrder()
    {
        var plugins = StackConfigurationReader.Read(FullConfiguration).Plugins;

        Assert.That(plugins.Select(p => p.Id), Is.EqualTo(new[] { "objectstack.audit", "objectstack.auth", "acme.billing" }));
        Assert.That(plugins.Select(p => p.Path), Is.EqualTo(new[] { "$.plugins[0]", "$.plugins[1]", "$.plugins[2]" }));
    }

    [Test]
    public void Read_FullConfiguration_KeepsPluginOptionsAsRawJson()
    {
        var plugins = StackConfigurationReader.Read(FullConfiguration).Plugins;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plugins[0].Options, Is.Null);
            Assert.That(plugins[1].Options?.GetRawText(), Is.EqualTo("""{"sessionMinutes":30}"""));
            Assert.That(plugins[2].Options, Is.Null);
        }
    }

    [Test]
    public void Read_FullConfiguration_PrefixesBareCapabilityTokens()
    {
        var configuration = StackConfigurationReader.Read(FullConfiguration);

        Assert.That(configuration.RequiredCapabilities, Is.EqualTo(new[] { "objectstack.auth", "acme.billing" }));
    }

    [Test]
    public void Read_InlineText_UsesInlineSourceByDefault()
    {
        var configuration = StackConfigurationReader.Read("{}");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(configuration.Source, Is.EqualTo("(inline)"));
            Assert.That(configuration.Manifest, Is.Null);
            Assert.That(configuration.Plugins, Is.Empty);
            Assert.That(configuration.RequiredCapabilities, Is.Empty);
        }
    }

    [Test]
    public void Read_ManifestWithoutType_DefaultsTypeToApp()
    {
        var manifest = StackConfigurationReader.Read("""{ "manifest": { "id": "com.example.crm" } }""").Manifest;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(manifest?.Type, Is.EqualTo("app"));
            Assert.That(manifest?.Version, Is.Null);
            Assert.That(manifest?.ProtocolRange, Is.Null);
        }
    }

    [Test]
    public void Read_RequiresSameCapabilityTwice_ListsItOnce()
    {
        var configuration = StackConfigurationReader.Read("""{ "requires": ["auth", "objectstack.auth", "audit"] }""");

        Assert.That(configuration.RequiredCapabilities, Is.EqualTo(new[] { "objectstack.auth", "objectstack.audit" }));
    }

    [Test]
    public void Read_PluginsInMapForm_ReadsIdsOptionsAndPaths()
    {
        var plugins = StackConfigurationReader.Read("""
            {
              "plugins": {
                "objectstack.audit": {},
                "objectstack.auth": { "options": {"provider":"local"} }
              }
            }
            """).Plugins;

        Assert.That(plugins.Select(p => p.Id), Is.EqualTo(new[] { "objectstack.audit", "objectstack.auth" }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plugins[0].Options, Is.Null);
            Assert.That(plugins[1].Options?.GetRawText(), Is.EqualTo("""{"provider":"local"}"""));
            Assert.That(plugins[1].Path, Is.EqualTo("$.plugins['objectstack.auth']"));
        }
    }

    [Test]
    public void Read_PluginMapValueWithUnknownKey_ReportsKeyPath()
    {
        var error = SingleError("""{ "plugins": { "objectstack.audit": { "enabled": true } } }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins['objectstack.audit'].enabled"));
        Assert.That(error.Message, Does.Contain("unknown key 'enabled'"));
    }

    [Test]
    public void Read_PluginMapValueNotAnObject_ReportsError()
    {
        var error = SingleError("""{ "plugins": { "objectstack.audit": true } }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins['objectstack.audit']"));
        Assert.That(error.Message, Does.Contain("must be an object"));
    }

    [Test]
    public void Read_CommentsAndTrailingCommas_AreAccepted()
    {
        var configuration = StackConfigurationReader.Read("""
            {
              // The app.
              "manifest": { "id": "com.example.crm", },
              /* Enabled plugins. */
              "plugins": ["objectstack.audit",],
            }
            """);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(configuration.Manifest?.Id, Is.EqualTo("com.example.crm"));
            Assert.That(configuration.Plugins.Select(p => p.Id), Is.EqualTo(new[] { "objectstack.audit" }));
        }
    }

    [Test]
    public void Read_UnknownTopLevelKey_ReportsPath()
    {
        var error = SingleError("""{ "foo": 1 }""");

        Assert.That(error.Path, Is.EqualTo("$.foo"));
        Assert.That(error.Message, Does.Contain("unknown key 'foo'"));
    }

    [Test]
    public void Read_NearMissTopLevelKey_SuggestsKnownKey()
    {
        var error = SingleError("""{ "plugin": [] }""");

        Assert.That(error.Path, Is.EqualTo("$.plugin"));
        Assert.That(error.Message, Does.Contain("Did you mean 'plugins'?"));
    }

    [Test]
    public void Read_TopLevelKeyInWrongCase_SuggestsKnownKey()
    {
        var error = SingleError("""{ "Requires": [] }""");

        Assert.That(error.Path, Is.EqualTo("$.Requires"));
        Assert.That(error.Message, Does.Contain("Did you mean 'requires'?"));
    }

    [Test]
    public void Read_SeveralProblems_ReportsEveryOne()
    {
        var exception = ReadInvalid("""
            {
              "foo": true,
              "manifest": { "id": "CRM", "version": "one" },
              "plugins": ["objectstack.audit", "audit"],
              "requires": [42]
            }
            """);

        Assert.That(exception.Errors, Has.Count.EqualTo(5), exception.Message);
        Assert.That(exception.Errors.Select(e => e.Path), Is.EqualTo(new[]
        {
            "$.foo",
            "$.manifest.id",
            "$.manifest.version",
            "$.plugins[1]",
            "$.requires[0]",
        }));
    }

    [Test]
    public void Read_SeveralProblems_MessageCountsAndListsThem()
    {
        var exception = ReadInvalid("""{ "foo": 1, "bar": 2 }""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Errors, Has.Count.EqualTo(2));
            Assert.That(exception.Source, Is.EqualTo("(inline)"));
            Assert.That(exception.Message, Does.Contain("has 2 problems"));
            Assert.That(exception.Message, Does.Contain("$.foo: unknown key 'foo'."));
            Assert.That(exception.Message, Does.Contain("$.bar: unknown key 'bar'."));
        }
    }

    [Test]
    public void Read_DuplicateTopLevelKey_ReportsGivenMoreThanOnce()
    {
        var error = SingleError("""{ "requires": [], "requires": [] }""");

        Assert.That(error.Path, Is.EqualTo("$.requires"));
        Assert.That(error.Message, Does.Contain("is given more than once"));
    }

    [Test]
    public void Read_DuplicateManifestKey_ReportsGivenMoreThanOnce()
    {
        var error = SingleError("""{ "manifest": { "id": "com.example.crm", "id": "com.example.crm" } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.id"));
        Assert.That(error.Message, Does.Contain("is given more than once"));
    }

    [Test]
    public void Read_UnknownManifestKey_ReportsPathAndSuggestion()
    {
        var error = SingleError("""{ "manifest": { "id": "com.example.crm", "verison": "1.0.0" } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.verison"));
        Assert.That(error.Message, Does.Contain("unknown key 'verison'").And.Contain("Did you mean 'version'?"));
    }

    [Test]
    public void Read_ManifestKeyNotYetSupported_SaysNotSupportedYet()
    {
        var error = SingleError("""{ "manifest": { "id": "com.example.crm", "dependencies": {} } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.dependencies"));
        Assert.That(error.Message, Does.Contain("does not support yet"));
    }

    [Test]
    public void Read_UnknownPluginEntryKey_ReportsPathAndSuggestion()
    {
        var error = SingleError("""{ "plugins": [{ "id": "objectstack.audit", "optoins": {} }] }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins[0].optoins"));
        Assert.That(error.Message, Does.Contain("Did you mean 'options'?"));
    }

    [TestCase("permissions")]
    [TestCase("server")]
    [TestCase("flows")]
    public void Read_ProtocolKeyNotYetSupported_SaysNotSupportedYet(string key)
    {
        var error = SingleError($$"""{ "{{key}}": {} }""");

        Assert.That(error.Path, Is.EqualTo("$." + key));
        Assert.That(error.Message, Does.Contain("does not support yet"));
    }

    [TestCase("profiles", "permissions")]
    [TestCase("roles", "positions")]
    [TestCase("workflows", "use 'flows'")]
    [TestCase("approvals", "Approval nodes")]
    [TestCase("settings", "/api/settings")]
    [TestCase("onEnable", "behaviour comes from plugins")]
    public void Read_RemovedOrForeignKey_GivesGuidance(string key, string guidance)
    {
        var error = SingleError($$"""{ "{{key}}": [] }""");

        Assert.That(error.Path, Is.EqualTo("$." + key));
        Assert.That(error.Message, Does.Contain(guidance).And.Not.Contain("unknown key"));
    }

    [TestCase("crm")]
    [TestCase("Com.Example.Crm")]
    [TestCase("com..crm")]
    [TestCase("")]
    public void Read_InvalidManifestId_ReportsId(string id)
    {
        var error = SingleError($$"""{ "manifest": { "id": "{{id}}" } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.id"));
        Assert.That(error.Message, Does.Contain("is not a reverse-DNS id"));
    }

    [Test]
    public void Read_ManifestWithoutId_ReportsIdRequired()
    {
        var error = SingleError("""{ "manifest": { "name": "CRM" } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.id"));
        Assert.That(error.Message, Is.EqualTo("is required."));
    }

    [Test]
    public void Read_ManifestIdNotAString_ReportsKind()
    {
        var error = SingleError("""{ "manifest": { "id": 7 } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.id"));
        Assert.That(error.Message, Is.EqualTo("must be a string, not a number."));
    }

    [TestCase("1.0")]
    [TestCase("one")]
    [TestCase("v1.0.0")]
    public void Read_InvalidManifestVersion_ReportsVersion(string version)
    {
        var error = SingleError($$"""{ "manifest": { "id": "com.example.crm", "version": "{{version}}" } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.version"));
        Assert.That(error.Message, Does.Contain("is not a semantic version"));
    }

    [Test]
    public void Read_PrereleaseManifestVersion_IsAccepted()
    {
        var manifest = StackConfigurationReader.Read("""{ "manifest": { "id": "com.example.crm", "version": "2.0.0-beta.1" } }""").Manifest;

        Assert.That(manifest?.Version, Is.EqualTo("2.0.0-beta.1"));
    }

    [Test]
    public void Read_InvalidManifestType_ListsAllowedTypes()
    {
        var error = SingleError("""{ "manifest": { "id": "com.example.crm", "type": "library" } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.type"));
        Assert.That(error.Message, Does.Contain("'library' is not one of").And.Contain("plugin"));
    }

    [TestCase("CRM")]
    [TestCase("sales-app")]
    [TestCase("1crm")]
    public void Read_InvalidManifestNamespace_ReportsNamespace(string ns)
    {
        var error = SingleError($$"""{ "manifest": { "id": "com.example.crm", "namespace": "{{ns}}" } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.namespace"));
        Assert.That(error.Message, Does.Contain("must be snake_case"));
    }

    [TestCase("^17")]
    [TestCase("17")]
    [TestCase("~17.0")]
    [TestCase("^17.x")]
    [TestCase(">=16")]
    public void Read_ProtocolRangeAdmittingCurrent_IsAccepted(string range)
    {
        var manifest = StackConfigurationReader.Read($$"""{ "manifest": { "id": "com.example.crm", "engines": { "protocol": "{{range}}" } } }""").Manifest;

        Assert.That(manifest?.ProtocolRange, Is.EqualTo(range));
    }

    [TestCase("^16")]
    [TestCase("^18")]
    [TestCase(">=18")]
    public void Read_ProtocolRangeExcludingCurrent_IsRejected(string range)
    {
        var error = SingleError($$"""{ "manifest": { "id": "com.example.crm", "engines": { "protocol": "{{range}}" } } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.engines.protocol"));
        Assert.That(error.Message, Does.Contain("this runtime speaks protocol 17"));
    }

    [TestCase("garbage")]
    [TestCase("<18")]
    public void Read_ProtocolRangeNotUnderstood_IsRejected(string range)
    {
        var error = SingleError($$"""{ "manifest": { "id": "com.example.crm", "engines": { "protocol": "{{range}}" } } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.engines.protocol"));
        Assert.That(error.Message, Does.Contain("is not a protocol range this runtime understands"));
    }

    [Test]
    public void Read_UnknownEnginesKey_ReportsPath()
    {
        var error = SingleError("""{ "manifest": { "id": "com.example.crm", "engines": { "node": ">=20" } } }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest.engines.node"));
        Assert.That(error.Message, Does.Contain("unknown key 'node'"));
    }

    [Test]
    public void Read_DuplicatePluginIdInList_NamesFirstPath()
    {
        var error = SingleError("""{ "plugins": ["objectstack.audit", "objectstack.auth", { "id": "objectstack.audit" }] }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins[2].id"));
        Assert.That(error.Message, Is.EqualTo("plugin 'objectstack.audit' is already enabled at $.plugins[0]."));
    }

    [TestCase("audit")]
    [TestCase("ObjectStack.Audit")]
    public void Read_PluginIdNotDotted_ReportsId(string id)
    {
        var error = SingleError($$"""{ "plugins": ["{{id}}"] }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins[0]"));
        Assert.That(error.Message, Does.Contain("is not a plugin id"));
    }

    [Test]
    public void Read_PluginObjectIdNotDotted_ReportsIdPath()
    {
        var error = SingleError("""{ "plugins": [{ "id": "audit" }] }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins[0].id"));
        Assert.That(error.Message, Does.Contain("is not a plugin id"));
    }

    [Test]
    public void Read_PluginObjectWithoutId_ReportsIdRequired()
    {
        var error = SingleError("""{ "plugins": [{ "options": {} }] }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins[0].id"));
        Assert.That(error.Message, Is.EqualTo("is required."));
    }

    [Test]
    public void Read_PluginEntryNeitherStringNorObject_ReportsKind()
    {
        var error = SingleError("""{ "plugins": [42] }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins[0]"));
        Assert.That(error.Message, Does.Contain("must be an object, not a number"));
    }

    [TestCase("5", "a number")]
    [TestCase("[]", "an array")]
    [TestCase("\"x\"", "a string")]
    [TestCase("null", "null")]
    public void Read_PluginOptionsNotAnObject_ReportsOptionsPath(string options, string kind)
    {
        var error = SingleError($$"""{ "plugins": [{ "id": "objectstack.audit", "options": {{options}} }] }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins[0].options"));
        Assert.That(error.Message, Is.EqualTo($"must be an object, not {kind}."));
    }

    [Test]
    public void Read_PluginsNeitherArrayNorObject_ReportsKind()
    {
        var error = SingleError("""{ "plugins": "objectstack.audit" }""");

        Assert.That(error.Path, Is.EqualTo("$.plugins"));
        Assert.That(error.Message, Does.Contain("not a string"));
    }

    [TestCase("\"auth\"", "a string")]
    [TestCase("{}", "an object")]
    public void Read_RequiresNotAnArray_ReportsKind(string requires, string kind)
    {
        var error = SingleError($$"""{ "requires": {{requires}} }""");

        Assert.That(error.Path, Is.EqualTo("$.requires"));
        Assert.That(error.Message, Is.EqualTo($"must be an array of capability names, not {kind}."));
    }

    [TestCase("\"Auth\"")]
    [TestCase("\"\"")]
    [TestCase("true")]
    public void Read_RequiresItemNotACapability_ReportsItemPath(string item)
    {
        var error = SingleError($$"""{ "requires": ["audit", {{item}}] }""");

        Assert.That(error.Path, Is.EqualTo("$.requires[1]"));
        Assert.That(error.Message, Does.Contain("must be a capability name"));
    }

    [Test]
    public void Read_MalformedJson_ReportsLineNumber()
    {
        var error = SingleError("{\n  \"plugins\": [],\n  \"requires\": [ oops ]\n}");

        Assert.That(error.Path, Does.StartWith("line 3"));
        Assert.That(error.Message, Does.StartWith("is not valid JSON"));
    }

    [Test]
    public void Read_UnterminatedJson_ReportsInvalidJson()
    {
        var error = SingleError("{ \"plugins\": [");

        Assert.That(error.Path, Does.StartWith("line 1"));
        Assert.That(error.Message, Does.StartWith("is not valid JSON"));
    }

    [Test]
    public void Read_SourceGiven_IsUsedInException()
    {
        var exception = Assert.Throws<ObjectStackConfigurationException>(() => StackConfigurationReader.Read("{ \"foo\": 1 }", "app.json"));

        Assert.That(exception!.Source, Is.EqualTo("app.json"));
        Assert.That(exception.Message, Does.StartWith("app.json has 1 problem:"));
    }

    [TestCase("[]", "an array")]
    [TestCase("\"objectstack\"", "a string")]
    [TestCase("null", "null")]
    public void Read_RootNotAnObject_ReportsRoot(string json, string kind)
    {
        var error = SingleError(json);

        Assert.That(error.Path, Is.EqualTo("$"));
        Assert.That(error.Message, Is.EqualTo($"must be an object, not {kind}."));
    }

    [Test]
    public void Read_ManifestNotAnObject_ReportsManifest()
    {
        var error = SingleError("""{ "manifest": "com.example.crm" }""");

        Assert.That(error.Path, Is.EqualTo("$.manifest"));
        Assert.That(error.Message, Is.EqualTo("must be an object, not a string."));
    }

    [Test]
    public void Read_NullText_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => StackConfigurationReader.Read(null!));
    }

    [Test]
    public void ReadFile_MissingFile_SaysFileDoesNotExist()
    {
        var path = Path.Combine(Path.GetTempPath(), $"objectstack-missing-{Guid.NewGuid():N}", "objectstack.json");

        var exception = Assert.Throws<ObjectStackConfigurationException>(() => StackConfigurationReader.ReadFile(path));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Source, Is.EqualTo(path));
            Assert.That(exception.Message, Does.Contain("does not exist"));
            Assert.That(exception.Errors.Select(e => e.Path), Is.EqualTo(new[] { "$" }));
        }
    }

    [Test]
    public void ReadFile_ExistingFile_ReadsItWithFullPathAsSource()
    {
        var directory = Directory.CreateTempSubdirectory("objectstack-config-");
        try
        {
            var path = Path.Combine(directory.FullName, "objectstack.json");
            File.WriteAllText(path, FullConfiguration);

            var configuration = StackConfigurationReader.ReadFile(path);

            using (Assert.EnterMultipleScope())
            {
                Assert.That(configuration.Source, Is.EqualTo(Path.GetFullPath(path)));
                Assert.That(configuration.Manifest?.Id, Is.EqualTo("com.example.crm"));
                Assert.That(configuration.Plugins, Has.Count.EqualTo(3));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Test]
    public void ReadFile_InvalidFile_UsesFullPathAsSource()
    {
        var directory = Directory.CreateTempSubdirectory("objectstack-config-");
        try
        {
            var path = Path.Combine(directory.FullName, "objectstack.json");
            File.WriteAllText(path, """{ "plugin": [] }""");

            var exception = Assert.Throws<ObjectStackConfigurationException>(() => StackConfigurationReader.ReadFile(path));

            using (Assert.EnterMultipleScope())
            {
                Assert.That(exception!.Source, Is.EqualTo(Path.GetFullPath(path)));
                Assert.That(exception.Errors.Select(e => e.Path), Is.EqualTo(new[] { "$.plugin" }));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
