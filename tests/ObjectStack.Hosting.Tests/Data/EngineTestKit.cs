using System.Globalization;
using System.Text.Json;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Hosting.Data.Query;

namespace ObjectStack.Hosting.Tests.Data;

/// <summary>Small helpers shared by the data engine, seed and migration tests.</summary>
internal static class EngineTestKit
{
    /// <summary>The wire form of an instant, as the engine writes versions: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>An authenticated human caller, optionally inside an organization.</summary>
    public static OperationContext User(string user, string? organization = null) =>
        OperationContext.ForPrincipal(PrincipalKind.Human, user, organization, [], []);

    /// <summary>Builds write values from name/value pairs.</summary>
    public static Dictionary<string, object?> Values(params (string Name, object? Value)[] values)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>Parses a wire filter (object or array form).</summary>
    public static FilterNode Where(string json) => FilterParser.ParseText(json)!;

    /// <summary>A JSON value, as the REST layer would hand it to the engine.</summary>
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A UTC instant from its ISO 8601 text.</summary>
    public static DateTimeOffset Instant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Formats an instant the way the engine formats versions.</summary>
    public static string Version(object? updatedAt) =>
        ((DateTimeOffset)updatedAt!).UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>Finds every record (up to 1000) matching <paramref name="filter"/>, sorted by id.</summary>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> FindAllAsync(
        IDataOperations engine, string objectName, FilterNode? filter = null, OperationContext? context = null)
    {
        var result = await engine.FindAsync(context ?? DataTestHost.System, new RecordQuery { ObjectName = objectName, Filter = filter, Limit = 1000 });
        return result.Records;
    }

    /// <summary>The values of <paramref name="field"/> of every record matching the filter, in ordinal order.</summary>
    public static async Task<List<string>> ValuesOfAsync(
        IDataOperations engine, string objectName, FilterNode? filter = null, string field = "name", OperationContext? context = null)
    {
        var records = await FindAllAsync(engine, objectName, filter, context);
        return records.Select(r => Convert.ToString(r[field], CultureInfo.InvariantCulture) ?? "<null>").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Counts the records of an object as the system sees them.</summary>
    public static async Task<long> CountAsync(IDataOperations engine, string objectName, FilterNode? filter = null)
    {
        var result = await engine.FindAsync(DataTestHost.System, new RecordQuery { ObjectName = objectName, Filter = filter, Limit = 1, IncludeTotal = true });
        return result.Total!.Value;
    }

    /// <summary>Asserts that <paramref name="action"/> fails with a <see cref="DataOperationException"/> of <paramref name="code"/>.</summary>
    public static DataOperationException Refused(DataErrorCode code, Func<Task> action)
    {
        var exception = Assert.ThrowsAsync<DataOperationException>(action);
        Assert.That(exception!.Code, Is.EqualTo(code), exception.Message);
        return exception;
    }
}
