using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Probing;
using ContractKit.Testing;
using Microsoft.CodeAnalysis;

namespace ContractKit.Generators.Tests;

/// <summary>
/// The generated request validators on generated input: valid requests pass, and each request that breaks one
/// documented rule fails with exactly that rule (keyword, schema location, instance location), as the
/// interpreter does (ContractKit.Tests.Probing.ProbingValidatorTests).
/// </summary>
public sealed class ProbingGeneratedValidatorTests
{
    private static readonly Lazy<System.Reflection.Assembly> Compiled = new(() => GeneratorHarness.Run(
        ProbeContracts.Files.Select(f => (AdditionalText)new InMemoryAdditionalText(Repo.PathOf(f.Split('/')), File.ReadAllText(Repo.PathOf(f.Split('/')))))).Load());

    [Theory]
    [MemberData(nameof(ProbeContracts.WithRequestBodies), MemberType = typeof(ProbeContracts))]
    public void Generated_requests_pass_and_single_rule_violations_fail_with_that_rule(string file)
    {
        var contract = ProbeContracts.Read(file);
        var validator = GeneratorHarness.Validator(Compiled.Value, $"Consumer.Contracts.{Pascal(contract.Vendor)}.{Pascal(contract.Operation)}RequestValidator");
        var cases = new RequestCases(contract, ProbeContracts.StubCredentials(contract));
        var violations = 0;
        PropertyRuns.Check(ProbeContracts.Choices, choices =>
        {
            var valid = Encoding.UTF8.GetBytes(cases.Valid(new ModuloChoices(choices), GenerationLimits.Random, "valid").Request.BodyText);
            Assert.True(validator.IsValid(valid), Encoding.UTF8.GetString(valid) + "\n" + validator.Validate(valid));
            foreach (var probe in cases.Invalid(new ModuloChoices(choices)).Where(c => c.Rule!.KeywordLocation is not null))
            {
                var bytes = Encoding.UTF8.GetBytes(probe.Request.BodyText);
                Assert.False(validator.IsValid(bytes), probe.Rule!.ToString());
                var error = Assert.Single(validator.Validate(bytes).Errors);
                Assert.True((probe.Rule!.Keyword, probe.Rule.KeywordLocation, probe.Rule.InstanceLocation) == (error.Keyword, error.KeywordLocation, error.InstanceLocation),
                    $"{probe.Rule}\n{probe.Request.BodyText}\ngot {error.KeywordLocation} at {error.InstanceLocation}: {error}");
                violations++;
            }
        }, iterations: 20, ProbeContracts.Print);
        Assert.True(violations > 0);
    }

    private static string Pascal(string kebab) =>
        string.Concat(kebab.Split('-', StringSplitOptions.RemoveEmptyEntries).Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
}

/// <summary>The generated validators never throw on arbitrary input: random bytes and random JSON get a result.</summary>
public sealed class GeneratedValidatorRobustnessTests
{
    [Fact]
    public void Generated_validators_answer_random_bytes_and_json_without_throwing()
    {
        var assembly = GeneratorHarness.Run(ProbeContracts.Files.Select(f => (AdditionalText)new InMemoryAdditionalText(Repo.PathOf(f.Split('/')), File.ReadAllText(Repo.PathOf(f.Split('/')))))).Load();
        var validators = assembly.GetTypes().Where(t => typeof(ContractKit.Validation.IJsonValidator).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => GeneratorHarness.Validator(assembly, t.FullName!)).ToList();
        Assert.True(validators.Count >= 10, validators.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        PropertyRuns.Check(CsCheck.Gen.Select(RandomInputs.Bytes, RandomInputs.Json, (b, j) => (b, Encoding.UTF8.GetBytes(j))), input =>
        {
            foreach (var validator in validators)
            {
                foreach (var document in new[] { input.Item1, input.Item2 })
                {
                    Assert.Equal(validator.IsValid(document), validator.Validate(document).IsValid);
                }
            }
        }, iterations: 40);
    }
}
