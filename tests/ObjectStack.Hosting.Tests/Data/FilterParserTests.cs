using ObjectStack.Abstractions.Data;
using ObjectStack.Hosting.Data.Query;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>
/// Malformed wire filters are refused by the parser, before any driver sees them. What well-formed filters match is
/// part of the driver conformance suite (ObjectStack.Abstractions.Testing, FilterLogicConformance).
/// </summary>
public sealed class FilterParserTests
{
    [TestCase("""{ "$nor": [] }""")]
    [TestCase("""{ "qty": { "$regex": "1" } }""")]
    [TestCase("""{ "qty": { "$foo": 1 } }""")]
    [TestCase("""{ "qty": [1, 2] }""")]
    [TestCase("""{ "qty": {} }""")]
    [TestCase("""{ "$and": {} }""")]
    [TestCase("""["qty", "~", 1]""")]
    [TestCase("""["qty", ">"]""")]
    [TestCase("""[]""")]
    [TestCase("""42""")]
    [TestCase("""{ "qty": """)]
    public void Parse_MalformedFilter_IsInvalidFilter(string filter)
    {
        var exception = Assert.Throws<DataOperationException>(() => FilterParser.ParseText(filter));
        Assert.That(exception!.Code, Is.EqualTo(DataErrorCode.InvalidFilter));
    }
}
