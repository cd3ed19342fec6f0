using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Probing;
using ContractKit.Testing;
using ContractKit.Validation;

namespace ContractKit.Tests.Probing;

/// <summary>
/// The interpreter on many more inputs than the examples: generated valid instances pass, and each single-rule
/// violation fails with exactly one error naming that rule's keyword, schema location and instance location.
/// (The generated validators are held to the same in ContractKit.Generators.Tests.ProbingGeneratedValidatorTests.)
/// </summary>
public sealed class ProbingValidatorTests
{
    [Theory]
    [MemberData(nameof(ProbeContracts.All), MemberType = typeof(ProbeContracts))]
    public void Generated_instances_of_every_documented_body_are_valid(string file)
    {
        var contract = ProbeContracts.Read(file);
        var schemas = contract.Responses.Select(r => r.Schema).Append(contract.Request?.Schema).OfType<JsonObject>().ToList();
        var interpreters = schemas.Select(s => SchemaInterpreter.Create(s)).ToList();
        PropertyRuns.Check(ProbeContracts.Choices, choices =>
        {
            for (var i = 0; i < schemas.Count; i++)
            {
                var instance = new SchemaInstanceGenerator(new ModuloChoices(choices)).Generate(schemas[i]);
                var bytes = Encoding.UTF8.GetBytes(instance?.ToJsonString() ?? "null");
                var result = interpreters[i].Validate(bytes);
                Assert.True(result.IsValid, $"{instance?.ToJsonString()}\n{result}");
                Assert.True(interpreters[i].IsValid(bytes));
            }
        }, iterations: 40, ProbeContracts.Print);
    }

    [Theory]
    [MemberData(nameof(ProbeContracts.WithRequestBodies), MemberType = typeof(ProbeContracts))]
    public void Each_single_rule_violation_fails_with_that_rule_alone(string file)
    {
        var contract = ProbeContracts.Read(file);
        var interpreter = SchemaInterpreter.Create(contract.Request!.Schema);
        var cases = new RequestCases(contract, ProbeContracts.StubCredentials(contract));
        var keywords = new HashSet<string>(StringComparer.Ordinal);
        PropertyRuns.Check(ProbeContracts.Choices, choices =>
        {
            foreach (var probe in cases.Invalid(new ModuloChoices(choices)).Where(c => c.Rule!.KeywordLocation is not null))
            {
                var bytes = Encoding.UTF8.GetBytes(probe.Request.BodyText);
                var error = Assert.Single(interpreter.Validate(bytes).Errors);
                Assert.False(interpreter.IsValid(bytes));
                Assert.True((probe.Rule!.Keyword, probe.Rule.KeywordLocation, probe.Rule.InstanceLocation) == (error.Keyword, error.KeywordLocation, error.InstanceLocation),
                    $"{probe.Rule}\n{probe.Request.BodyText}\ngot {error.KeywordLocation} at {error.InstanceLocation}: {error}");
                keywords.Add(error.Keyword);
            }
        }, iterations: 20, ProbeContracts.Print);

        // Every body has a required member and a typed one; the violations reach them.
        Assert.Contains("type", keywords);
    }

    [Fact]
    public void The_complete_request_reaches_every_kind_of_rule_the_fixtures_document()
    {
        var keywords = ProbeContracts.Files.Select(ProbeContracts.Read)
            .SelectMany(c => new RequestCases(c, ProbeContracts.StubCredentials(c)).Invalid(PolicyChoices.Complete()))
            .Select(c => c.Rule!.Keyword).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            "auth", "required", "type", "maxLength", "minLength", "minimum", "enum", "const", "format", "pattern", "maxProperties", "examples",
        }, keywords);
    }
}
