using System.Text.Json.Nodes;
using ContractKit.Probing;

namespace ContractKit.Testing;

/// <summary>
/// Random JSON instances of a schema, as a live sandbox's own data: fresh strings, numbers and booleans within
/// the documented constraints, optional members present about half the time, nullable values null about half
/// the time, arrays of 0 to 3 items, maps with 0 to 3 keys of their own. Formats and patterns are honoured.
/// The generator itself is the library's <see cref="SchemaInstanceGenerator"/> (the probe uses it too), driven
/// here by a seeded <see cref="Random"/>.
/// </summary>
public sealed class SchemaInstances(Random random)
{
    public JsonNode? Generate(JsonObject root) => new SchemaInstanceGenerator(new RandomChoices(random)).Generate(root);
}
