using ContractKit.Contracts;
using static ContractKit.Import.Tests.Pages;

namespace ContractKit.Import.Tests;

/// <summary>Types checked against samples, constraints read from prose, volatile and secret marks.</summary>
public sealed class DerivationTests
{
    private static string ResponsePage(string name, string type, string description, string? sampleValue) => Lines(
        "GET /x",
        "Response Parameters",
        name,
        type,
        description,
        sampleValue is null ? "" : "{",
        sampleValue is null ? "" : $"  \"{name}\": {sampleValue}",
        sampleValue is null ? "" : "}");

    [Theory]
    [InlineData("Deprecated. Use contact_id instead.", true)]
    [InlineData("The batch. This field is deprecated and will be removed.", true)]
    [InlineData("The batch (deprecated).", true)]
    [InlineData("The batch; non-deprecated replacement for batch_no.", false)]
    [InlineData("The batch id.", false)]
    public void A_description_that_says_deprecated_marks_the_field(string description, bool deprecated)
    {
        var contract = ImportPage(ResponsePage("batch_id", "string", description, "\"b_1\""));
        Assert.Equal(deprecated, contract.ResponseSchema().Property("batch_id")["deprecated"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public void A_documented_string_that_the_sample_shows_null_becomes_nullable_with_a_warning()
    {
        var contract = ImportPage(ResponsePage("batch_id", "string", "The batch.", "null"));
        Assert.Equal("[\"string\",\"null\"]", contract.ResponseSchema().Property("batch_id").TypeText());
        var finding = contract.Finding(FindingCodes.NullInSample);
        Assert.Equal((FindingSeverity.Warning, 7, "batch_id"), (finding.Severity, finding.Line, finding.Field));
    }

    [Fact]
    public void A_description_that_says_null_makes_the_field_nullable_and_the_sample_only_confirms_it()
    {
        var contract = ImportPage(ResponsePage("orderid", "string", "Order id (otherwise it is null)", "null"));
        Assert.Equal("[\"string\",\"null\"]", contract.ResponseSchema().Property("orderid").TypeText());
        Assert.Equal(FindingSeverity.Info, contract.Finding(FindingCodes.NullInSample).Severity);

        var withoutSample = ImportPage(ResponsePage("orderid", "string", "Order id, or null", null));
        Assert.Equal("[\"string\",\"null\"]", withoutSample.ResponseSchema().Property("orderid").TypeText());
    }

    [Fact]
    public void A_documented_array_that_the_sample_shows_as_an_object_follows_the_sample()
    {
        var contract = ImportPage(ResponsePage("data", "Array", "Response data", "{\"_id\": \"a1\", \"n\": 2}"));
        var data = contract.ResponseSchema().Property("data");
        Assert.Equal("\"object\"", data.TypeText());
        Assert.Equal("\"integer\"", data.Property("n").TypeText());
        Assert.True(data.Property("_id")["x-volatile"]!.GetValue<bool>());
        Assert.True(data.Property("_id")["x-inferred"]!.GetValue<bool>());
        Assert.Equal("Response data", data["description"]!.GetValue<string>());
        var finding = contract.Finding(FindingCodes.TypeMismatch);
        Assert.Equal(("data", 7), (finding.Field, finding.Line));
        Assert.Contains("documented as Array but the sample at line 7 is an object", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_integer_the_sample_shows_with_a_fraction_becomes_a_number()
    {
        var contract = ImportPage(ResponsePage("rate", "integer", "The rate.", "1.5"));
        Assert.Equal("\"number\"", contract.ResponseSchema().Property("rate").TypeText());
    }

    [Fact]
    public void A_documented_response_field_missing_from_the_sample_is_optional()
    {
        var contract = ImportPage(Lines("GET /x", "Response Parameters", "a", "string", "A.", "b", "string", "B.", "{\"a\": \"x\"}"));
        Assert.Equal(["a"], contract.ResponseSchema().Required());
        var finding = contract.Finding(FindingCodes.MissingFromSample);
        Assert.Equal(("b", 6), (finding.Field, finding.Line));
    }

    [Fact]
    public void Key_value_pair_limits_become_max_properties_and_string_values_with_max_length()
    {
        var notes = ImportPage(ResponsePage("notes", "object",
            "Key-value pairs. Maximum 15 key-value pairs, 256 characters (maximum) each.", "{\"k\": \"v\"}")).ResponseSchema().Property("notes");
        Assert.Equal(15, notes["maxProperties"]!.GetValue<int>());
        Assert.Equal("{\"type\":\"string\",\"maxLength\":256}", notes["additionalProperties"]!.ToJsonString());
    }

    [Theory]
    [InlineData("Maximum 40 characters.", "maxLength", 40)]
    [InlineData("The name, up to 120 characters.", "maxLength", 120)]
    [InlineData("At least 3 characters.", "minLength", 3)]
    public void Character_limits_on_strings_become_length_keywords(string description, string keyword, int value)
    {
        var field = ImportPage(ResponsePage("name", "string", description, null)).ResponseSchema().Property("name");
        Assert.Equal(value, field[keyword]!.GetValue<int>());
    }

    [Fact]
    public void Email_in_the_name_or_description_becomes_format_email()
    {
        var field = ImportPage(ResponsePage("contact_email", "string", "Where to write.", "\"a@b.co\"")).ResponseSchema().Property("contact_email");
        Assert.Equal("email", field["format"]!.GetValue<string>());
    }

    [Fact]
    public void A_sample_that_contradicts_a_prose_constraint_drops_it_with_a_warning()
    {
        var contract = ImportPage(ResponsePage("email", "string", "The email address.", "\"[email protected]\""));
        Assert.Null(contract.ResponseSchema().Property("email")["format"]);
        var finding = contract.Finding(FindingCodes.ConstraintContradicted);
        Assert.Equal((FindingSeverity.Warning, 7, "email"), (finding.Severity, finding.Line, finding.Field));
        Assert.Contains("\"[email protected]\"", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unix_timestamp_is_an_integer_and_volatile()
    {
        var field = ImportPage(ResponsePage("paid", "number", "Timestamp, in Unix, when it was paid.", "1545320320")).ResponseSchema().Property("paid");
        Assert.Equal("\"integer\"", field.TypeText());
        Assert.True(field["x-volatile"]!.GetValue<bool>());
    }

    [Fact]
    public void A_date_time_mask_that_is_not_rfc3339_becomes_a_pattern()
    {
        var field = ImportPage(ResponsePage("timestamp", "String", "Response time (YYYY-MM-DD HH:II:SS)", "\"2023-05-10 14:29:19\"")).ResponseSchema().Property("timestamp");
        Assert.Equal(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", field["pattern"]!.GetValue<string>());
        Assert.Null(field["format"]);
    }

    [Fact]
    public void A_date_mask_becomes_format_date_and_a_sample_that_breaks_a_pattern_drops_it()
    {
        var date = ImportPage(ResponsePage("day", "string", "Day (YYYY-MM-DD)", "\"2024-01-31\"")).ResponseSchema().Property("day");
        Assert.Equal("date", date["format"]!.GetValue<string>());

        var contract = ImportPage(ResponsePage("at", "string", "When (DD/MM/YYYY or YYYY/MM/DD)", "\"31-01-2024\""));
        Assert.Null(contract.ResponseSchema().Property("at")["pattern"]);
        Assert.Equal(FindingCodes.ConstraintContradicted, contract.Finding(FindingCodes.ConstraintContradicted).Code);
    }

    [Theory]
    [InlineData("id", "The id.", true)]
    [InlineData("ipay_uuid", "Request reference number", true)]
    [InlineData("created_at", "When.", true)]
    [InlineData("updatedAt", "When.", true)]
    [InlineData("reference", "A unique identifier for the request.", true)]
    [InlineData("format", "The format.", false)]
    [InlineData("name", "The name.", false)]
    [InlineData("reference_id", "A user-entered reference.", false)]
    public void Ids_timestamps_and_request_references_are_volatile(string name, string description, bool expected)
    {
        var field = ImportPage(ResponsePage(name, "string", description, null)).ResponseSchema().Property(name);
        Assert.Equal(expected, field["x-volatile"]?.GetValue<bool>() ?? false);
    }

    [Fact]
    public void Findings_are_in_page_order()
    {
        var contract = ImportPage(Lines("GET /x", "Response Parameters", "a", "string", "A.", "b", "integer", "B.", "{\"b\": \"1\", \"a\": null}"));
        var lines = contract.Findings.Select(f => f.Line ?? 0).ToList();
        Assert.Equal(lines.Order(), lines);
    }

    [Fact]
    public void Several_constraints_in_one_description_and_an_open_list_of_defaults_is_no_enum()
    {
        var body = ImportPage(Lines(
            "PATCH",
            "/v1/contacts/:id",
            "Request Parameters",
            "name",
            "string",
            "The contact's name. Minimum 3 characters. Maximum 50 characters. For example, Gaurav Kumar.",
            "type",
            "string",
            "Maximum 40 characters. The following classifications are available by default:",
            "  • vendor",
            "  • customer",
            "Additional classifications can be created in the dashboard.")).RequestSchema();

        Assert.Equal((3, 50), (body.Property("name")["minLength"]!.GetValue<int>(), body.Property("name")["maxLength"]!.GetValue<int>()));
        Assert.Equal(40, body.Property("type")["maxLength"]!.GetValue<int>());
        Assert.Null(body.Property("type")["enum"]);
    }
}
