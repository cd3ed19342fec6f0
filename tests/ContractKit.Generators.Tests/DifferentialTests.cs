using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Validation;
using NJsonSchema;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>
/// Generated validators against NJsonSchema 11.6.2 on thousands of instances of the vendor response
/// schemas: the documented example, mutated at random (seeded). Every disagreement must be one of the
/// documented semantic differences, each recognised by showing that removing just that trait makes the
/// two agree.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int InstancesPerVendor = 6000;

    /// <summary>Where JSON Schema 2020-12 (and ContractKit) and NJsonSchema 11 differ, and how to take the trait away.</summary>
    private static readonly (string Name, string Why, Func<JsonNode, JsonNode> Remove)[] KnownDifferences =
    [
        ("email", "NJsonSchema's email check is not RFC 5321's: it differs on quoted local parts, address literals and some atext",
            node => JsonMutations.Rewrite(node, (key, value) => key == "email" && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? JsonValue.Create("someone@example.com") : null)),
        ("integral floats", "JSON Schema counts 1.0 as an integer; NJsonSchema counts it as a number",
            node => JsonMutations.Rewrite(node, (_, value) => value.GetValueKind() == System.Text.Json.JsonValueKind.Number && value.ToJsonString().EndsWith(".0", StringComparison.Ordinal)
                ? JsonValue.Create(long.Parse(value.ToJsonString()[..^2], System.Globalization.CultureInfo.InvariantCulture)) : null)),
        ("trailing newline", "ECMAScript's $ ends the input; .NET's $ (NJsonSchema) also matches before a final newline",
            node => JsonMutations.Rewrite(node, (_, value) => value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>().EndsWith('\n')
                ? JsonValue.Create(value.GetValue<string>().TrimEnd('\n')) : null)),
        ("astral characters", "JSON Schema counts code points; NJsonSchema counts UTF-16 code units, so a character outside the BMP counts twice",
            node => JsonMutations.Rewrite(node, (_, value) => value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>().Any(char.IsSurrogate)
                ? JsonValue.Create(string.Concat(value.GetValue<string>().EnumerateRunes().Select(r => r.IsBmp ? r.ToString() : "x"))) : null)),
    ];

    [Theory]
    [InlineData("razorpay", "activate-contact", "Razorpay.ActivateContactResponseValidator")]
    [InlineData("instantpay", "update-contact", "Instantpay.UpdateContactResponseValidator")]
    public async Task Generated_validators_agree_with_njsonschema_but_for_documented_differences(string vendor, string operation, string validatorName)
    {
        var contract = JsonNode.Parse(Repo.Contract(vendor, operation).Text)!;
        var schemaNode = contract["responses"]!.AsArray().Single(r => r!["status"]!.GetValue<string>() == "200")!["schema"]!;
        var reference = await JsonSchema.FromJsonAsync(schemaNode.ToJsonString(), TestContext.Current.CancellationToken);
        var ours = GeneratorHarness.Validator(Compiled.Value, "Consumer.Contracts." + validatorName);
        var example = contract["examples"]!["responses"]![0]!["body"]!;

        bool Ours(JsonNode node) => ours.IsValid(Encoding.UTF8.GetBytes(node.ToJsonString()));
        bool Theirs(JsonNode node) => reference.Validate(node.ToJsonString()).Count == 0;

        var random = new Random(20261122);
        var (valid, invalid, agreed) = (0, 0, 0);
        var explained = KnownDifferences.ToDictionary(d => d.Name, _ => 0);
        var unexplained = new List<string>();
        for (var i = 0; i < InstancesPerVendor; i++)
        {
            var instance = example.DeepClone();
            var mutations = random.Next(0, 4);
            for (var m = 0; m < mutations; m++)
            {
                instance = JsonMutations.Mutate(instance, random);
            }

            var mine = Ours(instance);
            Assert.Equal(mine, ours.Validate(Encoding.UTF8.GetBytes(instance.ToJsonString())).IsValid);
            if (mine)
            {
                valid++;
            }
            else
            {
                invalid++;
            }

            if (mine == Theirs(instance))
            {
                agreed++;
                continue;
            }

            var difference = KnownDifferences.FirstOrDefault(d =>
            {
                var without = d.Remove(instance.DeepClone());
                return Ours(without) == Theirs(without);
            });
            if (difference.Name is null)
            {
                unexplained.Add($"ours {mine}, NJsonSchema {!mine}: {instance.ToJsonString()}");
            }
            else
            {
                explained[difference.Name]++;
            }
        }

        output.WriteLine($"{vendor}: {InstancesPerVendor} instances, {valid} valid and {invalid} invalid by ours; {agreed} agreed");
        foreach (var (name, why, _) in KnownDifferences)
        {
            output.WriteLine($"  {explained[name]} differ by {name}: {why}");
        }

        Assert.True(unexplained.Count == 0, $"{unexplained.Count} unexplained disagreements, e.g.:\n" + string.Join("\n", unexplained.Take(5)));
        // The mutations must exercise both outcomes, or the comparison proves little.
        Assert.InRange(valid, InstancesPerVendor / 5, InstancesPerVendor * 4 / 5);
    }

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.Run(
        Repo.Contract("razorpay", "activate-contact"),
        Repo.Contract("instantpay", "update-contact")).Load());
}
