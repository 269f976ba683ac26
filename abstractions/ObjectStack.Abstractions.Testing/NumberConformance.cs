using System.Globalization;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Abstractions.Testing;

/// <summary>
/// Numbers at their boundaries: every value of up to 15 significant digits is stored exactly (what every driver holds,
/// a double included), compares and sorts numerically, and is found by equality; a value a driver cannot hold exactly is
/// refused as invalid, never rounded, and never changes what is stored.
/// </summary>
/// <typeparam name="THarness">The driver's harness.</typeparam>
public abstract class NumberConformance<THarness> : DriverConformanceFixture<THarness>
    where THarness : DriverHarness, new()
{
    /// <inheritdoc />
    protected override string Objects => """
        {
          "measure": {
            "fields": {
              "name": { "type": "text" },
              "qty": { "type": "number" },
              "whole": { "type": "number", "scale": 0 },
              "big": { "type": "number", "precision": 18, "scale": 0 },
              "amount": { "type": "currency", "precision": 18, "scale": 2 },
              "price": { "type": "currency" },
              "ratio": { "type": "percent" }
            }
          }
        }
        """;

    /// <summary>Numbers within the declared precision round-trip exactly and are found by equality.</summary>
    [TestCase("amount", "0.07")]
    [TestCase("amount", "123456789012.34")]
    [TestCase("big", "999999999999999")]
    public async Task Insert_NumberWithinTheDeclaredPrecision_RoundTripsExactly(string field, string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);

        var written = await Engine.InsertAsync(Alice, "measure", Values(("name", "n"), (field, value)));

        var stored = await Engine.GetAsync(Alice, "measure", written.Id);
        Assert.That(stored![field], Is.EqualTo(value), "a value the metadata accepts must be stored exactly");
        Assert.That(await CountAsync(Engine, "measure", FilterNode.All(ById(written.Id), new ComparisonFilter(field, FilterOperator.Eq, value))), Is.EqualTo(1));
    }

    /// <summary>Values of up to 15 significant digits, at both signs and every magnitude, round-trip exactly and are found by equality.</summary>
    [TestCase("qty", "0")]
    [TestCase("qty", "-0.5")]
    [TestCase("qty", "0.3")]
    [TestCase("qty", "0.000000000000001")]
    [TestCase("qty", "123456789.012345")]
    [TestCase("qty", "-123456789.012345")]
    [TestCase("qty", "12345678901234.5")]
    [TestCase("qty", "999999999999999")]
    [TestCase("qty", "-999999999999999")]
    [TestCase("qty", "100000000000000000000")]
    [TestCase("qty", "0.1234567890123")]
    [TestCase("whole", "-999999999999999")]
    [TestCase("big", "100000000000000")]
    [TestCase("amount", "9999999999999.99")]
    [TestCase("amount", "-9999999999999.99")]
    [TestCase("amount", "0.01")]
    [TestCase("price", "0.1")]
    [TestCase("ratio", "33.3333333333333")]
    [TestCase("ratio", "-0.000001")]
    public async Task Insert_FifteenSignificantDigits_RoundTripExactly(string field, string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);

        var written = await Engine.InsertAsync(Alice, "measure", Values(("name", text), (field, value)));

        var stored = await Engine.GetAsync(Alice, "measure", written.Id);
        Assert.That(stored![field], Is.EqualTo(value).And.TypeOf<decimal>());
        Assert.That(await CountAsync(Engine, "measure", FilterNode.All(ById(written.Id), new ComparisonFilter(field, FilterOperator.Eq, value))), Is.EqualTo(1));
        Assert.That(await CountAsync(Engine, "measure", FilterNode.All(ById(written.Id), Where($$"""{ "{{field}}": {{text}} }"""))), Is.EqualTo(1), "the JSON form matches too");
    }

    /// <summary>Neighbouring values 1 in the 15th digit apart stay distinct: they compare, sort and match one by one.</summary>
    [Test]
    public async Task Find_NeighboursInTheFifteenthDigit_CompareAndSortNumerically()
    {
        var values = new[] { 99999999999999.8m, 99999999999999.9m, 100000000000000m, -0.000000000000002m, -0.000000000000001m, 0m, 2m, 10m, -10m };
        var ids = new Dictionary<decimal, string>();
        foreach (var value in values)
        {
            ids[value] = await InsertAsync("measure", ("name", "neighbour"), ("qty", value));
        }

        var neighbours = Where("""{ "name": "neighbour" }""");
        var ascending = await Engine.FindAsync(Alice, new RecordQuery { ObjectName = "measure", Filter = neighbours, Sort = [new SortField("qty")] });
        var above = await FindAllAsync(Engine, "measure", FilterNode.All(neighbours, new ComparisonFilter("qty", FilterOperator.Gt, 99999999999999.8m)));
        var below = await FindAllAsync(Engine, "measure", FilterNode.All(neighbours, new ComparisonFilter("qty", FilterOperator.Lt, -0.000000000000001m)));

        Assert.That(ascending.Records.Select(r => r["qty"]), Is.EqualTo(values.Order().Cast<object>()), "numeric order, not text order");
        Assert.That(above.Select(r => r["qty"]), Is.EquivalentTo(new object[] { 99999999999999.9m, 100000000000000m }));
        Assert.That(below.Select(r => r["qty"]), Is.EquivalentTo(new object[] { -0.000000000000002m, -10m }));
        foreach (var (value, id) in ids)
        {
            var matched = await FindAllAsync(Engine, "measure", FilterNode.All(neighbours, new ComparisonFilter("qty", FilterOperator.Eq, value)));
            Assert.That(matched.Select(r => r["id"]), Is.EqualTo(new[] { id }), value.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A number with more significant digits than 15 is either stored exactly or refused as invalid with nothing written; a refused update keeps the stored value.</summary>
    [TestCase("1234567890.123456789012345678")]
    [TestCase("123456789012345678")]
    [TestCase("0.1234567890123456789")]
    [TestCase("-79228162514264337593543950335")]
    public async Task Write_NumberBeyondFifteenDigits_IsExactOrRefusedAndNeverCorrupts(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        var name = "precise " + text;
        var kept = await Engine.InsertAsync(Alice, "measure", Values(("name", "kept " + text), ("qty", 1.5m)));

        await ExactOrRefusedAsync(() => Engine.InsertAsync(Alice, "measure", Values(("name", name), ("qty", value))), async accepted =>
        {
            Assert.That((await FindAllAsync(Engine, "measure", Where($$"""{ "name": "{{name}}" }"""))).Select(r => r["qty"]), Is.EqualTo(accepted ? new object[] { value } : []));
        });
        await ExactOrRefusedAsync(() => Engine.UpdateAsync(Alice, "measure", kept.Id, Values(("qty", value))), async accepted =>
        {
            Assert.That((await Engine.GetAsync(Alice, "measure", kept.Id))!["qty"], Is.EqualTo(accepted ? value : 1.5m));
        });
    }

    private static ComparisonFilter ById(string id) => new("id", FilterOperator.Eq, id);

    private static async Task ExactOrRefusedAsync(Func<Task> write, Func<bool, Task> check)
    {
        var accepted = true;
        try
        {
            await write();
        }
        catch (DataOperationException ex)
        {
            Assert.That(ex.Code, Is.EqualTo(DataErrorCode.ValidationFailed), ex.Message);
            Assert.That(ex.Fields.Select(f => f.Field), Is.EqualTo(new[] { "qty" }), "the refusal names the field");
            accepted = false;
        }

        await check(accepted);
    }
}
