using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ContractKit.Contracts;
using ContractKit.Validation;
using Microsoft.CodeAnalysis;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>
/// Quirk overrides: the generated validator and the interpreter accept the quirky value with the same warning,
/// the same value fails without the override, and the generated DTO reads it into its documented type.
/// </summary>
public sealed class QuirkTests
{
    private const string NotesQuirk = """
        { "overrides": [
          { "in": "response", "status": "200", "field": "notes", "quirk": "empty-array-as-object",
            "reason": "The live API returns [] when a contact has no notes." }
        ] }
        """;

    private const string ShopSchema = """
        { "type": "object", "required": ["amount", "price", "when", "day", "stamp", "label", "active"],
          "properties": {
            "amount": { "type": "integer", "minimum": 1, "maximum": 100, "x-line": 10 },
            "price": { "type": "number", "x-line": 11 },
            "when": { "type": "string", "format": "date-time", "x-line": 12 },
            "day": { "type": "string", "format": "date", "x-line": 13 },
            "stamp": { "type": "integer", "x-line": 14 },
            "label": { "type": "string", "default": "none", "x-line": 15 },
            "active": { "type": "boolean", "default": true, "x-line": 16 },
            "meta": { "type": "object", "additionalProperties": { "type": "string" }, "x-line": 17 },
            "opts": { "type": "object", "properties": { "fast": { "type": "boolean" } }, "x-line": 18 } } }
        """;

    private const string ShopQuirks = """
        { "overrides": [
          { "in": "response", "field": "amount", "quirk": "number-as-string", "reason": "Sent quoted by the PHP gateway." },
          { "in": "response", "field": "price", "quirk": "number-as-string", "reason": "Sent quoted too." },
          { "in": "response", "field": "when", "quirk": "date-format", "formats": ["sql-datetime", "rfc1123", "unix-seconds"], "reason": "Old hosts." },
          { "in": "response", "field": "day", "quirk": "date-format", "formats": ["date-time"], "reason": "Sometimes a full date-time." },
          { "in": "response", "field": "stamp", "quirk": "date-format", "formats": ["date-time", "sql-datetime", "unix-milliseconds"], "reason": "The v2 host sends dates." },
          { "in": "response", "field": "label", "quirk": "sometimes-absent", "reason": "Omitted when empty." },
          { "in": "response", "field": "active", "quirk": "sometimes-absent", "reason": "Omitted for old accounts." },
          { "in": "response", "field": "meta", "quirk": "empty-array-as-object", "reason": "PHP's empty array." },
          { "in": "response", "field": "opts", "quirk": "empty-array-as-object", "reason": "PHP's empty array." }
        ] }
        """;

    private const string ValidShop = """
        { "amount": 5, "price": 1.5, "when": "2024-05-01T10:00:00Z", "day": "2024-05-01", "stamp": 1714557600,
          "label": "x", "active": false, "meta": { "a": "b" }, "opts": { "fast": true } }
        """;

    /// <summary>Each quirky value, with the field it concerns; each document is otherwise valid.</summary>
    public static TheoryData<string, string, string> QuirkyShop => new()
    {
        { "amount", "\"42\"", "/properties/amount/x-quirks/0" },
        { "price", "\"1.5\"", "/properties/price/x-quirks/0" },
        { "when", "\"2024-05-01 10:00:00\"", "/properties/when/x-quirks/0" },
        { "when", "\"Wed, 01 May 2024 10:00:00 GMT\"", "/properties/when/x-quirks/0" },
        { "when", "1714557600", "/properties/when/x-quirks/0" },
        { "day", "\"2024-05-01T10:00:00Z\"", "/properties/day/x-quirks/0" },
        { "stamp", "\"2024-05-01 10:00:00\"", "/properties/stamp/x-quirks/0" },
        { "stamp", "\"1714557600000\"", "/properties/stamp/x-quirks/0" },
        { "label", "(absent)", "/properties/label/x-quirks/0" },
        { "active", "(absent)", "/properties/active/x-quirks/0" },
        { "meta", "[]", "/properties/meta/x-quirks/0" },
        { "opts", "[]", "/properties/opts/x-quirks/0" },
    };

    internal static string ApplyOverrides((string Path, string Text) contract, string overrides)
    {
        var model = ContractReader.Read(Encoding.UTF8.GetBytes(contract.Text), contract.Path);
        var file = Path.ChangeExtension(Path.ChangeExtension(contract.Path, null), null) + ".overrides.json";
        ContractOverrides.Read(Encoding.UTF8.GetBytes(overrides), file).ApplyTo(model);
        return Encoding.UTF8.GetString(ContractWriter.ToUtf8Bytes(model));
    }

