using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Testing;
using ContractKit.Validation;
using Json.Schema;

namespace ContractKit.Generators.Tests;

/// <summary>
/// A three-way differential: the generated validators, the run-time interpreter and JsonSchema.Net 8.0.5 (a
/// validator that follows draft 2020-12 as written, with format assertion switched on) on the JSON Schema test
/// suite and on at least 10,000 instances of every schema of the vendor contracts. The generated validator and
/// the interpreter must always agree; where JsonSchema.Net differs, the difference must be one documented in
/// docs/conformance.md, recognised by showing that taking just that trait away makes all three agree.
/// </summary>
public sealed class OracleTests(ITestOutputHelper output)
{
    private const int InstancesPerSchema = 10_000;

    /// <summary>Traits on which ContractKit and JsonSchema.Net 8.0.5 decide differently (docs/conformance.md), and how to take each away.</summary>
    internal static readonly (string Name, string Why, Func<JsonNode, JsonNode> Remove)[] KnownDifferences =
    [
        ("email", "JsonSchema.Net refuses addresses RFC 5321 allows, such as a@b (a one-label domain); Validation 7.3.2 defers to RFC 5321 4.1.2",
            node => JsonMutations.Rewrite(node, (_, value) => value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Contains('@')
                ? JsonValue.Create("someone@example.com") : null)),
        ("trailing newline", "JsonSchema.Net's patterns are .NET's, whose $ also matches before a final newline; Validation 6.3.3 and Core 6.4 make them ECMA-262's, whose $ ends the input",
            node => JsonMutations.Rewrite(node, (_, value) => value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().EndsWith('\n')
                ? JsonValue.Create(value.GetValue<string>().TrimEnd('\n')) : null)),
    ];

    /// <summary>Suite cases JsonSchema.Net decides against the suite's expected answer (docs/conformance.md); the suite decides.</summary>
    internal static readonly Dictionary<string, string> SuiteDifferences = new(StringComparer.Ordinal)
    {
        ["optional/format/date-time.json: validation of date-time strings: a trailing newline is invalid"] =
            "JsonSchema.Net accepts it; RFC 3339 5.6's date-time grammar (Validation 7.3.1) has no room for a newline",
        ["optional/format/uuid.json: uuid format: a trailing newline after a complete UUID is invalid"] =
            "JsonSchema.Net accepts it; RFC 4122 3's grammar (Validation 7.3.5) is 36 characters exactly",
        ["pattern.json: pattern with Unicode property escape requires unicode mode: (JsonSchema.Net cannot build the schema)"] =
            ".NET's regex knows \\p{L} but not \\p{Letter}; Validation 6.3.3 and Core 6.4 make patterns ECMA-262's, which has the long names",
    };

