using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ObjectStack.Abstractions.Data;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Large values: text of more than a mebibyte (multi-byte characters included) and JSON documents of that size
/// round-trip exactly through insert, update, get and find, and text operators still work on them.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class LargeValueConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    private const int MiB = 1024 * 1024;

    /// <inheritdoc />
    protected override string Objects => """
        { "blob": { "fields": { "name": { "type": "text" }, "body": { "type": "textarea" }, "doc": { "type": "json" } } } }
        """;

    /// <summary>Text of 1.5 MiB in UTF-8, mixing one- to four-byte characters, reads back exactly and is found by its start, middle and end.</summary>
    [Test]
    public async Task Insert_TextOverAMebibyte_RoundTripsExactly()
    {
        var text = LargeText(seed: 1, utf8Bytes: MiB + (MiB / 2));
        Assert.That(Encoding.UTF8.GetByteCount(text), Is.GreaterThanOrEqualTo(MiB + (MiB / 2)));

        var written = await Engine.InsertAsync(Alice, "blob", Values(("name", "large text"), ("body", text)));
        var got = await Engine.GetAsync(Alice, "blob", written.Id);
        var found = await FindAllAsync(Engine, "blob", Where("""{ "name": "large text" }"""));

        Assert.That((string)got!["body"]!, Is.EqualTo(text), "get");
        Assert.That((string)found.Single()["body"]!, Is.EqualTo(text), "find");
        Assert.That(await IdsAsync("$startsWith", Marker(1, "start")), Is.EqualTo(new[] { written.Id }));
        Assert.That(await IdsAsync("$contains", Marker(1, "middle")), Is.EqualTo(new[] { written.Id }));
        Assert.That(await IdsAsync("$endsWith", Marker(1, "end")), Is.EqualTo(new[] { written.Id }));
        Assert.That(await IdsAsync("$icontains", Marker(1, "MIDDLE")), Is.EqualTo(new[] { written.Id }));
    }

    /// <summary>Large text replaced by other large text, then by a short one, reads back exactly each time.</summary>
    [Test]
    public async Task Update_LargeText_ReplacesItExactly()
    {
        var written = await Engine.InsertAsync(Alice, "blob", Values(("name", "replaced"), ("body", LargeText(seed: 2, utf8Bytes: MiB))));
        var replacement = LargeText(seed: 3, utf8Bytes: MiB + 1);

        await Engine.UpdateAsync(Alice, "blob", written.Id, Values(("body", replacement)));
        var afterLarge = (string)(await Engine.GetAsync(Alice, "blob", written.Id))!["body"]!;
        await Engine.UpdateAsync(Alice, "blob", written.Id, Values(("body", "short")));
        var afterShort = (string)(await Engine.GetAsync(Alice, "blob", written.Id))!["body"]!;

        Assert.That(afterLarge, Is.EqualTo(replacement));
        Assert.That(afterShort, Is.EqualTo("short"));
    }

    /// <summary>A JSON document of more than a mebibyte (nested objects, arrays, numbers, escapes, non-ASCII) reads back semantically equal.</summary>
    [Test]
    public async Task Insert_JsonOverAMebibyte_RoundTripsSemantically()
    {
        var items = new JsonArray();
        var next = 0;
        while (Encoding.UTF8.GetByteCount(items.ToJsonString()) < MiB)
        {
            for (var end = next + 500; next < end; next++)
            {
                items.Add(new JsonObject
                {
                    ["id"] = next,
                    ["label"] = $"item {next} — Ünïcode 😀 \"quoted\" \\ {next % 7}",
                    ["price"] = decimal.Parse($"{next}.{next % 100:00}", System.Globalization.CultureInfo.InvariantCulture),
                    ["flags"] = new JsonArray(next % 2 == 0, null, next % 3 == 0),
                    ["nested"] = new JsonObject { ["depth"] = new JsonObject { ["value"] = next * 1.5 } },
                });
            }
        }

        var document = Json(new JsonObject { ["kind"] = "catalog", ["items"] = items }.ToJsonString());
        Assert.That(Encoding.UTF8.GetByteCount(document.GetRawText()), Is.GreaterThanOrEqualTo(MiB));

        var written = await Engine.InsertAsync(Alice, "blob", Values(("name", "large json"), ("doc", document)));
        var got = (JsonElement)(await Engine.GetAsync(Alice, "blob", written.Id))!["doc"]!;
        var found = (JsonElement)(await FindAllAsync(Engine, "blob", Where("""{ "name": "large json" }"""))).Single()["doc"]!;

        Assert.That(JsonElement.DeepEquals(got, document), Is.True, "get");
        Assert.That(JsonElement.DeepEquals(found, document), Is.True, "find");
        Assert.That(got.GetProperty("items").GetArrayLength(), Is.EqualTo(document.GetProperty("items").GetArrayLength()));
    }

    /// <summary>Several large records in one page read back exactly, each its own.</summary>
    [Test]
    public async Task Find_SeveralLargeRecordsInOnePage_ReadBackExactly()
    {
        var texts = Enumerable.Range(10, 4).Select(seed => LargeText(seed, MiB / 2)).ToList();
        foreach (var text in texts)
        {
            await InsertAsync("blob", ("name", "page"), ("body", text));
        }

        var page = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "blob", Filter = Where("""{ "name": "page" }"""), Fields = ["body"], Limit = 10 });

        Assert.That(page.Records.Select(r => (string)r["body"]!), Is.EquivalentTo(texts));
    }

    private static string Marker(int seed, string where) => $"<<seed {seed} {where}>>";

    private async Task<List<object?>> IdsAsync(string op, string needle)
    {
        var filter = new JsonObject { ["body"] = new JsonObject { [op] = needle } };
        var records = await FindAllAsync(Engine, "blob", Where(filter.ToJsonString()));
        return records.Select(r => r["id"]).ToList();
    }

    /// <summary>Text mixing one-, two-, three- and four-byte UTF-8 characters, lines and tabs, with start, middle and end markers unique per seed.</summary>
    private static string LargeText(int seed, int utf8Bytes)
    {
        string[] pieces = ["plain ascii words ", "Ünïcödé ", "中文字符 ", "😀👍🏽𝄞 ", "tab\tand\nnewline ", "'quote\" \\ % _ "];
        var builder = new StringBuilder(utf8Bytes + 64).Append(Marker(seed, "start"));
        var bytes = 0;
        var middle = false;
        for (var i = seed; bytes < utf8Bytes; i++)
        {
            var piece = pieces[i % pieces.Length];
            builder.Append(piece);
            bytes += Encoding.UTF8.GetByteCount(piece);
            if (!middle && bytes >= utf8Bytes / 2)
            {
                builder.Append(Marker(seed, "middle"));
                middle = true;
            }
        }

        return builder.Append(Marker(seed, "end")).ToString();
    }
}
