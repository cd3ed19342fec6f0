using System.Text.Json;

namespace ContractKit.Serialization;

/// <summary>Reads one item of a list or map; used by generated converters.</summary>
public delegate T JsonItemReader<out T>(ref Utf8JsonReader reader, JsonSerializerOptions options);

/// <summary>Writes one item of a list or map; used by generated converters.</summary>
public delegate void JsonItemWriter<in T>(Utf8JsonWriter writer, T value, JsonSerializerOptions options);

/// <summary>
/// Value readers and writers for generated DTO converters: no reflection, and a clear JsonException
/// (naming the expected kind) when the document has another.
/// </summary>
public static class JsonValues
{
    public static string ReadString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw Unexpected(ref reader, "a string");

    public static long ReadInt64(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) ? value : throw Unexpected(ref reader, "an integer");

    public static decimal ReadDecimal(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value) ? value : throw Unexpected(ref reader, "a number");

    public static bool ReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw Unexpected(ref reader, "true or false"),
    };

    public static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value) ? value : throw Unexpected(ref reader, "a date-time");

    public static DateOnly ReadDateOnly(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var value)
            ? value
            : throw Unexpected(ref reader, "a date (YYYY-MM-DD)");

    public static Guid ReadGuid(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var value) ? value : throw Unexpected(ref reader, "a uuid");

    public static JsonElement ReadElement(ref Utf8JsonReader reader) => JsonElement.ParseValue(ref reader);

    public static List<T> ReadList<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonItemReader<T> item)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Unexpected(ref reader, "an array");
        }

        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(item(ref reader, options));
        }

        return list;
    }

    public static Dictionary<string, T> ReadMap<T>(ref Utf8JsonReader reader, JsonSerializerOptions options, JsonItemReader<T> item)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Unexpected(ref reader, "an object");
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = item(ref reader, options);
        }

        return map;
    }

    public static void WriteList<T>(Utf8JsonWriter writer, IEnumerable<T> items, JsonSerializerOptions options, JsonItemWriter<T> item)
    {
        writer.WriteStartArray();
        foreach (var value in items)
        {
            item(writer, value, options);
        }

        writer.WriteEndArray();
    }

    public static void WriteMap<T>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, T>> items, JsonSerializerOptions options, JsonItemWriter<T> item)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in items)
        {
            writer.WritePropertyName(name);
            item(writer, value, options);
        }

        writer.WriteEndObject();
    }

    public static void WriteDateOnly(Utf8JsonWriter writer, DateOnly value) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The failure when a document has another kind of value than the contract documents.</summary>
    public static JsonException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new($"expected {expected}, found {reader.TokenType}");

    public static JsonException MissingRequired(string typeName, string property) =>
        new($"{typeName}: the required property \"{property}\" is missing");
}
