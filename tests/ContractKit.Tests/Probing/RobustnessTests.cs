using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Testing;
using ContractKit.Validation;

namespace ContractKit.Tests.Probing;

/// <summary>
/// The contract reader and the interpreter never throw on arbitrary input: random bytes, random JSON and mutated
/// real contracts give a contract, a schema or a validation result, or a clear error (bounded property runs).
/// </summary>
public sealed class RobustnessTests
{
    private static readonly string[] Contracts = ProbeContracts.Files.Select(f => File.ReadAllText(Repo.PathOf(f.Split('/')))).ToArray();

    private static readonly SchemaInterpreter[] Interpreters = ProbeContracts.Files.Select(ProbeContracts.Read)
        .SelectMany(c => c.Responses.Select(r => r.Schema).Append(c.Request?.Schema)).OfType<JsonObject>()
        .Select(s => SchemaInterpreter.Create(s)).ToArray();

    [Fact]
    public void The_reader_gives_a_contract_or_a_located_error_for_random_bytes() =>
        PropertyRuns.Check(RandomInputs.Bytes, ReadOrRefuse, iterations: 200);

    [Fact]
    public void The_reader_gives_a_contract_or_a_located_error_for_random_and_mutated_json()
    {
        PropertyRuns.Check(RandomInputs.Json, json => ReadOrRefuse(Encoding.UTF8.GetBytes(json)), iterations: 150);
        PropertyRuns.Check(RandomInputs.MutatedJson(Contracts), json => ReadOrRefuse(Encoding.UTF8.GetBytes(json)), iterations: 150);
    }

    [Fact]
    public void The_interpreter_validates_random_bytes_and_json_without_throwing() =>
        PropertyRuns.Check(CsCheck.Gen.Select(RandomInputs.Bytes, RandomInputs.Json, (b, j) => (b, Encoding.UTF8.GetBytes(j))), input =>
        {
            foreach (var interpreter in Interpreters)
            {
                foreach (var document in new[] { input.Item1, input.Item2 })
                {
                    var result = interpreter.Validate(document);
                    Assert.Equal(result.IsValid, interpreter.IsValid(document));
                }
            }
        }, iterations: 60);

    [Fact]
    public void The_interpreter_compiles_random_and_mutated_schemas_or_refuses_them_clearly()
    {
        var schemas = Contracts.Select(c => JsonNode.Parse(c)!["responses"]![0]!["schema"]!.ToJsonString()).ToList();
        PropertyRuns.Check(CsCheck.Gen.Select(RandomInputs.MutatedJson(schemas), RandomInputs.Json, (a, b) => (a, b)), input =>
        {
            foreach (var text in new[] { input.a, input.b })
            {
                SchemaInterpreter interpreter;
                try
                {
                    interpreter = SchemaInterpreter.Create(JsonNode.Parse(text));
                }
                catch (UnsupportedSchemaException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                    continue;
                }

                interpreter.Validate(Encoding.UTF8.GetBytes(text));
                interpreter.Validate(Encoding.UTF8.GetBytes(input.a));
            }
        }, iterations: 100);
    }

    private static void ReadOrRefuse(byte[] bytes)
    {
        try
        {
            ContractReader.Read(bytes, "schemas/random/op.contract.json");
        }
        catch (ContractFormatException e)
        {
            Assert.Equal("schemas/random/op.contract.json", e.File);
            Assert.True(e.Line >= 1 && e.Column >= 1, e.Message);
        }
    }
}
