using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>
/// The JSON Schema test suite (draft 2020-12, the keywords a contract may use) run through generated
/// validators: each group's schema becomes a contract, all are generated and compiled once, and every test
/// case checks both IsValid and Validate. The suite is read from ../shared and never copied in.
/// </summary>
public sealed class ConformanceTests
{
    [Theory]
    [MemberData(nameof(JsonSchemaSuite.Cases), MemberType = typeof(JsonSchemaSuite))]
    public void Suite_case(string group, int test)
    {
        if (test < 0)
        {
            Assert.Skip("../shared/json-schema-test-suite/draft2020-12 is absent, so the conformance suite cannot run here");
        }

        if (JsonSchemaSuite.Excluded.TryGetValue(group, out var reason))
        {
            Assert.Skip($"excluded: the schema {reason}, which ContractKit does not support (the generator reports CK0003)");
        }

        var g = JsonSchemaSuite.Groups().Single(x => x.Key == group);
        var testCase = g.Tests[test]!;
        var expected = testCase["valid"]!.GetValue<bool>();
        var json = testCase["data"]?.ToJsonString() ?? "null";
        var data = Encoding.UTF8.GetBytes(json);
        var validator = GeneratorHarness.Validator(JsonSchemaSuite.Compiled.Value.Assembly, $"Consumer.Contracts.Suite.{JsonSchemaSuite.Names(g.Operation)}ResponseValidator");

        var result = validator.Validate(data);
        Assert.True(expected == validator.IsValid(data), $"{testCase["description"]}: IsValid should be {expected} for {json}");
        Assert.True(expected == result.IsValid, $"{testCase["description"]}: Validate should be {(expected ? "valid" : "invalid")}; got {result}");
    }

    [Fact]
    public void Excluded_groups_are_exactly_those_the_generator_refuses_as_unsupported()
    {
        var groups = JsonSchemaSuite.Groups();
        if (groups.Count == 0)
        {
            Assert.Skip("../shared/json-schema-test-suite/draft2020-12 is absent");
        }

        foreach (var group in groups.Where(g => JsonSchemaSuite.Excluded.ContainsKey(g.Key)))
        {
            var run = GeneratorHarness.Run((group.Operation + ".contract.json", GeneratorHarness.ContractWithResponseSchema("suite", group.Operation, group.Schema.ToJsonString())));
            Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "CK0003");
        }

        Assert.Equal(JsonSchemaSuite.Excluded.Keys.Order(), groups.Where(g => JsonSchemaSuite.Excluded.ContainsKey(g.Key)).Select(g => g.Key).Order());
    }
}
