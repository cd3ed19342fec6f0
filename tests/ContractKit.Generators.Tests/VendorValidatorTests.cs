using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Testing;
using ContractKit.Validation;
using Microsoft.CodeAnalysis;

namespace ContractKit.Generators.Tests;

/// <summary>Validators generated from the two checked-in vendor contracts.</summary>
public sealed class VendorValidatorTests
{
    private static readonly Lazy<(GeneratorRun Run, Assembly Assembly)> Vendors = new(() =>
    {
        var run = GeneratorHarness.Run(
            Repo.Contract("razorpay", "activate-contact"),
            Repo.Contract("instantpay", "update-contact"));
        return (run, run.Load());
    });

    private static IJsonValidator Validator(string name) => GeneratorHarness.Validator(Vendors.Value.Assembly, "Consumer.Contracts." + name);

    private static JsonObject Example(string vendor, string operation, string status)
    {
        var contract = JsonNode.Parse(Repo.Contract(vendor, operation).Text)!;
        return contract["examples"]!["responses"]!.AsArray().Single(r => r!["status"]!.GetValue<string>() == status)!["body"]!.DeepClone().AsObject();
    }

    private static JsonObject RequestExample(string vendor, string operation) =>
        JsonNode.Parse(Repo.Contract(vendor, operation).Text)!["examples"]!["request"]!["body"]!.DeepClone().AsObject();

