using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.CodeAnalysis;

namespace ContractKit.Generators.Tests;

/// <summary>The shapes DTOs take: enums, lists, maps, references, formats, nullability.</summary>
public sealed class DtoTests
{
    private const string Request = """
        { "type": "object", "required": ["mode", "amount"], "properties": {
            "mode": { "type": "string", "enum": ["IMPS", "NEFT", "upi-intent"], "description": "How the money moves." },
            "amount": { "type": "number" },
            "note": { "type": "string" } } }
        """;

    private const string Response = """
        { "type": "object", "required": ["status", "lines", "count"],
          "$defs": { "line": { "type": "object", "required": ["sku"], "properties": { "sku": { "type": "string" }, "qty": { "type": "integer" } } } },
          "properties": {
            "status": { "type": "string", "enum": ["queued", "processed"] },
            "count": { "type": ["integer", "null"] },
            "lines": { "type": "array", "items": { "$ref": "#/$defs/line" } },
            "meta": { "type": "object", "additionalProperties": { "type": "object", "properties": { "by": { "type": "string" } } } },
            "tags": { "type": "array", "items": { "type": ["string", "null"] } },
            "when": { "type": "string", "format": "date-time" },
            "day": { "type": "string", "format": "date" },
            "uid": { "type": "string", "format": "uuid" },
            "any": {} } }
        """;

    private static readonly Lazy<(GeneratorRun Run, Assembly Assembly)> Shop = new(() =>
    {
        var run = GeneratorHarness.Run(("/repo/schemas/shop/pay-order.contract.json", GeneratorHarness.ContractWithResponseSchema("shop", "pay-order", Response, Request)));
        return (run, run.Load());
    });

    private static Type TypeOf(string name) => Shop.Value.Assembly.GetType("Consumer.Contracts.Shop." + name) ?? throw new InvalidOperationException(name);

    private static JsonTypeInfo Info(string rootType)
    {
        var context = (JsonSerializerContext)TypeOf("ShopJsonContext").GetProperty("Default")!.GetValue(null)!;
        return context.GetTypeInfo(TypeOf(rootType))!;
    }

    [Fact]
    public void Generated_dtos_compile_without_warnings()
    {
        Assert.Empty(Shop.Value.Run.GeneratorDiagnostics);
        Assert.Empty(Shop.Value.Run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_request_enum_is_a_closed_csharp_enum()
    {
        var mode = TypeOf("PayOrderRequest").GetProperty("Mode")!.PropertyType;
        Assert.True(mode.IsEnum);
        Assert.Equal(["Imps", "Neft", "UpiIntent"], Enum.GetNames(mode));

        var request = JsonSerializer.Deserialize("""{"mode":"upi-intent","amount":12.50}""", Info("PayOrderRequest"))!;
        Assert.Equal("UpiIntent", request.GetType().GetProperty("Mode")!.GetValue(request)!.ToString());
        Assert.Equal("""{"mode":"upi-intent","amount":12.50}""", JsonSerializer.Serialize(request, Info("PayOrderRequest")));

        var unknown = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"mode":"RTGS","amount":1}""", Info("PayOrderRequest")));
        Assert.Contains("\"IMPS\", \"NEFT\", \"upi-intent\"", unknown.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":"queued","count":"3","lines":[]}""", "$.count", "$.count: expected an integer, found String")]
    [InlineData("""{"status":"queued","count":1,"lines":[{"sku":"a","qty":1.5}]}""", "$.lines.qty", "$.lines.qty: expected an integer, found Number")]
    [InlineData("""{"status":"queued","count":1,"lines":[],"meta":{"k":{"by":7}}}""", "$.meta.by", "$.meta.by: expected a string, found Number")]
    public void A_value_of_the_wrong_kind_throws_a_JsonException_whose_path_and_message_name_the_field(string json, string path, string message)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, Info("PayOrderResponse")));
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_response_enum_is_an_open_string_with_constants()
    {
        var response = TypeOf("PayOrderResponse");
        Assert.Equal(typeof(string), response.GetProperty("Status")!.PropertyType);
        var constants = response.GetNestedType("StatusValues")!;
        Assert.Equal("processed", constants.GetField("Processed")!.GetRawConstantValue());

        // A value the docs do not list still reads: the vendor may add one.
        var value = JsonSerializer.Deserialize("""{"status":"on-hold","lines":[],"count":null}""", Info("PayOrderResponse"))!;
        Assert.Equal("on-hold", response.GetProperty("Status")!.GetValue(value));
    }

    [Fact]
    public void Types_follow_the_schema()
    {
        var response = TypeOf("PayOrderResponse");
        string Shown(string property) => Shown2(response.GetProperty(property)!);
        Assert.Equal("Nullable<Int64>", Shown("Count"));
        Assert.Equal("IReadOnlyList<Line>", Shown("Lines"));
        Assert.Equal("IReadOnlyDictionary<String, MetaValue>", Shown("Meta"));
        Assert.Equal("IReadOnlyList<String>", Shown("Tags"));
        Assert.Equal("Nullable<DateTimeOffset>", Shown("When"));
        Assert.Equal("Nullable<DateOnly>", Shown("Day"));
        Assert.Equal("Nullable<Guid>", Shown("Uid"));
        Assert.Equal("Nullable<JsonElement>", Shown("Any"));
        Assert.NotNull(response.GetNestedType("Line"));
    }

    private static string Shown2(PropertyInfo property)
    {
        static string Name(Type t) => t.IsGenericType
            ? t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">"
            : t.Name;
        return Name(property.PropertyType);
    }

    [Fact]
    public void A_full_document_round_trips()
    {
        var json = """
            {"status":"queued","count":3,"lines":[{"sku":"A1","qty":2},{"sku":"B2"}],
             "meta":{"x":{"by":"ops"}},"tags":["a",null],"when":"2024-01-02T03:04:05+05:30","day":"2024-02-29",
             "uid":"2eb8aa08-aa98-11ea-b4aa-73b441d16380","any":[1,{"k":true}],"extra":{"kept":1}}
            """;
        var value = JsonSerializer.Deserialize(json, Info("PayOrderResponse"))!;
        var written = JsonSerializer.Serialize(value, Info("PayOrderResponse"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }
}