    private static readonly EvaluationOptions Asserting = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.Flag };

    /// <summary>Draft 2020-12, where a keyword the dialect does not know (x-line, x-volatile) is an annotation (Core 6.5), not an error.</summary>
    private static readonly Dialect Draft202012 = Dialect.Draft202012.With([], id: new Uri("https://json-schema.org/draft/2020-12/schema"), allowUnknownKeywords: true);

    /// <summary>Builds a schema for JsonSchema.Net under a base address and registries of its own, so suite schemas that share an $id do not collide.</summary>
    internal static JsonSchema Oracle(JsonNode schema, string name)
    {
        var dialects = new DialectRegistry();
        dialects.Register(Draft202012);
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = dialects, Dialect = Draft202012 };
        return JsonSchema.FromText(schema.ToJsonString(), options, new Uri("https://contractkit.invalid/oracle/" + Uri.EscapeDataString(name)));
    }

    internal static bool OracleSays(JsonSchema schema, JsonNode? instance)
    {
        using var document = JsonDocument.Parse(instance?.ToJsonString() ?? "null");
        return schema.Evaluate(document.RootElement, Asserting).IsValid;
    }

    [Fact]
    public void Suite_three_way()
    {
        var groups = JsonSchemaSuite.Groups();
        if (groups.Count == 0)
        {
            Assert.Skip("../shared/json-schema-test-suite/draft2020-12 is absent, so the suite cannot run through the oracle here");
        }

        var (cases, agreed) = (0, 0);
        var ownFailures = new List<string>();
        var undocumented = new List<string>();
        var documented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups.Where(g => !JsonSchemaSuite.Excluded.ContainsKey(g.Key)))
        {
            var generated = GeneratorHarness.Validator(JsonSchemaSuite.Compiled.Value.Assembly, $"Consumer.Contracts.Suite.{JsonSchemaSuite.Names(group.Operation)}ResponseValidator");
            var interpreter = SchemaInterpreter.Create(group.Schema);
            JsonSchema? oracle;
            try
            {
                oracle = Oracle(group.Schema, group.Operation);
            }
            catch (Exception e) when (e is JsonSchemaException or ArgumentException)
            {
                // ArgumentException: .NET's regex parser refuses a pattern (RegexParseException derives from it).
                oracle = null;
                var refused = $"{group.Key}: (JsonSchema.Net cannot build the schema)";
                if (SuiteDifferences.ContainsKey(refused))
                {
                    documented.Add(refused);
                }
                else
                {
                    undocumented.Add($"{refused}: {e.GetType().Name}: {e.Message}");
                }
            }

            foreach (var test in group.Tests)
            {
                cases++;
                var key = $"{group.Key}: {test!["description"]!.GetValue<string>()}";
                var expected = test["valid"]!.GetValue<bool>();
                var data = Encoding.UTF8.GetBytes(test["data"]?.ToJsonString() ?? "null");
                var (ours, interpreted) = (generated.IsValid(data), interpreter.IsValid(data));
                if (ours != expected || interpreted != expected)
                {
                    ownFailures.Add($"{key}: expected {expected}, generated {ours}, interpreter {interpreted}");
                }

                if (oracle is null)
                {
                    continue;
                }

                var theirs = OracleSays(oracle, test["data"]);
                if (theirs == expected)
                {
                    agreed++;
                }
                else if (SuiteDifferences.ContainsKey(key))
                {
                    documented.Add(key);
                }
                else
                {
                    undocumented.Add($"{key}: expected {expected}, JsonSchema.Net {theirs}");
                }
            }
        }

        output.WriteLine($"suite: {cases} cases, JsonSchema.Net agrees with the suite (and so with ours) on {agreed}");
        foreach (var key in documented.Order(StringComparer.Ordinal))
        {
            output.WriteLine($"  differs: {key}: {SuiteDifferences[key]}");
        }

        Assert.True(ownFailures.Count == 0, "generated or interpreter against the suite:\n" + string.Join("\n", ownFailures));
        Assert.True(undocumented.Count == 0, $"{undocumented.Count} undocumented JsonSchema.Net differences:\n" + string.Join("\n", undocumented));
        // A documented difference that no longer occurs must leave the list and the docs.
        Assert.Equal(SuiteDifferences.Keys.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, string, string> VendorSchemas() => new()
    {
        { "razorpay", "activate-contact", "Request" },
        { "razorpay", "activate-contact", "Response" },
        { "instantpay", "update-contact", "Request" },
        { "instantpay", "update-contact", "Response" },
    };

    [Theory]
    [MemberData(nameof(VendorSchemas))]
    public void Vendor_schema_three_way(string vendor, string operation, string kind)
    {
        var contract = JsonNode.Parse(Repo.Contract(vendor, operation).Text)!;
        var schema = (kind == "Request"
            ? contract["request"]!["schema"]!
            : contract["responses"]!.AsArray().Single(r => r!["status"]!.GetValue<string>() == "200")!["schema"]!).AsObject();
        var generated = GeneratorHarness.Validator(Compiled.Value, $"Consumer.Contracts.{JsonSchemaSuite.Names(vendor)}.{JsonSchemaSuite.Names(operation)}{kind}Validator");
        var interpreter = SchemaInterpreter.Create(schema);
        var oracle = Oracle(schema, $"{vendor}-{operation}-{kind}");

        var seed = Environment.GetEnvironmentVariable("CONTRACTKIT_ORACLE_SEED") is { Length: > 0 } given
            ? int.Parse(given, CultureInfo.InvariantCulture)
            : 20261202;
        output.WriteLine($"{vendor} {operation} {kind}: seed {seed} (set CONTRACTKIT_ORACLE_SEED to run another)");
        var random = new Random(seed);
        var instances = new SchemaInstances(random);

        var (valid, agreed) = (0, 0);
        var explained = KnownDifferences.ToDictionary(d => d.Name, _ => 0);
        var split = new List<string>();
        var unexplained = new List<string>();
        for (var i = 0; i < InstancesPerSchema; i++)
        {
            // Fresh data within the schema, then up to three random changes that may break it.
            var instance = instances.Generate(schema) ?? JsonValue.Create((string?)null);
            for (var m = random.Next(0, 4); m > 0 && instance is not null; m--)
            {
                instance = instance is JsonObject or JsonArray ? JsonMutations.Mutate(instance, random) : instance;
            }

            var bytes = Encoding.UTF8.GetBytes(instance?.ToJsonString() ?? "null");
            var (ours, interpreted, theirs) = (generated.IsValid(bytes), interpreter.IsValid(bytes), OracleSays(oracle, instance));
            if (ours != interpreted || ours != generated.Validate(bytes).IsValid)
            {
                split.Add($"generated {ours}, interpreter {interpreted}: {instance?.ToJsonString()}");
            }

            valid += ours ? 1 : 0;
            if (ours == theirs)
            {
                agreed++;
                continue;
            }

            var difference = KnownDifferences.FirstOrDefault(d =>
            {
                var without = d.Remove(instance!.DeepClone());
                return generated.IsValid(Encoding.UTF8.GetBytes(without.ToJsonString())) == OracleSays(oracle, without);
            });
            if (difference.Name is null)
            {
                unexplained.Add($"ours {ours}, JsonSchema.Net {theirs}: {instance?.ToJsonString()}");
            }
            else
            {
                explained[difference.Name]++;
            }
        }

        output.WriteLine($"  {InstancesPerSchema} instances, {valid} valid by ours; JsonSchema.Net agreed on {agreed}");
        foreach (var (name, why, _) in KnownDifferences)
        {
            output.WriteLine($"  {explained[name]} differ by {name}: {why}");
        }

        Assert.True(split.Count == 0, $"seed {seed}: generated validator and interpreter disagree on {split.Count}, e.g.:\n" + string.Join("\n", split.Take(5)));
        Assert.True(unexplained.Count == 0, $"seed {seed}: {unexplained.Count} unexplained disagreements with JsonSchema.Net, e.g.:\n" + string.Join("\n", unexplained.Take(8)));
        // Both outcomes must be common, or the comparison proves little.
        Assert.InRange(valid, InstancesPerSchema / 10, InstancesPerSchema * 9 / 10);
    }

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.Run(
        Repo.Contract("razorpay", "activate-contact"),
        Repo.Contract("instantpay", "update-contact")).Load());
}
