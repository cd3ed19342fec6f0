using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Validation;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>
/// The run-time interpreter (used where nothing is compiled) and the generated validators agree: on the
/// conformance suite, and error for error on the vendor examples and thousands of mutations of them.
/// </summary>
public sealed class InterpreterAgreementTests
{
    [Theory]
    [MemberData(nameof(JsonSchemaSuite.Cases), MemberType = typeof(JsonSchemaSuite))]
    public void Interpreter_passes_the_suite_case(string group, int test)
    {
        if (test < 0)
        {
            Assert.Skip("../shared/json-schema-test-suite/draft2020-12 is absent, so the conformance suite cannot run here");
        }

        var g = JsonSchemaSuite.Groups().Single(x => x.Key == group);
        if (JsonSchemaSuite.Excluded.TryGetValue(group, out var reason))
        {
            // The interpreter refuses what the generator refuses.
            Assert.Throws<UnsupportedSchemaException>(() => SchemaInterpreter.Create(g.Schema));
            Assert.Skip($"excluded: the schema {reason}, which ContractKit does not support");
        }

        var testCase = g.Tests[test]!;
        var data = Encoding.UTF8.GetBytes(testCase["data"]?.ToJsonString() ?? "null");
        var interpreter = SchemaInterpreter.Create(g.Schema);
        var expected = testCase["valid"]!.GetValue<bool>();
        Assert.True(expected == interpreter.IsValid(data), $"{testCase["description"]}: IsValid should be {expected}");
        Assert.True(expected == interpreter.Validate(data).IsValid, $"{testCase["description"]}: Validate should be {expected}");
    }

    [Theory]
    [InlineData("razorpay", "activate-contact", "Razorpay.ActivateContactResponseValidator")]
    [InlineData("instantpay", "update-contact", "Instantpay.UpdateContactResponseValidator")]
    public void Interpreter_and_generated_validator_report_the_same_errors(string vendor, string operation, string validatorName)
    {
        var contract = JsonNode.Parse(Repo.Contract(vendor, operation).Text)!;
        var schema = contract["responses"]!.AsArray().Single(r => r!["status"]!.GetValue<string>() == "200")!["schema"]!;
        var interpreter = SchemaInterpreter.Create(schema);
        var generated = GeneratorHarness.Validator(Compiled.Value, "Consumer.Contracts." + validatorName);
        var example = contract["examples"]!["responses"]![0]!["body"]!;

        var random = new Random(7);
        var invalid = 0;
        for (var i = 0; i < 2000; i++)
        {
            var instance = example.DeepClone();
            for (var m = random.Next(0, 4); m > 0; m--)
            {
                instance = JsonMutations.Mutate(instance, random);
            }

            var bytes = Encoding.UTF8.GetBytes(instance.ToJsonString());
            var ours = generated.Validate(bytes);
            var theirs = interpreter.Validate(bytes);
            Assert.Equal(generated.IsValid(bytes), interpreter.IsValid(bytes));
            Assert.Equal(ours.Errors, theirs.Errors);
            Assert.Equal(ours.Warnings, theirs.Warnings);
            invalid += ours.IsValid ? 0 : 1;
        }

        Assert.InRange(invalid, 400, 1600);
    }

    [Fact]
    public void Interpreter_and_generated_validator_report_the_same_errors_and_quirk_warnings()
    {
        var text = QuirkTests.ApplyOverrides(Repo.Contract("razorpay", "activate-contact"), """
            { "overrides": [
              { "in": "response", "field": "notes", "quirk": "empty-array-as-object", "reason": "PHP's empty array." },
              { "in": "response", "field": "created_at", "quirk": "number-as-string", "reason": "Quoted by the v2 host." },
              { "in": "response", "field": "email", "quirk": "sometimes-absent", "reason": "Missing for contacts without one." },
              { "in": "response", "field": "active", "quirk": "sometimes-absent", "reason": "Missing for old contacts." }
            ] }
            """);
        var contract = JsonNode.Parse(text)!;
        var interpreter = SchemaInterpreter.Create(contract["responses"]![0]!["schema"]);
        var generated = GeneratorHarness.Validator(
            GeneratorHarness.Run(("/repo/schemas/razorpay/activate-contact.contract.json", text)).Load(), "Consumer.Contracts.Razorpay.ActivateContactResponseValidator");
        var example = contract["examples"]!["responses"]![0]!["body"]!;
        JsonNode? Quirky(Random random) => random.Next(4) switch
        {
            0 => new JsonArray(),
            1 => JsonValue.Create(random.Next(2) == 0 ? "1545320320" : "15.5"),
            2 => new JsonArray(JsonValue.Create(1)),
            _ => JsonValue.Create("-7"),
        };

        var random = new Random(13);
        var warned = 0;
        for (var i = 0; i < 2000; i++)
        {
            var instance = example.DeepClone().AsObject();
            for (var m = random.Next(0, 4); m > 0; m--)
            {
                switch (random.Next(3))
                {
                    case 0:
                        instance[new[] { "notes", "created_at", "email", "active", "name" }[random.Next(5)]] = Quirky(random);
                        break;
                    case 1:
                        instance.Remove(new[] { "email", "active", "name" }[random.Next(3)]);
                        break;
                    default:
                        instance = JsonMutations.Mutate(instance, random).AsObject();
                        break;
                }
            }

            var bytes = Encoding.UTF8.GetBytes(instance.ToJsonString());
            var ours = generated.Validate(bytes);
            var theirs = interpreter.Validate(bytes);
            Assert.Equal(generated.IsValid(bytes), interpreter.IsValid(bytes));
            Assert.Equal(ours.Errors, theirs.Errors);
            Assert.Equal(ours.Warnings, theirs.Warnings);
            warned += ours.Warnings.Count(w => w.Keyword == "quirk");
        }

        Assert.InRange(warned, 300, 4000);
    }

    [Fact]
    public void Interpreter_refuses_unsupported_keywords_and_unresolved_references()
    {
        Assert.Contains("'patternProperties'", Assert.Throws<UnsupportedSchemaException>(() => SchemaInterpreter.Create(JsonNode.Parse("""{"patternProperties": {}}"""))).Message, StringComparison.Ordinal);
        Assert.Throws<UnsupportedSchemaException>(() => SchemaInterpreter.Create(JsonNode.Parse("""{"properties": {"a": {"$ref": "#/$defs/none"}}}""")));
        Assert.Throws<UnsupportedSchemaException>(() => SchemaInterpreter.Create(JsonNode.Parse("""{"format": "hostname"}""")));
        Assert.Throws<UnsupportedSchemaException>(() => SchemaInterpreter.Create(JsonNode.Parse("""{"pattern": "("}""")));
        Assert.Contains("\"empty-list\" is not a quirk kind", Assert.Throws<UnsupportedSchemaException>(() => SchemaInterpreter.Create(JsonNode.Parse(
            """{"type": "object", "x-quirks": [{"kind": "empty-list", "reason": "r", "override": "a.overrides.json:2"}]}"""))).Message, StringComparison.Ordinal);
        Assert.Throws<UnsupportedSchemaException>(() => SchemaInterpreter.Create(JsonNode.Parse("""{"type": "object", "x-quirks": [{"kind": "empty-array-as-object"}]}""")));
    }

    private static readonly Lazy<System.Reflection.Assembly> Compiled = new(() => GeneratorHarness.Run(
        Repo.Contract("razorpay", "activate-contact"),
        Repo.Contract("instantpay", "update-contact")).Load());
}
