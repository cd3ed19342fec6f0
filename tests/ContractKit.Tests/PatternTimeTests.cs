using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Validation;

namespace ContractKit.Tests;

/// <summary>A contract's pattern is untrusted: a catastrophic one must not hang validation.</summary>
public sealed class PatternTimeTests
{
    private static readonly byte[] Catastrophic = Encoding.UTF8.GetBytes("\"" + new string('a', 64) + "!\"");

    [Fact]
    public void A_catastrophically_backtracking_pattern_answers_at_once()
    {
        var validator = SchemaInterpreter.Create(JsonNode.Parse("""{ "type": "string", "pattern": "^(a+)+$" }"""));

        var clock = Stopwatch.StartNew();
        var result = validator.Validate(Catastrophic);

        // A hang guard, not a speed target: backtracking needs 22 s at 28 characters and doubles with each one more.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal("pattern", Assert.Single(result.Errors).Keyword);
        Assert.True(validator.Validate(Encoding.UTF8.GetBytes("\"aaaa\"")).IsValid);
    }

    [Fact]
    public void A_backtracking_pattern_the_linear_engine_cannot_run_times_out_as_a_pattern_error()
    {
        // A backreference needs the backtracking engine; this one is exponential on a near miss.
        var validator = SchemaInterpreter.Create(JsonNode.Parse("""{ "type": "string", "pattern": "^((a+)+)\\1$" }"""));

        var clock = Stopwatch.StartNew();
        var result = validator.Validate(Encoding.UTF8.GetBytes("\"" + new string('a', 40) + "!\""));

        // A hang guard, not a speed target: without the match timeout this runs for hours.
        Assert.True(clock.Elapsed < EcmaPattern.MatchTimeout + TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.Equal("pattern", error.Keyword);
        Assert.Contains("within 2 s", error.Message, StringComparison.Ordinal);
        Assert.True(validator.Validate(Encoding.UTF8.GetBytes("\"aa\"")).IsValid);
    }
}

/// <summary>A body with a huge number of wrong values: validation stops collecting at the limit.</summary>
public sealed class ErrorLimitTests
{
    [Fact]
    public void Validation_stops_after_the_error_limit_and_says_so()
    {
        var validator = SchemaInterpreter.Create(JsonNode.Parse("""{ "type": "array", "items": { "type": "string" } }"""));
        var body = Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("1", 200_000)) + "]");

        var result = validator.Validate(body);

        Assert.Equal(JsonValidation.MaxErrors + 1, result.Errors.Count);
        Assert.All(result.Errors.Take(JsonValidation.MaxErrors), error => Assert.Equal("type", error.Keyword));
        var last = result.Errors[^1];
        Assert.Equal("errors", last.Keyword);
        Assert.Contains("stopped after 1000 errors", last.Message, StringComparison.Ordinal);
        Assert.False(validator.IsValid(body));
    }

    [Fact]
    public void Undocumented_fields_are_collected_up_to_the_limit()
    {
        var validator = SchemaInterpreter.Create(JsonNode.Parse("""{ "type": "object", "properties": { "id": { "type": "string" } } }"""));
        var body = Encoding.UTF8.GetBytes("{" + string.Join(',', Enumerable.Range(0, 5000).Select(i => $"\"f{i}\": 1")) + "}");

        var result = validator.Validate(body);

        Assert.True(result.IsValid);
        Assert.Equal(JsonValidation.MaxErrors, result.Warnings.Count);
    }
}
