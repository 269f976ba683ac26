using System.Text.Json;
using ObjectStack.Abstractions.Metadata;
using ObjectStack.Hosting.Configuration;

namespace ObjectStack.Hosting.Metadata;

/// <summary>
/// Reads the <c>objects</c> section of <c>objectstack.json</c> (an array, or a map keyed by name) strictly.
/// Cross-object checks, such as references, run later in <see cref="MetadataValidator"/>.
/// </summary>
internal static class ObjectMetadataReader
{
    private static readonly string[] ApiMethodNames = ["get", "list", "create", "update", "delete", "bulk"];
    private static readonly string[] LegacyApiMethodNames = ["upsert", "aggregate", "history", "search", "restore", "purge", "import", "export"];

    public static List<(ObjectDefinition Object, string Path)> ReadAll(JsonElement element, string path, List<ConfigurationError> errors)
    {
        var objects = new List<(ObjectDefinition Object, string Path)>();
        foreach (var (name, item, itemPath) in Collection.Enumerate(element, path, errors))
        {
            if (Read(name, item, itemPath, errors) is { } obj)
            {
                if (objects.Exists(o => o.Object.Name == obj.Name))
                {
                    errors.Add(new(itemPath, $"object '{obj.Name}' is defined more than once."));
                    continue;
                }

                objects.Add((obj, itemPath));
            }
        }

        return objects;
    }

    private static ObjectDefinition? Read(string? key, JsonElement element, string path, List<ConfigurationError> errors)
    {
        var walker = JsonObjectWalker.Start(element, path, errors);
        if (walker is null)
        {
            return null;
        }

        MetadataKeyCheck.Check(walker, element, MetadataKeys.ObjectKeys, MetadataKeys.ObjectDisplayHints, MetadataKeys.ObjectInertDefaults, "object");
        var name = walker.GetString("name", required: key is null) ?? key;
        if (key is not null && walker.GetString("name") is { } declared && declared != key)
        {
            walker.AddError("name", $"'{declared}' differs from the object's key '{key}'.");
        }

        if (name is null || !CheckName(walker, name))
        {
            return null;
        }

        var fields = new List<FieldDefinition>();
        if (walker.Get("fields") is { } fieldsElement)
        {
            foreach (var (fieldName, item, fieldPath) in Collection.Enumerate(fieldsElement, path + ".fields", errors))
            {
                if (fieldName is null)
                {
                    errors.Add(new(fieldPath + ".name", "is required: a field listed in an array needs a name."));
                    continue;
                }

                if (!CheckFieldName(fieldName, fieldPath, errors, fields))
                {
                    continue;
                }

                if (FieldMetadataReader.Read(fieldName, item, fieldPath, errors) is { } field)
                {
                    fields.Add(field);
                }
            }
        }
        else
        {
            walker.AddError("fields", "is required.");
        }

        if (walker.GetString("datasource") is { } datasource && datasource != "default")
        {
            walker.AddError("datasource", $"'{datasource}': only the default datasource is supported by this runtime version.");
        }

        return new ObjectDefinition
        {
            Name = name,
            Label = walker.GetString("label"),
            PluralLabel = walker.GetString("pluralLabel"),
            Description = walker.GetString("description"),
            Fields = fields,
            Indexes = ReadIndexes(walker, name, errors),
            SharingModel = ReadSharingModel(walker),
            Enable = ReadEnable(walker, errors),
            NameField = walker.GetString("nameField") ?? walker.GetString("displayNameField"),
            SearchableFields = walker.GetStringArray("searchableFields") ?? [],
            OrganizationScoped = ReadTenancy(walker, errors),
        };
    }

    private static bool CheckName(JsonObjectWalker walker, string name)
    {
        if (!Identifiers.IsSnakeCase(name) || name.Length > FieldMetadataReader.MaxNameLength)
        {
            walker.AddError("name", $"'{name}' must be snake_case (a-z, 0-9, _; starting with a letter) and at most {FieldMetadataReader.MaxNameLength} characters.");
            return false;
        }

        if (name.StartsWith("sys_", StringComparison.Ordinal))
        {
            walker.AddError("name", $"'{name}': the 'sys_' prefix is reserved for platform objects that plugins contribute.");
            return false;
        }

        return true;
    }