    private static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    [Fact]
    public void Generated_code_compiles_without_errors_or_warnings()
    {
        var run = Vendors.Value.Run;
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.Equal(
            ["Instantpay.JsonContext.g.cs", "Instantpay.UpdateContact.Contract.g.cs", "Razorpay.ActivateContact.Contract.g.cs", "Razorpay.JsonContext.g.cs"],
            run.Sources.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("class ActivateContactError4xxValidator", run.Sources["Razorpay.ActivateContact.Contract.g.cs"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Razorpay.ActivateContactResponseValidator", "razorpay", "activate-contact")]
    [InlineData("Instantpay.UpdateContactResponseValidator", "instantpay", "update-contact")]
    public void The_documented_response_example_is_valid(string validator, string vendor, string operation)
    {
        var bytes = Bytes(Example(vendor, operation, "200"));
        Assert.True(Validator(validator).IsValid(bytes));
        var result = Validator(validator).Validate(bytes);
        Assert.True(result.IsValid, result.ToString());
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("Razorpay.ActivateContactRequestValidator", "razorpay", "activate-contact")]
    [InlineData("Instantpay.UpdateContactRequestValidator", "instantpay", "update-contact")]
    public void The_documented_request_example_is_valid(string validator, string vendor, string operation)
    {
        var result = Validator(validator).Validate(Bytes(RequestExample(vendor, operation)));
        Assert.True(result.IsValid, result.ToString());
    }

    public static TheoryData<string, string, string, int?> RazorpayMutations() => new()
    {
        // mutation (a JSON merge of the example), expected instanceLocation, keyword, page line
        { """{"id": null}""", "/id", "type", 91 },
        { """{"active": "yes"}""", "/active", "type", 131 },
        { """{"created_at": 1.5}""", "/created_at", "type", 144 },
        { """{"batch_id": 5}""", "/batch_id", "type", 126 },
        { """{"email": "not-an-address"}""", "/email", "format", 111 },
        { """{"notes": {"a": 1}}""", "/notes/a", "type", null },
        { """{"notes": {"k": "%LONG%"}}""", "/notes/k", "maxLength", null },
        { """{"notes": "%MANY%"}""", "/notes", "maxProperties", 139 },
    };

    [Theory]
    [MemberData(nameof(RazorpayMutations))]
    public void A_mutated_razorpay_response_fails_at_the_field_with_the_keyword(string mutation, string pointer, string keyword, int? line)
    {
        var body = Example("razorpay", "activate-contact", "200");
        foreach (var (name, value) in JsonNode.Parse(mutation)!.AsObject())
        {
            body[name] = value?.ToJsonString() switch
            {
                "\"%MANY%\"" => new JsonObject(Enumerable.Range(0, 16).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)JsonValue.Create("v")))),
                _ => JsonNode.Parse(value?.ToJsonString().Replace("%LONG%", new string('x', 257), StringComparison.Ordinal) ?? "null"),
            };
        }

        var validator = Validator("Razorpay.ActivateContactResponseValidator");
        Assert.False(validator.IsValid(Bytes(body)));
        var error = Assert.Single(validator.Validate(Bytes(body)).Errors);
        Assert.Equal((pointer, keyword, line), (error.InstanceLocation, error.Keyword, error.Line));
    }

    [Theory]
    [InlineData("id", 91)]
    [InlineData("batch_id", 126)]
    [InlineData("created_at", 144)]
    public void A_missing_required_field_fails_at_its_object_with_the_fields_line(string field, int line)
    {
        var body = Example("razorpay", "activate-contact", "200");
        body.Remove(field);
        var error = Assert.Single(Validator("Razorpay.ActivateContactResponseValidator").Validate(Bytes(body)).Errors);
        Assert.Equal(("", "required", "/required", line), (error.InstanceLocation, error.Keyword, error.KeywordLocation, error.Line));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_failure_is_collected_not_only_the_first()
    {
        var body = Example("razorpay", "activate-contact", "200");
        body["active"] = "yes";
        body["email"] = "nope";
        body.Remove("id");
        var errors = Validator("Razorpay.ActivateContactResponseValidator").Validate(Bytes(body)).Errors;
        Assert.Equal(["/email:format", "/active:type", ":required"], errors.Select(e => $"{e.InstanceLocation}:{e.Keyword}"));
    }

    [Fact]
    public void An_undocumented_field_is_a_warning_not_an_error()
    {
        var body = Example("razorpay", "activate-contact", "200");
        body["vpa"] = "x@upi";
        var validator = Validator("Razorpay.ActivateContactResponseValidator");
        Assert.True(validator.IsValid(Bytes(body)));
        var result = validator.Validate(Bytes(body));
        Assert.True(result.IsValid);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("/vpa", "undocumented", ValidationSeverity.Warning), (warning.InstanceLocation, warning.Keyword, warning.Severity));
    }

    [Theory]
    [InlineData("timestamp", "\"2023-05-10T14:29:19\"", "/timestamp", "pattern")]
    [InlineData("data", "[]", "/data", "type")]
    [InlineData("orderid", "12", "/orderid", "type")]
    [InlineData("statuscode", "null", "/statuscode", "type")]
    public void A_mutated_instantpay_response_fails_at_the_field(string field, string value, string pointer, string keyword)
    {
        var body = Example("instantpay", "update-contact", "200");
        body[field] = JsonNode.Parse(value);
        var error = Assert.Single(Validator("Instantpay.UpdateContactResponseValidator").Validate(Bytes(body)).Errors);
        Assert.Equal((pointer, keyword), (error.InstanceLocation, error.Keyword));
    }

    [Fact]
    public void Nested_failures_point_into_objects_and_arrays()
    {
        var response = Example("instantpay", "update-contact", "200");
        response["data"]!["userId"] = "189590";
        response["data"]!["tagId"] = new JsonArray("a", 7);
        var errors = Validator("Instantpay.UpdateContactResponseValidator").Validate(Bytes(response)).Errors;
        Assert.Equal(["/data/userId:type", "/data/tagId/1:type"], errors.Select(e => $"{e.InstanceLocation}:{e.Keyword}"));

        var request = RequestExample("instantpay", "update-contact");
        request["tagDetails"]!.AsArray().Add(new JsonObject { ["label"] = "x" });
        var error = Assert.Single(Validator("Instantpay.UpdateContactRequestValidator").Validate(Bytes(request)).Errors);
        Assert.Equal(("/tagDetails/1", "required", 10), (error.InstanceLocation, error.Keyword, error.Line));
    }

    [Theory]
    [InlineData("{\"id\": \"cont_1\", \"entity\": ", "/entity")]
    [InlineData("{\"id\": \"cont_1\",, }", "")]
    [InlineData("", "")]
    public void Malformed_json_is_a_failure_at_the_place_reading_stopped(string json, string pointer)
    {
        var validator = Validator("Razorpay.ActivateContactResponseValidator");
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.False(validator.IsValid(bytes));
        var error = Assert.Single(validator.Validate(bytes).Errors);
        Assert.Equal(("json", pointer), (error.Keyword, error.InstanceLocation));
    }

    [Fact]
    public void Content_after_the_document_is_a_failure()
    {
        var bytes = Encoding.UTF8.GetBytes(Example("razorpay", "activate-contact", "200").ToJsonString() + " trailing");
        var validator = Validator("Razorpay.ActivateContactResponseValidator");
        Assert.False(validator.IsValid(bytes));
        var error = Assert.Single(validator.Validate(bytes).Errors);
        Assert.Equal(("json", ""), (error.Keyword, error.InstanceLocation));
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_a_failure_not_an_exception()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"name\": \"Gaurav").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        var validator = Validator("Razorpay.ActivateContactResponseValidator");
        Assert.False(validator.IsValid(bytes));
        var error = Assert.Single(validator.Validate(bytes).Errors);
        Assert.Equal(("json", "/name"), (error.Keyword, error.InstanceLocation));
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_is_a_failure_not_an_exception()
    {
        var deep = string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100));
        var body = Example("razorpay", "activate-contact", "200").ToJsonString().Replace("\"notes\":{", "\"x\":" + deep + ",\"notes\":{", StringComparison.Ordinal);
        var validator = Validator("Razorpay.ActivateContactResponseValidator");
        Assert.False(validator.IsValid(Encoding.UTF8.GetBytes(body)));
        var error = Assert.Single(validator.Validate(Encoding.UTF8.GetBytes(body)).Errors);
        Assert.Equal("json", error.Keyword);
        // The undocumented field's value is skipped, so the failure is reported at that field.
        Assert.Equal("/x", error.InstanceLocation);
    }

    [Fact]
    public void Escaped_property_names_are_matched_and_reported_decoded()
    {
        var body = Example("razorpay", "activate-contact", "200").ToJsonString()
            .Replace("\"active\":false", "\"\\u0061ctive\":\"no\"", StringComparison.Ordinal);
        var error = Assert.Single(Validator("Razorpay.ActivateContactResponseValidator").Validate(Encoding.UTF8.GetBytes(body)).Errors);
        Assert.Equal(("/active", "type"), (error.InstanceLocation, error.Keyword));
    }

    [Fact]
    public void The_error_body_without_documented_schema_accepts_any_json()
    {
        var validator = Validator("Razorpay.ActivateContactError4xxValidator");
        Assert.True(validator.IsValid("{\"error\":{\"code\":\"BAD_REQUEST_ERROR\"}}"u8));
        Assert.True(validator.IsValid("[1, \"x\", null]"u8));
        Assert.False(validator.IsValid("{"u8));
    }

    [Theory]
    [InlineData("Razorpay.ActivateContactResponseValidator", "razorpay", "activate-contact")]
    [InlineData("Instantpay.UpdateContactResponseValidator", "instantpay", "update-contact")]
    public void Validating_a_valid_document_allocates_nothing(string name, string vendor, string operation)
    {
        // Allocation is counted, not timed: the same on a busy machine as on an idle one.
        var bytes = Bytes(Example(vendor, operation, "200"));
        var validator = Validator(name);
        for (var i = 0; i < 20; i++)
        {
            validator.IsValid(bytes);
            validator.Validate(bytes);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            Assert.True(validator.IsValid(bytes));
            Assert.True(validator.Validate(bytes).IsValid);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
