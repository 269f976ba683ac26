using System.Text.Json;
using System.Text.Json.Serialization;
using ObjectStack.Hosting.Data.Values;

namespace ObjectStack.Hosting.Rest;

/// <summary>How the REST API writes JSON: instants as <c>2025-01-01T12:00:00.000Z</c>, times as <c>09:30:00.000</c>, absent values omitted from envelopes.</summary>
internal static class RestJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = null,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new RecordJsonConverter());
        options.Converters.Add(new InstantConverter());
        options.Converters.Add(new TimeConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class InstantConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ValueFormats.TryParseDateTime(reader.GetString() ?? string.Empty, out var value) ? value : throw new JsonException("Not an ISO 8601 instant.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(ValueFormats.FormatDateTime(value));
    }

    private sealed class TimeConverter : JsonConverter<TimeOnly>
    {
        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ValueFormats.TryParseTime(reader.GetString() ?? string.Empty, out var value) ? value : throw new JsonException("Not a time of day.");

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(ValueFormats.FormatTime(value));
    }
}
