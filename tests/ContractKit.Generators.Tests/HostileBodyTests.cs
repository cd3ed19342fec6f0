using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Validation;

namespace ContractKit.Generators.Tests;

/// <summary>
/// Response bodies are untrusted: a member name given twice and numbers beyond the range of double get the
/// same answer from generated validators (both paths) and the interpreter.
/// </summary>
public sealed class HostileBodyTests
{
    private const string Documented = """
        { "type": "object", "properties": { "id": { "type": "string" }, "n": { "type": "integer" },
          "items": { "type": "array", "items": { "type": "object", "properties": { "q": { "type": "integer" } } } } },
          "required": [ "id" ] }
        """;

    private const string Closed = """
        { "type": "object", "properties": { "id": { "type": "string" } }, "additionalProperties": { "type": "integer" } }
        """;

    private const string Free = "{}";

    private const string Alternatives = """
        { "anyOf": [ { "type": "object", "properties": { "a": { "type": "string" } }, "required": [ "a" ] }, { "type": "object" } ] }
        """;

    private const string Integer = """{ "type": "integer" }""";

    private const string BoundedNumber = """{ "type": "number", "maximum": 10, "minimum": -1e300 }""";

    private const string Number = """{ "type": "number" }""";

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.Run(
        Contract("documented", Documented), Contract("closed", Closed), Contract("free", Free), Contract("alternatives", Alternatives),
        Contract("integer", Integer), Contract("bounded-number", BoundedNumber), Contract("number", Number)).Load());

    private static (string, string) Contract(string operation, string schema) =>
        ($"/c/hostile/{operation}.contract.json", GeneratorHarness.ContractWithResponseSchema("hostile", operation, schema));

    private static IJsonValidator Generated(string operation) =>
        GeneratorHarness.Validator(Compiled.Value, $"Consumer.Contracts.Hostile.{string.Concat(operation.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]))}ResponseValidator");

    private static string SchemaOf(string operation) => operation switch
    {
        "documented" => Documented,
        "closed" => Closed,
        "free" => Free,
        "alternatives" => Alternatives,
        "integer" => Integer,
        "bounded-number" => BoundedNumber,
        _ => Number,
    };

    private static string Many(int count, string extra) =>
        "{\"id\":\"a\"," + string.Join(',', Enumerable.Range(0, count).Select(i => $"\"f{i}\":{i}")) + extra + "}";

    /// <summary>A body, and the pointers where a member name is repeated (none: the body is valid).</summary>
    public static TheoryData<string, string, string[]> Duplicates => new()
    {
        { "documented", """{"id":"a","id":"b"}""", ["/id"] },
        { "documented", """{"id":"a","n":1,"n":1}""", ["/n"] },
        { "documented", """{"id":"a","x":1,"y":2,"x":1}""", ["/x"] },
        { "documented", """{"id":"a","\u0069d":"b"}""", ["/id"] },
        { "documented", """{"id":"a","x":1,"\u0078":1}""", ["/x"] },
        { "documented", """{"id":"a","free":{"k":1,"deep":{"z":[{"w":1,"w":2}]},"k":2}}""", ["/free/deep/z/0/w", "/free/k"] },
        { "documented", """{"id":"a","items":[{"q":1},{"q":1,"r":0,"q":2}]}""", ["/items/1/q"] },
        { "documented", """{"id":"a","x":{},"y":{"x":1},"z":[{"x":1},{"x":1}]}""", [] },
        { "documented", Many(200, ""), [] },
        { "documented", Many(200, ",\"f150\":0"), ["/f150"] },
        { "documented", Many(200, ",\"id\":\"b\""), ["/id"] },
        { "closed", """{"id":"a","k":1,"k":2}""", ["/k"] },
        { "closed", """{"k":1,"l":2,"m":3}""", [] },
        { "free", """{"a":{"b":1,"b":1}}""", ["/a/b"] },
        { "free", """[{"a":1},{"a":1,"b":{"c":1,"c":1}}]""", ["/1/b/c"] },
        { "free", "{" + string.Join(',', Enumerable.Range(0, 100).Select(i => $"\"k{i}\":{{\"v\":1,\"v\":2}}")) + "}", [.. Enumerable.Range(0, 100).Select(i => $"/k{i}/v")] },
        { "alternatives", """{"a":"x","a":"y"}""", ["/a"] },
        { "alternatives", """{"b":1,"b":2}""", ["/b"] },
    };

    [Theory]
    [MemberData(nameof(Duplicates))]
    public void A_member_name_given_twice_is_an_error_at_its_member(string operation, string body, string[] pointers)
    {
        var utf8 = Encoding.UTF8.GetBytes(body);
        var interpreter = SchemaInterpreter.Create(JsonNode.Parse(SchemaOf(operation)));
        foreach (var validator in new[] { Generated(operation), interpreter })
        {
            var result = validator.Validate(utf8);
            var duplicates = result.Errors.Where(e => e.Keyword == "duplicateKey").Select(e => e.InstanceLocation).Order(StringComparer.Ordinal);

            Assert.Equal(pointers.Order(StringComparer.Ordinal), duplicates);
            Assert.Equal(pointers.Length == 0, result.IsValid);
            Assert.Equal(result.IsValid, validator.IsValid(utf8));
        }
    }

    [Fact]
    public void A_repeated_name_is_found_in_an_object_too_large_for_the_filter()
    {
        // Past MaxBloomNames the names move to a set; the repeat may come long after its first.
        var names = Enumerable.Range(0, 5_000).Select(i => $"\"n{i}\":1").ToList();
        names.Add("\"n17\":2");
        var body = Encoding.UTF8.GetBytes("{\"id\":\"a\"," + string.Join(',', names) + "}");
        foreach (var validator in new[] { Generated("documented"), SchemaInterpreter.Create(JsonNode.Parse(Documented)) })
        {
            Assert.False(validator.IsValid(body));
            Assert.Equal("/n17", Assert.Single(validator.Validate(body).Errors).InstanceLocation);
        }
    }

    [Fact]
    public void Checking_names_on_a_valid_documented_body_allocates_nothing()
    {
        var validator = Generated("documented");
        var body = Encoding.UTF8.GetBytes("""{"id":"a","n":3,"items":[{"q":1},{"q":2}],"extra":{"k":1,"l":[1,2]}}""");
        Assert.True(validator.IsValid(body));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var valid = validator.IsValid(body);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(valid);
        Assert.Equal(0, allocated);
    }

    /// <summary>A number, and whether it is valid for integer, for number with maximum 10, and for number.</summary>
    public static TheoryData<string, bool, bool> Numbers => new()
    {
        { "1e400", true, false },
        { "1" + new string('0', 400), true, false },
        { "-1e400", true, false },
        { "1" + new string('0', 400) + ".000", true, false },
        { "1.5e1", true, false },
        { "100e-2", true, true },
        { "0.0e-9999", true, true },
        { "1e-400", false, true },
        { "1.5", false, true },
        { "-0.000000000000000000000000000000000000000001", false, true },
        { "12345678901234567890123456789012345678901234567890", true, false },
        { "1e99999999999999999999", true, false },
        { "7", true, true },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void A_number_beyond_double_is_judged_by_its_value_not_by_how_it_is_written(string number, bool integer, bool atMostTen)
    {
        var utf8 = Encoding.UTF8.GetBytes(number);
        foreach (var (operation, expected) in new[] { ("integer", integer), ("bounded-number", atMostTen), ("number", true) })
        {
            foreach (var validator in new[] { Generated(operation), SchemaInterpreter.Create(JsonNode.Parse(SchemaOf(operation))) })
            {
                var result = validator.Validate(utf8);

                Assert.True(expected == result.IsValid, $"{operation} {number}: {result}");
                Assert.Equal(expected, validator.IsValid(utf8));
            }
        }
    }
}