    private static readonly (string Path, string Text) ShopContract =
        ("/repo/schemas/shop/get-order.contract.json", GeneratorHarness.ContractWithResponseSchema("shop", "get-order", ShopSchema));

    private static readonly Lazy<string> QuirkyShopText = new(() => ApplyOverrides(ShopContract, ShopQuirks));

    private static readonly Lazy<string> QuirkyRazorpayText = new(() =>
        ApplyOverrides(Repo.Contract("razorpay", "activate-contact"), NotesQuirk));

    private const string Consumer = """
        namespace Consumer
        {
            public static class UsesNotes
            {
                // Consumer code written against the documented types keeps compiling with the quirks on.
                public static int Count(Consumer.Contracts.Razorpay.ActivateContactResponse contact) => contact.Notes.Count;

                public static System.Collections.Generic.IReadOnlyDictionary<string, string> Notes(Consumer.Contracts.Razorpay.ActivateContactResponse contact) => contact.Notes;

                public static long Amount(Consumer.Contracts.Shop.GetOrderResponse order) => order.Amount;

                public static System.DateTimeOffset When(Consumer.Contracts.Shop.GetOrderResponse order) => order.When;
            }
        }
        """;

    private static readonly Lazy<(GeneratorRun Run, Assembly Assembly)> Quirky = new(() =>
    {
        var run = GeneratorHarness.Run(
            [
                new InMemoryAdditionalText("/repo/schemas/razorpay/activate-contact.contract.json", QuirkyRazorpayText.Value),
                new InMemoryAdditionalText(ShopContract.Path, QuirkyShopText.Value),
            ],
            "Consumer.Contracts",
            Consumer);
        return (run, run.Load());
    });

    private static readonly Lazy<Assembly> Plain = new(() => GeneratorHarness.Run(ShopContract, Repo.Contract("razorpay", "activate-contact")).Load());

    private static IJsonValidator Validator(Assembly assembly, string name) => GeneratorHarness.Validator(assembly, "Consumer.Contracts." + name);

    private static SchemaInterpreter Interpreter(string contractText) =>
        SchemaInterpreter.Create(JsonNode.Parse(contractText)!["responses"]![0]!["schema"]);

