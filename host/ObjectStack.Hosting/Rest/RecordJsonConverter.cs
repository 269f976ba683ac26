using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ObjectStack.Abstractions.Data;
using ObjectStack.Hosting.Data.Values;

namespace ObjectStack.Hosting.Rest;

/// <summary>
/// Writes records — field name to CLR value, as the engine returns them — without polymorphic serializer dispatch:
/// every value type a field can hold has a direct path, which matters on list responses of hundreds of values.
/// </summary>
internal sealed class RecordJsonConverter : JsonConverter<IReadOnlyDictionary<string, object?>>
{
    // Field names repeat on every record: encode each once, per shape for driver rows, per name otherwise.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonEncodedText> Names = new(StringComparer.Ordinal);
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RowShape, JsonEncodedText[]> ShapeNames = [];

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(IReadOnlyDictionary<string, object?>) || typeToConvert == typeof(Dictionary<string, object?>) || typeToConvert == typeof(Row);

    public override IReadOnlyDictionary<string, object?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Records are read as JSON documents, not through this converter.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, object?> value, JsonSerializerOptions options)
    {
        if (value is Row row && row.Count == row.Shape.Count)
        {
            WriteRow(writer, row, options);
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, item) in value)
        {
            writer.WritePropertyName(Names.Count < 65_536 ? Names.GetOrAdd(name, static n => JsonEncodedText.Encode(n, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping)) : JsonEncodedText.Encode(name));
            WriteValue(writer, item, options);
        }

        writer.WriteEndObject();
    }

    private void WriteRow(Utf8JsonWriter writer, Row row, JsonSerializerOptions options)
    {
        var names = ShapeNames.GetValue(row.Shape, static shape => [.. shape.Names.Select(n => JsonEncodedText.Encode(n, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping))]);
        writer.WriteStartObject();
        for (var i = 0; i < names.Length; i++)
        {
            writer.WritePropertyName(names[i]);
            WriteValue(writer, row[i], options);
        }

        writer.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case long whole:
                writer.WriteNumberValue(whole);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case DateTimeOffset instant:
                Span<char> instantText = stackalloc char[InstantText.Length];
                InstantText.Format(instant, instantText);
                writer.WriteStringValue(instantText);
                break;
            case DateOnly date:
                Span<char> buffer = stackalloc char[10];
                date.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                writer.WriteStringValue(buffer[..written]);
                break;
            case TimeOnly time:
                writer.WriteStringValue(ValueFormats.FormatTime(time));
                break;
            case JsonElement json:
                json.WriteTo(writer);
                break;
            case IReadOnlyDictionary<string, object?> record:
                Write(writer, record, options);
                break;
            case IEnumerable<string> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType(), options);
                break;
        }
    }
}
