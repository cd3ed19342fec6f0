using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using ContractKit.Benchmarks.Contracts.Razorpay;
using ContractKit.Serialization;

namespace ContractKit.Benchmarks;

/// <summary>
/// Validating the Razorpay contact response (one contact, and an array of 1,000), against the floor of
/// reading the same bytes with a bare Utf8JsonReader. NJsonSchema 11.6.2 and JsonSchema.Net 8.0.5 are anchors:
/// JsonSchema.Net both on a schema built once and building the schema from its text on every call.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private byte[] json = [];
    private string text = "";
    private NJsonSchema.JsonSchema reference = null!;
    private global::Json.Schema.JsonSchema oracle = null!;
    private string schemaText = "";
    private static readonly global::Json.Schema.EvaluationOptions Flag = new() { RequireFormatValidation = true, OutputFormat = global::Json.Schema.OutputFormat.Flag };

    /// <summary>2020-12 with ContractKit's x- annotations allowed, as Core 6.5 has it (the default 8.x dialect refuses unknown keywords).</summary>
    private static readonly global::Json.Schema.Dialect Dialect = global::Json.Schema.DialectExtensions.With(global::Json.Schema.Dialect.Draft202012, [], id: new Uri("https://json-schema.org/draft/2020-12/schema"), allowUnknownKeywords: true);

    [Params("contact", "1000 contacts")]
    public string Document { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var contract = JsonNode.Parse(File.ReadAllText(Path.Combine(Paths.Root, "schemas", "razorpay", "activate-contact.contract.json")))!;
        var example = contract["examples"]!["responses"]![0]!["body"]!;
        var schema = contract["responses"]![0]!["schema"]!;
        if (Document == "contact")
        {
            text = example.ToJsonString();
        }
        else
        {
            text = new JsonArray(Enumerable.Range(0, 1000).Select(i =>
            {
                var contact = example.DeepClone();
                contact["id"] = $"cont_{i:D14}";
                return (JsonNode?)contact;
            }).ToArray()).ToJsonString();
            schema = new JsonObject { ["type"] = "array", ["items"] = schema.DeepClone() };
        }

        json = Encoding.UTF8.GetBytes(text);
        reference = NJsonSchema.JsonSchema.FromJsonAsync(schema.ToJsonString()).GetAwaiter().GetResult();
        schemaText = schema.ToJsonString();
        oracle = Build(schemaText);
        if (!IsValid() || !Validate() || NJsonSchemaValidate() != 0 || !JsonSchemaNetEvaluate() || !JsonSchemaNetBuildAndEvaluate())
        {
            throw new InvalidOperationException("the benchmark document must be valid");
        }
    }

    [Benchmark(Baseline = true, Description = "Utf8JsonReader scan (floor)")]
    public int ReaderScan()
    {
        var reader = new Utf8JsonReader(json);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "generated IsValid")]
    public bool IsValid() => Document == "contact"
        ? ActivateContactResponseValidator.IsValid(json)
        : ListContactsBenchResponseValidator.IsValid(json);

    [Benchmark(Description = "generated Validate")]
    public bool Validate() => Document == "contact"
        ? ActivateContactResponseValidator.Validate(json).IsValid
        : ListContactsBenchResponseValidator.Validate(json).IsValid;

    [Benchmark(Description = "JsonDocument.Parse")]
    public int ParseDocument()
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.GetArrayLength() : 1;
    }

    [Benchmark(Description = "generated deserialiser")]
    public int Deserialize()
    {
        if (Document == "contact")
        {
            return JsonSerializer.Deserialize(json, RazorpayJsonContext.Default.ActivateContactResponse)!.Name.Length;
        }

        var reader = new Utf8JsonReader(json);
        reader.Read();
        var list = JsonValues.ReadList(ref reader, RazorpayJsonContext.Default.Options,
            static (ref Utf8JsonReader r, JsonSerializerOptions o) => ActivateContactResponse.Converter.Instance.Read(ref r, typeof(ActivateContactResponse), o));
        return list.Count;
    }

    [Benchmark(Description = "NJsonSchema Validate")]
    public int NJsonSchemaValidate() => reference.Validate(text).Count;

    [Benchmark(Description = "JsonSchema.Net Evaluate (schema built once)")]
    public bool JsonSchemaNetEvaluate()
    {
        using var document = JsonDocument.Parse(json);
        return oracle.Evaluate(document.RootElement, Flag).IsValid;
    }

    [Benchmark(Description = "JsonSchema.Net build schema + Evaluate")]
    public bool JsonSchemaNetBuildAndEvaluate()
    {
        using var document = JsonDocument.Parse(json);
        return Build(schemaText).Evaluate(document.RootElement, Flag).IsValid;
    }

    private static global::Json.Schema.JsonSchema Build(string schema)
    {
        var dialects = new global::Json.Schema.DialectRegistry();
        dialects.Register(Dialect);
        var options = new global::Json.Schema.BuildOptions { SchemaRegistry = new global::Json.Schema.SchemaRegistry(), DialectRegistry = dialects, Dialect = Dialect };
        return global::Json.Schema.JsonSchema.FromText(schema, options, new Uri("https://contractkit.invalid/benchmark"));
    }
}