    private static byte[] Shop(string field, string value)
    {
        var document = JsonNode.Parse(ValidShop)!.AsObject();
        if (value == "(absent)")
        {
            document.Remove(field);
        }
        else
        {
            document[field] = JsonNode.Parse(value);
        }

        return Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    private static byte[] RazorpayWithEmptyNotes()
    {
        var example = JsonNode.Parse(Repo.Contract("razorpay", "activate-contact").Text)!["examples"]!["responses"]![0]!["body"]!.DeepClone().AsObject();
        example["notes"] = new JsonArray();
        return Encoding.UTF8.GetBytes(example.ToJsonString());
    }

    [Fact]
    public void The_quirky_contracts_generate_and_compile_consumer_code_without_diagnostics()
    {
        Assert.Empty(Quirky.Value.Run.GeneratorDiagnostics);
        Assert.Empty(Quirky.Value.Run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var notes = Quirky.Value.Assembly.GetType("Consumer.Contracts.Razorpay.ActivateContactResponse")!.GetProperty("Notes")!.PropertyType;
        Assert.Equal(typeof(IReadOnlyDictionary<string, string>), notes);
    }

    [Fact]
    public void Generated_source_with_every_quirk_kind()
    {
        // Pins what each quirk adds to the validator and converter, as the vendor snapshots pin the rest.
        ContractKit.Testing.Snapshot.Verify(Quirky.Value.Run.Sources["Shop.GetOrder.Contract.g.cs"], "cs");
    }

    [Fact]
    public void Empty_notes_pass_with_a_warning_naming_the_override_and_its_reason_in_both_validators()
    {
        var bytes = RazorpayWithEmptyNotes();
        var generated = Validator(Quirky.Value.Assembly, "Razorpay.ActivateContactResponseValidator");
        var interpreter = Interpreter(QuirkyRazorpayText.Value);

        foreach (var result in new[] { generated.Validate(bytes), interpreter.Validate(bytes) })
        {
            Assert.True(result.IsValid, result.ToString());
            var warning = Assert.Single(result.Warnings);
            Assert.Equal(ValidationSeverity.Warning, warning.Severity);
            Assert.Equal("quirk", warning.Keyword);
            Assert.Equal("/notes", warning.InstanceLocation);
            Assert.Equal("/properties/notes/x-quirks/0", warning.KeywordLocation);
            Assert.Equal(139, warning.Line);
            Assert.Equal(
                "an empty array where the contract documents an object accepted as the known quirk empty-array-as-object (override at activate-contact.overrides.json:2): The live API returns [] when a contact has no notes.",
                warning.Message);
        }

        Assert.True(generated.IsValid(bytes));
        Assert.True(interpreter.IsValid(bytes));
    }

    [Fact]
    public void Without_the_override_the_same_empty_notes_fail_again()
    {
        var bytes = RazorpayWithEmptyNotes();
        var contract = Repo.Contract("razorpay", "activate-contact").Text;
        foreach (var result in new[] { Validator(Plain.Value, "Razorpay.ActivateContactResponseValidator").Validate(bytes), Interpreter(contract).Validate(bytes) })
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(("/notes", "/properties/notes/type", "type"), (error.InstanceLocation, error.KeywordLocation, error.Keyword));
        }
    }

    [Fact]
    public void Non_empty_arrays_are_not_the_quirk_and_still_fail()
    {
        var example = JsonNode.Parse(RazorpayWithEmptyNotes())!.AsObject();
        example["notes"] = new JsonArray("a");
        var bytes = Encoding.UTF8.GetBytes(example.ToJsonString());
        var result = Validator(Quirky.Value.Assembly, "Razorpay.ActivateContactResponseValidator").Validate(bytes);
        Assert.Equal("type", Assert.Single(result.Errors).Keyword);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [MemberData(nameof(QuirkyShop))]
    public void Each_quirk_kind_passes_with_its_warning_and_fails_without_its_override(string field, string value, string keywordLocation)
    {
        var bytes = Shop(field, value);
        var generated = Validator(Quirky.Value.Assembly, "Shop.GetOrderResponseValidator");
        var interpreter = Interpreter(QuirkyShopText.Value);

        var ours = generated.Validate(bytes);
        var theirs = interpreter.Validate(bytes);
        Assert.True(ours.IsValid, ours.ToString());
        Assert.True(generated.IsValid(bytes));
        Assert.True(interpreter.IsValid(bytes));
        Assert.Equal(ours.Errors, theirs.Errors);
        Assert.Equal(ours.Warnings, theirs.Warnings);
        var warning = Assert.Single(ours.Warnings);
        Assert.Equal(("quirk", keywordLocation), (warning.Keyword, warning.KeywordLocation));
        Assert.Equal(value == "(absent)" ? "" : "/" + field, warning.InstanceLocation);
        Assert.Contains("get-order.overrides.json:", warning.Message, StringComparison.Ordinal);

        var plain = Validator(Plain.Value, "Shop.GetOrderResponseValidator");
        Assert.False(plain.IsValid(bytes));
        Assert.False(SchemaInterpreter.Create(JsonNode.Parse(ShopContract.Text)!["responses"]![0]!["schema"]).IsValid(bytes));
    }

    [Theory]
    [InlineData("amount", "\"0\"", "minimum")]
    [InlineData("amount", "\"101\"", "maximum")]
    [InlineData("amount", "\"4.5\"", "type")]
    [InlineData("amount", "\" 42\"", "type")]
    [InlineData("amount", "\"042\"", "type")]
    [InlineData("price", "\"1.5x\"", "type")]
    [InlineData("when", "\"01/05/2024\"", "format")]
    [InlineData("when", "1.5", "type")]
    [InlineData("day", "\"2024-05-01 10:00:00\"", "format")]
    [InlineData("stamp", "\"tomorrow\"", "type")]
    [InlineData("opts", "[true]", "type")]
    public void What_a_quirk_does_not_explain_stays_an_error_in_both_validators(string field, string value, string keyword)
    {
        var bytes = Shop(field, value);
        var ours = Validator(Quirky.Value.Assembly, "Shop.GetOrderResponseValidator").Validate(bytes);
        var theirs = Interpreter(QuirkyShopText.Value).Validate(bytes);

        Assert.Equal(keyword, Assert.Single(ours.Errors).Keyword);
        Assert.Equal(ours.Errors, theirs.Errors);
        Assert.Equal(ours.Warnings, theirs.Warnings);
    }

    [Fact]
    public void Interpreter_and_generated_validator_agree_on_mutated_quirky_documents()
    {
        var generated = Validator(Quirky.Value.Assembly, "Shop.GetOrderResponseValidator");
        var interpreter = Interpreter(QuirkyShopText.Value);
        var random = new Random(11);
        var values = new[] { "\"42\"", "\"-3\"", "\"1e2\"", "[]", "[1]", "{}", "\"2024-05-01 10:00:00\"", "\"Wed, 01 May 2024 10:00:00 GMT\"", "1714557600", "(absent)", "null", "\"x\"", "true" };
        var fields = JsonNode.Parse(ValidShop)!.AsObject().Select(p => p.Key).ToArray();
        var warned = 0;
        for (var i = 0; i < 500; i++)
        {
            var document = JsonNode.Parse(ValidShop)!.AsObject();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var field = fields[random.Next(fields.Length)];
                var value = values[random.Next(values.Length)];
                if (value == "(absent)")
                {
                    document.Remove(field);
                }
                else
                {
                    document[field] = JsonNode.Parse(value);
                }
            }

            var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());
            var ours = generated.Validate(bytes);
            var theirs = interpreter.Validate(bytes);
            Assert.Equal(generated.IsValid(bytes), interpreter.IsValid(bytes));
            Assert.Equal(ours.Errors, theirs.Errors);
            Assert.Equal(ours.Warnings, theirs.Warnings);
            warned += ours.Warnings.Count(w => w.Keyword == "quirk");
        }

        Assert.InRange(warned, 100, 2000);
    }

