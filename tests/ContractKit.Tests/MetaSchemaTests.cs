using System.Text.Json.Nodes;
using ContractKit.Testing;
using NJsonSchema;

namespace ContractKit.Tests;

/// <summary>Every contract validates against schemas/contract.schema.json, checked with NJsonSchema as the reference.</summary>
public sealed class MetaSchemaTests
{
    // NJsonSchema 10 predates draft 2020-12 and resolves references only into "definitions"; the meta-schema
    // is written in 2020-12 ("$defs"), so the reference copy is renamed for it. Nothing else is changed.
    private static readonly Lazy<JsonSchema> MetaSchema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Repo.PathOf("schemas", "contract.schema.json"))
            .Replace("\"$defs\"", "\"definitions\"", StringComparison.Ordinal)
            .Replace("#/$defs/", "#/definitions/", StringComparison.Ordinal)).GetAwaiter().GetResult());

    public static TheoryData<string> CheckedInContracts() => new(ContractFiles());

    private static IEnumerable<string> ContractFiles() =>
        Directory.EnumerateFiles(Repo.PathOf("schemas"), "*.contract.json", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Repo.Root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(CheckedInContracts))]
    public void Checked_in_contract_validates_against_the_meta_schema(string contract)
    {
        var errors = MetaSchema.Value.Validate(File.ReadAllText(Repo.PathOf(contract)));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Both_vendor_contracts_are_checked_in()
    {
        var contracts = ContractFiles().ToList();
        Assert.Contains("schemas/razorpay/activate-contact.contract.json", contracts);
        Assert.Contains("schemas/instantpay/update-contact.contract.json", contracts);
    }

    [Theory]
    [InlineData("/responses/0/schema/properties/id", "patternProperties", "{}")]
    [InlineData("/responses/0/schema/properties/email", "format", "\"hostname\"")]
    [InlineData("/http", "method", "\"FETCH\"")]
    [InlineData("/provenance", "sha256", "\"not-a-hash\"")]
    [InlineData("", "formatVersion", "2")]
    [InlineData("/responses/0", "status", "\"OK\"")]
    public void Meta_schema_rejects_what_a_contract_may_not_say(string pointer, string member, string json)
    {
        var contract = RazorpayContract();
        Resolve(contract, pointer)[member] = JsonNode.Parse(json);
        Assert.NotEmpty(MetaSchema.Value.Validate(contract.ToJsonString()));
    }

    [Theory]
    [InlineData("", "vendor")]
    [InlineData("/http", "method")]
    [InlineData("/responses/0", "schema")]
    [InlineData("/provenance", "page")]
    public void Meta_schema_rejects_a_contract_missing_a_required_member(string pointer, string member)
    {
        var contract = RazorpayContract();
        Resolve(contract, pointer).Remove(member);
        Assert.NotEmpty(MetaSchema.Value.Validate(contract.ToJsonString()));
    }

    [Fact]
    public void Meta_schema_accepts_recorded_quirks_and_rejects_an_unknown_kind()
    {
        var contract = RazorpayContract();
        var notes = Resolve(contract, "/responses/0/schema/properties/notes");
        notes["x-quirks"] = JsonNode.Parse("""[{ "kind": "empty-array-as-object", "reason": "Seen live.", "override": "activate-contact.overrides.json:3" }]""");
        Resolve(contract, "/responses/0/schema/properties/created_at")["x-quirks"] =
            JsonNode.Parse("""[{ "kind": "date-format", "reason": "v2 host.", "override": "activate-contact.overrides.json:7", "formats": ["sql-datetime", "unix-milliseconds"] }]""");
        Assert.Empty(MetaSchema.Value.Validate(contract.ToJsonString()));

        notes["x-quirks"]![0]!["kind"] = "string-as-object";
        Assert.NotEmpty(MetaSchema.Value.Validate(contract.ToJsonString()));
    }

    [Fact]
    public void Meta_schema_accepts_the_unchanged_contract()
    {
        Assert.Empty(MetaSchema.Value.Validate(RazorpayContract().ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(CheckedInContracts))]
    public async Task Documented_examples_validate_against_their_own_schemas(string contract)
    {
        var root = JsonNode.Parse(File.ReadAllText(Repo.PathOf(contract)))!.AsObject();
        foreach (var example in root["examples"]!["responses"]!.AsArray())
        {
            var status = example!["status"]!.GetValue<string>();
            var schema = root["responses"]!.AsArray().Single(r => r!["status"]!.GetValue<string>() == status)!["schema"]!;
            var errors = (await JsonSchema.FromJsonAsync(schema.ToJsonString(), TestContext.Current.CancellationToken)).Validate(example["body"]!.ToJsonString());
            Assert.True(errors.Count == 0, $"{status}: " + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        }

        if (root["examples"]!["request"]?["body"] is { } body)
        {
            var errors = (await JsonSchema.FromJsonAsync(root["request"]!["schema"]!.ToJsonString(), TestContext.Current.CancellationToken)).Validate(body.ToJsonString());
            Assert.True(errors.Count == 0, "request: " + string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        }
    }

    /// <summary>
    /// The table the build and ContractReader check (ContractRules) is the meta-schema: the same objects, each
    /// with the same members, the same required ones and the same allowed strings.
    /// </summary>
    [Fact]
    public void The_contract_rules_are_the_meta_schema()
    {
        var meta = JsonNode.Parse(File.ReadAllText(Repo.PathOf("schemas", "contract.schema.json")))!.AsObject();
        var compared = Compare(meta, meta, ContractKit.Schema.ContractRules.Contract, "");
        Assert.Equal(13, compared); // the contract, http, auth, a parameter, request, a response, examples and its four kinds of object, provenance, a finding
    }

    private static int Compare(JsonObject meta, JsonObject schema, ContractKit.Schema.ObjectRule rule, string at)
    {
        var properties = schema["properties"]!.AsObject();
        Assert.Equal(properties.Select(p => p.Key).Order(StringComparer.Ordinal), rule.Members.Select(m => m.Name).Order(StringComparer.Ordinal));
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [];
        Assert.Equal(required.Order(StringComparer.Ordinal), rule.Members.Where(m => m.Required).Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.Equal(false, schema["additionalProperties"]?.GetValue<bool>());
        var compared = 1;
        foreach (var member in rule.Members)
        {
            var property = Dereference(meta, properties[member.Name]!.AsObject());
            if (member.Kind == ContractKit.Schema.MemberKind.Choice)
            {
                Assert.Equal(property["enum"]!.AsArray().Select(v => v!.GetValue<string>()), member.Values);
            }

            var (objectSchema, objectRule) = member.Kind switch
            {
                ContractKit.Schema.MemberKind.Object => (property, member.Object),
                ContractKit.Schema.MemberKind.Array when member.Items!.Object is { } items => (Dereference(meta, property["items"]!.AsObject()), items),
                _ => (null, null),
            };
            if (objectSchema is not null)
            {
                compared += Compare(meta, objectSchema, objectRule!, at + "/" + member.Name);
            }
        }

        return compared;
    }

    private static JsonObject Dereference(JsonObject meta, JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference ? meta["$defs"]![reference["#/$defs/".Length..]]!.AsObject() : schema;

    private static JsonObject RazorpayContract() =>
        JsonNode.Parse(File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")))!.AsObject();

    private static JsonObject Resolve(JsonObject root, string pointer)
    {
        JsonNode node = root;
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = int.TryParse(segment, out var index) ? node[index]! : node[segment]!;
        }

        return node.AsObject();
    }
}
