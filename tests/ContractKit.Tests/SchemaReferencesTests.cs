using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Validation;

namespace ContractKit.Tests;

/// <summary>$ref cycles are refused where a schema is read, at the reference that closes them.</summary>
public sealed class SchemaReferencesTests
{
    [Theory]
    [InlineData("""{ "$ref": "#" }""", "/$ref")]
    [InlineData("""{ "type": "object", "properties": { "self": { "$ref": "#" } } }""", "/properties/self/$ref")]
    [InlineData("""{ "$defs": { "a": { "$ref": "#/$defs/b" }, "b": { "oneOf": [ { "$ref": "#/$defs/a" } ] } }, "$ref": "#/$defs/a" }""", "/$defs/b/oneOf/0/$ref")]
    [InlineData("""{ "$defs": { "node": { "properties": { "children": { "items": { "$ref": "#/$defs/node" } } } } }, "$ref": "#/$defs/node" }""", "/$defs/node/properties/children/items/$ref")]
    public void A_cycle_is_found_at_the_reference_that_closes_it(string schema, string expected) =>
        Assert.Equal(expected, SchemaReferences.FindCycle(JsonNode.Parse(schema)));

    [Theory]
    [InlineData("""{ "$defs": { "id": { "type": "string" } }, "properties": { "a": { "$ref": "#/$defs/id" }, "b": { "$ref": "#/$defs/id" } } }""")]
    [InlineData("""{ "properties": { "a": { "type": "string" }, "b": { "$ref": "#/properties/a" } } }""")]
    [InlineData("""{ "$ref": "#/$defs/missing" }""")]
    public void Shared_and_unresolved_references_are_no_cycle(string schema) =>
        Assert.Null(SchemaReferences.FindCycle(JsonNode.Parse(schema)));

    [Fact]
    public void The_interpreter_refuses_a_cycle_instead_of_overflowing_the_stack()
    {
        var error = Assert.Throws<UnsupportedSchemaException>(() =>
            SchemaInterpreter.Create(JsonNode.Parse("""{ "type": "object", "properties": { "self": { "$ref": "#" } } }""")));
        Assert.Equal("/properties/self/$ref", error.Location);
    }

    [Fact]
    public void Deep_but_acyclic_data_through_a_reference_still_validates()
    {
        var validator = SchemaInterpreter.Create(JsonNode.Parse("""{ "$defs": { "leaf": { "type": "string" } }, "properties": { "a": { "properties": { "b": { "$ref": "#/$defs/leaf" } } } } }"""));
        Assert.Equal("type", Assert.Single(validator.Validate(Encoding.UTF8.GetBytes("""{ "a": { "b": 5 } }""")).Errors).Keyword);
    }
}
