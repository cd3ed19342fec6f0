using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Validation;

namespace ContractKit.Tests;

/// <summary>A contract's pattern is untrusted: a catastrophic one must not hang validation.</summary>
public sealed class PatternTimeTests
{
    private static readonly byte[] Catastrophic = Encoding.UTF8.GetBytes("\"" + new string('a', 28) + "!\"");

    [Fact]
    public void A_catastrophically_backtracking_pattern_answers_at_once()
    {
        var validator = SchemaInterpreter.Create(JsonNode.Parse("""{ "type": "string", "pattern": "^(a+)+$" }"""));

        var clock = Stopwatch.StartNew();
        var result = validator.Validate(Catastrophic);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
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

        Assert.True(clock.Elapsed < EcmaPattern.MatchTimeout + TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.Equal("pattern", error.Keyword);
        Assert.Contains("within 2 s", error.Message, StringComparison.Ordinal);
        Assert.True(validator.Validate(Encoding.UTF8.GetBytes("\"aa\"")).IsValid);
    }
}
