using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ContractKit.Validation;

/// <summary>
/// A JSON value from a schema's enum or const, compared with a document's value the way JSON Schema
/// compares: numbers by value (1 equals 1.0), strings after unescaping, objects regardless of member order.
/// Built once per schema; a comparison allocates nothing.
/// </summary>
public sealed class JsonConstant
{
    private readonly JsonValueKind kind;
    private readonly JsonNumber number;
    private readonly byte[]? utf8;
    private readonly JsonConstant[]? items;
    private readonly (byte[] Name, JsonConstant Value)[]? members;

    private JsonConstant(JsonValueKind kind, JsonNumber number = default, byte[]? utf8 = null, JsonConstant[]? items = null, (byte[], JsonConstant)[]? members = null)
    {
        this.kind = kind;
        this.number = number;
        this.utf8 = utf8;
        this.items = items;
        this.members = members;
    }

    public static JsonConstant Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return From(document.RootElement);
    }

    private static JsonConstant From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => new JsonConstant(JsonValueKind.Number, JsonNumber.Parse(element.GetRawText())),
        JsonValueKind.String => new JsonConstant(JsonValueKind.String, utf8: Encoding.UTF8.GetBytes(element.GetString()!)),
        JsonValueKind.Array => new JsonConstant(JsonValueKind.Array, items: element.EnumerateArray().Select(From).ToArray()),
        JsonValueKind.Object => new JsonConstant(JsonValueKind.Object,
            members: element.EnumerateObject().Select(p => (Encoding.UTF8.GetBytes(p.Name), From(p.Value))).ToArray()),
        var other => new JsonConstant(other),
    };

    /// <summary>Compares with the value whose first token the reader is on; may move the reader through it.</summary>
    public bool Matches(ref Utf8JsonReader reader)
    {
        switch (kind)
        {
            case JsonValueKind.Null:
                return reader.TokenType == JsonTokenType.Null;
            case JsonValueKind.True:
                return reader.TokenType == JsonTokenType.True;
            case JsonValueKind.False:
                return reader.TokenType == JsonTokenType.False;
            case JsonValueKind.String:
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(utf8);
            case JsonValueKind.Number:
                if (reader.TokenType != JsonTokenType.Number)
                {
                    return false;
                }

                return number.HasDecimal && reader.TryGetDecimal(out var value)
                    ? value == number.Decimal
                    : JsonNumber.ToDouble(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan) == number.Double;
            case JsonValueKind.Array:
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }

                foreach (var item in items!)
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.EndArray || !item.Matches(ref reader))
                    {
                        return false;
                    }
                }

                reader.Read();
                return reader.TokenType == JsonTokenType.EndArray;
            case JsonValueKind.Object:
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return false;
                }

                var matched = 0;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    JsonConstant? expected = null;
                    foreach (var (name, member) in members!)
                    {
                        if (reader.ValueTextEquals(name))
                        {
                            expected = member;
                            break;
                        }
                    }

                    reader.Read();
                    if (expected is null || !expected.Matches(ref reader))
                    {
                        return false;
                    }

                    matched++;
                }

                return matched == members!.Length;
            default:
                return false;
        }
    }
}
