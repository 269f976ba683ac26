using System.Text.Json;

namespace ObjectStack.Hosting.Configuration;

/// <summary>Reads the <c>data</c> section's structure; the records are checked against metadata when they are applied.</summary>
internal static class SeedDataReader
{
    private static readonly IReadOnlySet<string> Keys = new HashSet<string>(StringComparer.Ordinal) { "object", "externalId", "mode", "env", "records" };
    private static readonly string[] Environments = ["prod", "dev", "test"];

    public static List<SeedDataset> Read(JsonElement element, string path, List<ConfigurationError> errors)
    {
        var datasets = new List<SeedDataset>();
        if (element.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(path, $"must be an array of datasets, not {JsonObjectWalker.Describe(element)}."));
            return datasets;
        }

        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (JsonObjectWalker.Start(item, itemPath, errors) is not { } walker)
            {
                continue;
            }

            walker.RejectUnknownKeys(Keys);
            var objectName = walker.GetString("object", required: true);
            var externalId = walker.Get("externalId") is { ValueKind: JsonValueKind.String } single
                ? [single.GetString()!]
                : walker.GetStringArray("externalId") ?? ["name"];
            if (externalId.Count == 0)
            {
                walker.AddError("externalId", "must name at least one field.");
            }

            var mode = walker.GetString("mode") switch
            {
                null or "upsert" => SeedMode.Upsert,
                "insert" => SeedMode.Insert,
                "update" => SeedMode.Update,
                "ignore" => SeedMode.Ignore,
                "replace" => Refuse(walker, "mode", "'replace' is not supported: it would delete records that are not in the seed. Use 'upsert'."),
                var other => Refuse(walker, "mode", $"'{other}' is not one of upsert, insert, update, ignore."),
            };
            var env = walker.GetStringArray("env");
            if (env is not null && env.FirstOrDefault(e => !Environments.Contains(e)) is { } badEnv)
            {
                walker.AddError("env", $"'{badEnv}' is not one of prod, dev, test.");
            }

            var records = new List<JsonElement>();
            if (walker.Get("records") is { ValueKind: JsonValueKind.Array } array)
            {
                var position = 0;
                foreach (var record in array.EnumerateArray())
                {
                    if (record.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(new($"{itemPath}.records[{position}]", "must be an object of field values."));
                    }
                    else
                    {
                        records.Add(record.Clone());
                    }

                    position++;
                }
            }
            else
            {
                walker.AddError("records", "is required: an array of records.");
            }

            if (objectName is not null)
            {
                datasets.Add(new SeedDataset(objectName, externalId, mode, records, itemPath, env ?? ["prod", "dev", "test"]));
            }
        }

        return datasets;
    }

    private static SeedMode Refuse(JsonObjectWalker walker, string key, string message)
    {
        walker.AddError(key, message);
        return SeedMode.Upsert;
    }
}