    [Fact]
    public void The_fast_path_allocates_nothing_on_a_quirky_document()
    {
        var bytes = Shop("amount", "\"42\"");
        var validator = Validator(Quirky.Value.Assembly, "Shop.GetOrderResponseValidator");
        for (var i = 0; i < 20; i++)
        {
            validator.IsValid(bytes);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            Assert.True(validator.IsValid(bytes));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static object Deserialize(string vendorType, string contextType, byte[] json)
    {
        var type = Quirky.Value.Assembly.GetType("Consumer.Contracts." + vendorType)!;
        var context = (JsonSerializerContext)Quirky.Value.Assembly.GetType("Consumer.Contracts." + contextType)!.GetProperty("Default")!.GetValue(null)!;
        return JsonSerializer.Deserialize(json, context.GetTypeInfo(type)!)!;
    }

    private static T Member<T>(object dto, string name) => (T)dto.GetType().GetProperty(name)!.GetValue(dto)!;

    [Fact]
    public void Empty_notes_deserialise_to_an_empty_dictionary()
    {
        var contact = Deserialize("Razorpay.ActivateContactResponse", "Razorpay.RazorpayJsonContext", RazorpayWithEmptyNotes());
        Assert.Empty(Member<IReadOnlyDictionary<string, string>>(contact, "Notes"));
    }

    [Fact]
    public void The_converters_read_each_quirky_value_into_the_documented_type()
    {
        var order = Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop("amount", "\"42\""));
        Assert.Equal(42L, Member<long>(order, "Amount"));

        order = Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop("price", "\"1.5\""));
        Assert.Equal(1.5m, Member<decimal>(order, "Price"));

        var tenOClock = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
        foreach (var when in new[] { "\"2024-05-01 10:00:00\"", "\"Wed, 01 May 2024 10:00:00 GMT\"", "1714557600" })
        {
            order = Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop("when", when));
            Assert.Equal(tenOClock, Member<DateTimeOffset>(order, "When"));
        }

        order = Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop("day", "\"2024-05-01T10:00:00Z\""));
        Assert.Equal(new DateOnly(2024, 5, 1), Member<DateOnly>(order, "Day"));

        foreach (var stamp in new[] { "\"2024-05-01 10:00:00\"", "\"2024-05-01T10:00:00Z\"", "\"1714557600000\"" })
        {
            order = Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop("stamp", stamp));
            Assert.Equal(1714557600L, Member<long>(order, "Stamp"));
        }

        order = Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop("meta", "[]"));
        Assert.Empty(Member<IReadOnlyDictionary<string, string>>(order, "Meta"));
        order = Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop("opts", "[]"));
        Assert.Null(Member<object?>(order, "Opts")!.GetType().GetProperty("Fast")!.GetValue(Member<object>(order, "Opts")));
    }

    [Fact]
    public void An_absent_sometimes_absent_member_takes_its_documented_default()
    {
        var order = Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop("label", "(absent)"));
        Assert.Equal("none", Member<string>(order, "Label"));
        order = Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop("active", "(absent)"));
        Assert.True(Member<bool>(order, "Active"));
        Assert.Equal(typeof(bool), order.GetType().GetProperty("Active")!.PropertyType);
    }

    [Theory]
    [InlineData("active", "\"yes\"", "$.active")]
    [InlineData("amount", "\"forty\"", "$.amount")]
    [InlineData("when", "\"someday\"", "$.when")]
    [InlineData("meta", "{\"a\": 1}", "$.meta")]
    public void A_wrong_value_throws_a_JsonException_naming_the_field(string field, string value, string path)
    {
        var error = Assert.Throws<JsonException>(() => Deserialize("Shop.GetOrderResponse", "Shop.ShopJsonContext", Shop(field, value)));
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path + ": expected ", error.Message, StringComparison.Ordinal);
    }
}
