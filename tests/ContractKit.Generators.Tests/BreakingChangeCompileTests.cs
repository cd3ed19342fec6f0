using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>
/// Accepting a breaking contract change shows up where the consumer uses the field: a removed field no longer
/// compiles, a deprecated one warns.
/// </summary>
public sealed class BreakingChangeCompileTests
{
    private const string Consumer = """
        namespace Consumer
        {
            internal static class UsesNotes
            {
                public static int CountNotes(Consumer.Contracts.Razorpay.ActivateContactResponse response) => response.Notes.Count;

                public static string? Batch(Consumer.Contracts.Razorpay.ActivateContactResponse response) => response.BatchId;
            }
        }
        """;

    private static GeneratorRun Compile(Action<JsonObject> change)
    {
        var (path, text) = Repo.Contract("razorpay", "activate-contact");
        var contract = JsonNode.Parse(text)!.AsObject();
        change(contract["responses"]![0]!["schema"]!.AsObject());
        return GeneratorHarness.Run([new InMemoryAdditionalText(path, contract.ToJsonString())], "Consumer.Contracts", Consumer);
    }

    [Fact]
    public void Consumer_code_compiles_against_the_documented_contract()
    {
        var run = Compile(_ => { });
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void A_removed_response_field_breaks_the_consumers_compile_where_it_is_used()
    {
        var run = Compile(schema =>
        {
            schema["properties"]!.AsObject().Remove("notes");
            var required = schema["required"]!.AsArray();
            required.Remove(required.First(r => r!.GetValue<string>() == "notes"));
        });

        var error = Assert.Single(run.CompilationDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("CS1061", error.Id);
        Assert.Contains("Notes", error.GetMessage(), StringComparison.Ordinal);
        // Line 5 of the consumer's file: CountNotes, where response.Notes is read.
        Assert.Equal(4, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.DoesNotContain(".g.cs", error.Location.SourceTree!.FilePath, StringComparison.Ordinal);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void A_deprecated_field_is_obsolete_in_the_dto_and_only_the_consumers_use_warns()
    {
        var run = Compile(schema => schema["properties"]!["batch_id"]!["deprecated"] = true);

        var warning = Assert.Single(run.CompilationDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal("CS0618", warning.Id);
        Assert.Contains("batch_id", warning.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(".g.cs", warning.Location.SourceTree!.FilePath, StringComparison.Ordinal);
        var source = run.Sources["Razorpay.ActivateContact.Contract.g.cs"];
        Assert.Contains("[global::System.Obsolete(\"The vendor's documentation marks batch_id as deprecated.\")]", source, StringComparison.Ordinal);
    }
}
