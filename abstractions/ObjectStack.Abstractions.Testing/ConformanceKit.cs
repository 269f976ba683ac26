using System.Globalization;
using System.Text.Json;
using ObjectStack.Abstractions.Data;
using ObjectStack.Abstractions.Data.Filters;
using ObjectStack.Abstractions.Execution;
using ObjectStack.Hosting.Data.Query;

namespace ObjectStack.Abstractions.Testing;

/// <summary>Small helpers shared by the conformance fixtures, and by driver-specific tests that want the same style.</summary>
public static class ConformanceKit
{
    /// <summary>The wire form of an instant, as the engine writes versions: <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Gets a caller with full access: user alice, no organization.</summary>
    public static OperationContext Alice { get; } = User("alice");

    /// <summary>Gets the system context.</summary>
    public static OperationContext SystemContext { get; } = OperationContext.System("driver conformance tests");

    /// <summary>An authenticated human caller, optionally inside an organization.</summary>
    /// <param name="user">The user id.</param>
    /// <param name="organization">The active organization, or null.</param>
    /// <returns>The context.</returns>
    public static OperationContext User(string user, string? organization = null) =>
        OperationContext.ForPrincipal(PrincipalKind.Human, user, organization, [], []);

    /// <summary>Builds write values from name/value pairs.</summary>
    /// <param name="values">The pairs.</param>
    /// <returns>The values by field name.</returns>
    public static Dictionary<string, object?> Values(params (string Name, object? Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>Parses a wire filter (object or array form).</summary>
    /// <param name="json">The filter.</param>
    /// <returns>The filter tree.</returns>
    public static FilterNode Where(string json) => FilterParser.ParseText(json)!;

    /// <summary>A JSON value, as the REST layer would hand it to the engine.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The value.</returns>
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>A UTC instant from its ISO 8601 text.</summary>
    /// <param name="text">The text, such as <c>2024-01-10T08:00:00Z</c>.</param>
    /// <returns>The instant.</returns>
    public static DateTimeOffset Instant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Formats an instant the way the engine formats versions.</summary>
    /// <param name="updatedAt">A record's <c>updated_at</c>.</param>
    /// <returns>The version token.</returns>
    public static string Version(object? updatedAt) =>
        ((DateTimeOffset)updatedAt!).UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    /// <summary>Finds every record (up to 1000) matching <paramref name="filter"/>.</summary>
    /// <param name="engine">The engine or a transaction.</param>
    /// <param name="objectName">The object.</param>
    /// <param name="filter">The filter; null for all.</param>
    /// <param name="context">Who reads; null for the system.</param>
    /// <returns>The records, in the engine's default order.</returns>
    public static async Task<IReadOnlyList<IReadOnlyDictionary<string, object?>>> FindAllAsync(
        IDataOperations engine, string objectName, FilterNode? filter = null, OperationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var result = await engine.FindAsync(context ?? SystemContext, new RecordQuery { ObjectName = objectName, Filter = filter, Limit = 1000 });
        return result.Records;
    }

    /// <summary>The values of <paramref name="field"/> of every record matching the filter, in ordinal order; null reads <c>&lt;null&gt;</c>.</summary>
    /// <param name="engine">The engine or a transaction.</param>
    /// <param name="objectName">The object.</param>
    /// <param name="filter">The filter; null for all.</param>
    /// <param name="field">The field.</param>
    /// <param name="context">Who reads; null for the system.</param>
    /// <returns>The values.</returns>
    public static async Task<List<string>> ValuesOfAsync(
        IDataOperations engine, string objectName, FilterNode? filter = null, string field = "name", OperationContext? context = null)
    {
        var records = await FindAllAsync(engine, objectName, filter, context);
        return records.Select(r => Convert.ToString(r[field], CultureInfo.InvariantCulture) ?? "<null>").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Counts the records of an object as the system sees them.</summary>
    /// <param name="engine">The engine or a transaction.</param>
    /// <param name="objectName">The object.</param>
    /// <param name="filter">The filter; null for all.</param>
    /// <returns>The count.</returns>
    public static async Task<long> CountAsync(IDataOperations engine, string objectName, FilterNode? filter = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var result = await engine.FindAsync(SystemContext, new RecordQuery { ObjectName = objectName, Filter = filter, Limit = 1, IncludeTotal = true });
        return result.Total!.Value;
    }

    /// <summary>Asserts that <paramref name="action"/> fails with a <see cref="DataOperationException"/> of <paramref name="code"/>.</summary>
    /// <param name="code">The expected code.</param>
    /// <param name="action">The operation.</param>
    /// <returns>The exception.</returns>
    public static DataOperationException Refused(DataErrorCode code, Func<Task> action)
    {
        var exception = Assert.ThrowsAsync<DataOperationException>(action);
        Assert.That(exception!.Code, Is.EqualTo(code), exception.Message);
        return exception;
    }

    /// <summary>Splits comma-separated names into a list in ordinal order; an empty string is an empty list.</summary>
    /// <param name="names">The names, such as <c>alpha,bravo</c>.</param>
    /// <returns>The names.</returns>
    public static List<string> Split(string names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.Length == 0 ? [] : [.. names.Split(',').Order(StringComparer.Ordinal)];
    }
}