    private static bool CheckFieldName(string name, string path, List<ConfigurationError> errors, List<FieldDefinition> fields)
    {
        if (!Identifiers.IsSnakeCase(name) || name.Length > FieldMetadataReader.MaxNameLength)
        {
            errors.Add(new(path, $"field name '{name}' must be snake_case (a-z, 0-9, _; starting with a letter) and at most {FieldMetadataReader.MaxNameLength} characters."));
            return false;
        }

        if (SystemFieldNames.Contains(name))
        {
            errors.Add(new(path, $"'{name}' is a system field; the engine adds and maintains it on every object."));
            return false;
        }

        if (name is "rowid" or "oid" or "ctid" or "xmin" or "xmax" or "cmin" or "cmax" or "tableoid")
        {
            errors.Add(new(path, $"'{name}' is reserved by the databases the runtime stores data in; choose another name."));
            return false;
        }

        if (fields.Exists(f => f.Name == name))
        {
            errors.Add(new(path, $"field '{name}' is defined more than once."));
            return false;
        }

        return true;
    }

    private static List<IndexDefinition> ReadIndexes(JsonObjectWalker walker, string objectName, List<ConfigurationError> errors)
    {
        var indexes = new List<IndexDefinition>();
        if (walker.Get("indexes") is not { } element)
        {
            return indexes;
        }

        if (element.ValueKind != JsonValueKind.Array)
        {
            walker.AddError("indexes", "must be an array of indexes.");
            return indexes;
        }

        var position = 0;
        foreach (var item in element.EnumerateArray())
        {
            var path = $"{walker.Path}.indexes[{position++}]";
            if (JsonObjectWalker.Start(item, path, errors) is not { } index)
            {
                continue;
            }

            index.RejectUnknownKeys(MetadataKeys.IndexKeys);
            var fields = index.GetStringArray("fields");
            if (fields is null || fields.Count == 0)
            {
                index.AddError("fields", "must list at least one field.");
                continue;
            }

            var name = index.GetString("name") ?? string.Join("_", fields);
            if (!Identifiers.IsSnakeCase(name))
            {
                index.AddError("name", $"'{name}' must be snake_case.");
                continue;
            }

            var unique = FieldMetadataReader.ReadUnique(index);

            if (indexes.Exists(i => i.Name == name))
            {
                index.AddError("name", $"index '{name}' is defined twice on '{objectName}'.");
                continue;
            }

            indexes.Add(new IndexDefinition { Name = name, Fields = fields, Unique = unique });
        }

        return indexes;
    }

    private static SharingModel ReadSharingModel(JsonObjectWalker walker) => walker.GetString("sharingModel") switch
    {
        null or "private" => SharingModel.Private,
        "public_read" => SharingModel.PublicRead,
        "public_read_write" => SharingModel.PublicReadWrite,
        "controlled_by_parent" => SharingModel.ControlledByParent,
        var other => AddError(walker, "sharingModel", $"'{other}' is not one of private, public_read, public_read_write, controlled_by_parent.", SharingModel.Private),
    };

    private static ObjectFeatures ReadEnable(JsonObjectWalker walker, List<ConfigurationError> errors)
    {
        if (walker.Get("enable") is not { } element || JsonObjectWalker.Start(element, walker.Path + ".enable", errors) is not { } enable)
        {
            return ObjectFeatures.Default;
        }

        MetadataKeyCheck.Check(enable, element, MetadataKeys.EnableKeys, new HashSet<string>(), MetadataKeys.EnableInertDefaults, "enable");
        var methods = ApiMethods.All;
        if (enable.GetStringArray("apiMethods") is { } names)
        {
            methods = ApiMethods.None;
            foreach (var method in names)
            {
                var index = Array.IndexOf(ApiMethodNames, method);
                if (index >= 0)
                {
                    methods |= (ApiMethods)(1 << index);
                }
                else if (!LegacyApiMethodNames.Contains(method))
                {
                    enable.AddError("apiMethods", $"'{method}' is not one of {string.Join(", ", ApiMethodNames)}.");
                }
            }
        }

        return new ObjectFeatures
        {
            ApiEnabled = enable.GetBoolean("apiEnabled", fallback: true),
            ApiMethods = methods,
            TrackHistory = enable.GetBoolean("trackHistory"),
            Files = enable.GetBoolean("files"),
            Searchable = enable.GetBoolean("searchable", fallback: true),
        };
    }

    private static bool ReadTenancy(JsonObjectWalker walker, List<ConfigurationError> errors)
    {
        if (walker.Get("tenancy") is not { } element || JsonObjectWalker.Start(element, walker.Path + ".tenancy", errors) is not { } tenancy)
        {
            return true;
        }

        tenancy.RejectUnknownKeys(MetadataKeys.TenancyKeys);
        if (tenancy.Get("enabled") is null)
        {
            tenancy.AddError("enabled", "is required.");
        }

        return tenancy.GetBoolean("enabled", fallback: true);
    }

    private static T AddError<T>(JsonObjectWalker walker, string key, string message, T fallback)
    {
        walker.AddError(key, message);
        return fallback;
    }
}
