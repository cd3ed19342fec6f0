using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Validation;
using NJsonSchema;

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
            node => Rewrite(node, (key, value) => key == "email" && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? JsonValue.Create("someone@example.com") : null)),
        ("integral floats", "JSON Schema counts 1.0 as an integer; NJsonSchema counts it as a number",
            node => Rewrite(node, (_, value) => value.GetValueKind() == System.Text.Json.JsonValueKind.Number && value.ToJsonString().EndsWith(".0", StringComparison.Ordinal)
                ? JsonValue.Create(long.Parse(value.ToJsonString()[..^2], System.Globalization.CultureInfo.InvariantCulture)) : null)),
        ("trailing newline", "ECMAScript's $ ends the input; .NET's $ (NJsonSchema) also matches before a final newline",
            node => Rewrite(node, (_, value) => value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>().EndsWith('\n')
                ? JsonValue.Create(value.GetValue<string>().TrimEnd('\n')) : null)),
        ("astral characters", "JSON Schema counts code points; NJsonSchema counts UTF-16 code units, so a character outside the BMP counts twice",
            node => Rewrite(node, (_, value) => value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>().Any(char.IsSurrogate)
                ? JsonValue.Create(string.Concat(value.GetValue<string>().EnumerateRunes().Select(r => r.IsBmp ? r.ToString() : "x"))) : null)),
    ];

    [Theory]
    [InlineData("razorpay", "activate-contact", "Razorpay.ActivateContactResponseValidator")]
    [InlineData("instantpay", "update-contact", "Instantpay.UpdateContactResponseValidator")]
    public async Task Generated_validators_agree_with_njsonschema_but_for_documented_differences(string vendor, string operation, string validatorName)
    {
        var contract = JsonNode.Parse(VendorValidatorTests.VendorContract(vendor, operation).Text)!;
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
                instance = Mutate(instance, random);
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
        VendorValidatorTests.VendorContract("razorpay", "activate-contact"),
        VendorValidatorTests.VendorContract("instantpay", "update-contact")).Load());

    private static readonly string[] Strings =
    [
        "", "x", "Gaurav Kumar", "2023-05-10 14:29:19", "2023-05-10 14:29:19\n", "2023-05-10T14:29:19", "2023-5-10 14:29:19",
        "someone@example.com", "te.s.t@example.com", "te..st@example.com", "\"quoted local\"@example.com", "joe@[127.0.0.1]",
        "no-at-sign", "a@b", "x@y.co", "émile@example.com", "😀😀", "tea 🍵", new string('a', 256), new string('a', 257),
        string.Concat(Enumerable.Repeat("😀", 200)), string.Concat(Enumerable.Repeat("😀", 129)), "LIVE", "null",
    ];

    internal static JsonNode Mutate(JsonNode root, Random random)
    {
        var containers = new List<JsonNode>();
        Collect(root, containers);
        var target = containers[random.Next(containers.Count)];
        switch (target)
        {
            case JsonObject obj when obj.Count > 0 && random.Next(4) == 0:
                obj.Remove(obj.ElementAt(random.Next(obj.Count)).Key);
                break;
            case JsonObject obj when random.Next(3) == 0:
                // Add fields: an undocumented one, or (for maps) one more entry.
                var extra = random.Next(1, 18);
                for (var k = 0; k < extra; k++)
                {
                    obj["k" + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture)] = RandomValue(random, 1);
                }

                break;
            case JsonObject obj when obj.Count > 0:
                obj[obj.ElementAt(random.Next(obj.Count)).Key] = RandomValue(random, 2);
                break;
            case JsonArray array when array.Count > 0:
                array[random.Next(array.Count)] = RandomValue(random, 1);
                break;
            case JsonArray array:
                array.Add(RandomValue(random, 1));
                break;
        }

        return root;
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        if (node is JsonObject obj)
        {
            containers.Add(obj);
            foreach (var (_, child) in obj)
            {
                Collect(child, containers);
            }
        }
        else if (node is JsonArray array)
        {
            containers.Add(array);
            foreach (var child in array)
            {
                Collect(child, containers);
            }
        }
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 0 ? 10 : 8) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-5, 2_000_000_000)),
        3 => JsonNode.Parse(random.Next(3) switch { 0 => "1.0", 1 => "2.5", _ => "1545320320.0" }),
        4 or 5 or 6 or 7 => JsonValue.Create(Strings[random.Next(Strings.Length)]),
        8 => new JsonArray(RandomValue(random, depth - 1), RandomValue(random, depth - 1)),
        _ => new JsonObject { ["a"] = RandomValue(random, depth - 1) },
    };

    /// <summary>Rewrites every member value the function returns a replacement for.</summary>
    internal static JsonNode Rewrite(JsonNode node, Func<string, JsonNode, JsonNode?> replace)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is not { } child)
                    {
                        continue;
                    }

                    if (replace(key, child) is { } replacement)
                    {
                        obj[key] = replacement;
                    }
                    else
                    {
                        Rewrite(child, replace);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not { } child)
                    {
                        continue;
                    }

                    if (replace("", child) is { } replacement)
                    {
                        array[i] = replacement;
                    }
                    else
                    {
                        Rewrite(child, replace);
                    }
                }

                break;
        }

        return node;
    }
}
