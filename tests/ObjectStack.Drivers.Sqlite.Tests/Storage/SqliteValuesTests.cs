using System.Globalization;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Testing;
using static ObjectStack.Abstractions.Testing.ConformanceKit;

namespace ObjectStack.Drivers.Sqlite.Tests.Storage;

/// <summary>
/// SQLite stores numbers as doubles (about 15 significant digits): a value it would not read back exactly is refused
/// with the field named, never rounded silently (NumberConformance covers what every driver must store exactly).
/// </summary>
public sealed class SqliteValuesTests : DriverConformanceFixture<SqliteHarness>
{
    protected override bool HostPerTest => true;

    protected override string Objects => """
        {
          "task": {
            "fields": {
              "title": { "type": "text", "required": true },
              "big": { "type": "number", "precision": 18, "scale": 0 },
              "amount": { "type": "currency", "precision": 18, "scale": 2 },
              "qty": { "type": "number" }
            }
          }
        }
        """;

    [TestCase("big", "123456789012345678")]
    [TestCase("amount", "1234567890123456.78")]
    [TestCase("qty", "79228162514264337593543950335", TestName = "Insert_LargestDecimal_IsRefusedNotAnOverflow")]
    [TestCase("qty", "-79228162514264337593543950335", TestName = "Insert_SmallestDecimal_IsRefusedNotAnOverflow")]
    [TestCase("qty", "79000000000000000000000000000", TestName = "Insert_BeyondTheMagnitudeADoubleReadsBack_IsRefused")]
    public async Task Insert_NumberBeyondWhatTheDatasourceStoresExactly_IsRefusedNotRounded(string field, string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);

        var exception = Refused(DataErrorCode.ValidationFailed, () => Engine.InsertAsync(Alice, "task", Values(("title", "too precise"), (field, value))));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { (field, "max_value") }));
        Assert.That(await CountAsync(Engine, "task", new ComparisonFilter("title", FilterOperator.Eq, "too precise")), Is.Zero);
    }

    [Test]
    public async Task Update_NumberBeyondWhatTheDatasourceStoresExactly_IsRefusedAndKeepsTheValue()
    {
        var written = await Engine.InsertAsync(Alice, "task", Values(("title", "kept"), ("big", 42)));

        var exception = Refused(DataErrorCode.ValidationFailed, () => Engine.UpdateAsync(Alice, "task", written.Id, Values(("big", 123456789012345678m))));

        Assert.That(exception.Fields.Select(f => (f.Field, f.Code)), Is.EqualTo(new[] { ("big", "max_value") }));
        Assert.That((await Engine.GetAsync(Alice, "task", written.Id))!["big"], Is.EqualTo(42m));
    }
}
