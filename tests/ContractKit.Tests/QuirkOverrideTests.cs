using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Testing;

namespace ContractKit.Tests;

/// <summary>Quirk overrides: read from the overrides file, checked against their field, recorded on it as x-quirks.</summary>
public sealed class QuirkOverrideTests
{
    private const string File = "schemas/razorpay/activate-contact.overrides.json";

    private static Contract Razorpay() => ContractReader.ReadFile(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));

    private static JsonObject Field(Contract contract, string name) => contract.Responses[0].Schema["properties"]![name]!.AsObject();

    private static IReadOnlyList<OverrideOutcome> Apply(Contract contract, string overrides) =>
        ContractOverrides.Read(Encoding.UTF8.GetBytes(overrides), File).ApplyTo(contract);

    [Fact]
    public void A_quirk_is_recorded_on_the_field_without_changing_its_type_or_requiredness()
    {
        var contract = Razorpay();
        var outcome = Assert.Single(Apply(contract, """
            { "overrides": [
              { "in": "response", "status": "200", "field": "notes", "quirk": "empty-array-as-object",
                "reason": "The live API returns [] when a contact has no notes." } ] }
            """));

        Assert.True(outcome.Applied);
        Assert.Equal(["quirk empty-array-as-object recorded"], outcome.Changes);
        Assert.Equal(139, outcome.PageLine);
        var notes = Field(contract, "notes");
        Assert.Equal("object", notes["type"]!.GetValue<string>());
        Assert.Null(notes["x-override"]);
        Assert.Equal(
            """[{"kind":"empty-array-as-object","reason":"The live API returns [] when a contact has no notes.","override":"activate-contact.overrides.json:2"}]""",
            notes["x-quirks"]!.ToJsonString());
        Assert.Contains(contract.Responses[0].Schema["required"]!.AsArray(), r => r!.GetValue<string>() == "notes");
    }

    [Fact]
    public void A_date_format_quirk_keeps_its_formats_and_a_stale_one_is_reported_not_applied()
    {
        var contract = Razorpay();
        var outcomes = Apply(contract, """
            { "overrides": [
              { "in": "response", "field": "created_at", "quirk": "date-format", "formats": ["sql-datetime", "unix-milliseconds"], "reason": "The v2 host." },
              { "in": "response", "field": "deleted_at", "quirk": "sometimes-absent", "reason": "Gone from the page." },
              { "in": "response", "field": "active", "quirk": "sometimes-absent", "reason": "Missing for old contacts." } ] }
            """);

        Assert.Equal("""["sql-datetime","unix-milliseconds"]""", Field(contract, "created_at")["x-quirks"]![0]!["formats"]!.ToJsonString());
        Assert.True(outcomes[1].Stale);
        Assert.True(outcomes[2].Applied);
        Assert.Equal("sometimes-absent", Field(contract, "active")["x-quirks"]![0]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public void A_quirk_the_field_already_has_changes_nothing_and_is_reported_as_unneeded()
    {
        var contract = Razorpay();
        var outcomes = Apply(contract, """
            { "overrides": [
              { "in": "response", "status": "200", "field": "notes", "quirk": "empty-array-as-object", "reason": "Seen on 200." },
              { "in": "response", "field": "notes", "quirk": "empty-array-as-object", "reason": "Seen everywhere." } ] }
            """);

        Assert.True(outcomes[0].Applied);
        Assert.Equal((false, false), (outcomes[1].Applied, outcomes[1].Stale));
        Assert.Empty(outcomes[1].Changes);
        Assert.Single(Field(contract, "notes")["x-quirks"]!.AsArray());
    }

    [Theory]
    [InlineData("""{ "in": "response", "field": "notes", "quirk": "empty-string-as-null", "reason": "r" }""", "\"quirk\"", "unknown quirk kind \"empty-string-as-null\"; expected one of empty-array-as-object, number-as-string, date-format, sometimes-absent")]
    [InlineData("""{ "in": "path", "field": "id", "quirk": "number-as-string", "reason": "r" }""", "\"quirk\"", "a quirk names a body field: \"in\" must be request or response, found \"path\"")]
    [InlineData("""{ "in": "response", "field": "created_at", "quirk": "date-format", "reason": "r" }""", "{", "the date-format quirk needs \"formats\"")]
    [InlineData("""{ "in": "response", "field": "created_at", "quirk": "date-format", "formats": ["iso"], "reason": "r" }""", "\"iso\"", "expected one of date-time, date, sql-datetime, rfc1123, unix-seconds, unix-milliseconds, found \"iso\"")]
    [InlineData("""{ "in": "response", "field": "created_at", "quirk": "date-format", "formats": ["date", "date"], "reason": "r" }""", "\"date\"]", "the format \"date\" is listed twice")]
    [InlineData("""{ "in": "response", "field": "created_at", "quirk": "number-as-string", "formats": ["date"], "reason": "r" }""", "\"formats\"", "\"formats\" goes with \"quirk\": \"date-format\"")]
    public void A_malformed_quirk_is_refused_with_file_line_and_column(string entry, string at, string problem)
    {
        var error = Assert.Throws<ContractFormatException>(() => Apply(Razorpay(), "{ \"overrides\": [\n" + entry + "\n] }"));
        Assert.Equal((File, 2, entry.IndexOf(at, StringComparison.Ordinal) + 1), (error.File, error.Line, error.Column));
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("email", "\"empty-array-as-object\"", "the quirk empty-array-as-object needs a field documented as an object (or map), but response * email is documented as string")]
    [InlineData("name", "\"number-as-string\"", "the quirk number-as-string needs a field documented as an integer or number, but response * name is documented as string")]
    [InlineData("active", "\"date-format\", \"formats\": [\"date\"]", "the quirk date-format needs a string with format date-time or date, or an integer (a Unix timestamp), but response * active is documented as boolean")]
    [InlineData("email", "\"date-format\", \"formats\": [\"date\"]", "the quirk date-format needs a string with format date-time or date, or an integer (a Unix timestamp), but response * email is documented as string with format email")]
    public void A_quirk_on_a_field_of_the_wrong_type_is_refused_at_its_quirk_member(string field, string quirk, string problem)
    {
        var overrides = "{ \"overrides\": [\n  { \"in\": \"response\", \"field\": \"" + field + "\", \"reason\": \"r\",\n    \"quirk\": " + quirk + " } ] }";
        var error = Assert.Throws<ContractFormatException>(() => Apply(Razorpay(), overrides));
        Assert.Equal((File, 3, 5), (error.File, error.Line, error.Column));
        Assert.Equal(problem, error.Problem);
    }

    [Fact]
    public void Empty_array_as_object_is_refused_for_an_object_with_required_fields()
    {
        var contract = Razorpay();
        var error = Assert.Throws<ContractFormatException>(() => Apply(contract, """
            { "overrides": [
              { "in": "response", "field": "notes", "patch": { "required": ["note_key"] }, "reason": "Always has one." },
              { "in": "response", "field": "notes", "quirk": "empty-array-as-object", "reason": "r" } ] }
            """));
        Assert.Equal(3, error.Line);
        Assert.Contains("needs an object whose fields are all optional", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Sometimes_absent_is_refused_for_an_optional_field()
    {
        var error = Assert.Throws<ContractFormatException>(() => Apply(Razorpay(), """
            { "overrides": [
              { "in": "response", "field": "email", "required": false, "reason": "Often missing." },
              { "in": "response", "field": "email", "quirk": "sometimes-absent", "reason": "Often missing." } ] }
            """));
        Assert.Equal((3, 41), (error.Line, error.Column));
        Assert.Equal("the quirk sometimes-absent needs a required field, but response * email is optional already", error.Problem);
    }

    [Fact]
    public void The_same_quirk_twice_for_one_field_is_refused_naming_the_first()
    {
        var error = Assert.Throws<ContractFormatException>(() => Apply(Razorpay(), """
            { "overrides": [
              { "in": "response", "field": "notes", "quirk": "empty-array-as-object", "reason": "a" },
              { "in": "response", "field": "notes", "quirk": "empty-array-as-object", "reason": "b" } ] }
            """));
        Assert.Equal((3, 41), (error.Line, error.Column));
        Assert.Contains("already declared at line 2", error.Problem, StringComparison.Ordinal);
    }
}
