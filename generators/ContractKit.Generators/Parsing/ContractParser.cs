using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ContractKit.Schema;
using ContractKit.Generators.Diagnostics;
using ContractKit.Generators.Model;

namespace ContractKit.Generators.Parsing;

/// <summary>The result of reading one contract file: its model (null when it cannot be generated) and its diagnostics.</summary>
internal sealed record ParseResult(ContractSpec? Contract, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Reads a contract file into a <see cref="ContractSpec"/>. Never throws: problems become diagnostics.</summary>
internal static class ContractParser
{
    public static ParseResult Parse(string filePath, string? text, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        try
        {
            var contract = ParseContract(filePath, text ?? "", diagnostics, cancellationToken);
            var hasErrors = diagnostics.Any(d => d.IsError);
            return new ParseResult(hasErrors ? null : contract, diagnostics.ToEquatableArray());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            // The generator never throws: whatever went wrong stays with this one contract.
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, filePath, default, filePath, e.GetType().Name + ": " + e.Message));
            return new ParseResult(null, diagnostics.ToEquatableArray());
        }
    }

    private static ContractSpec? ParseContract(string filePath, string text, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
    {
        JsonNodeBase root;
        try
        {
            root = JsonTreeParser.Parse(text);
        }
        catch (JsonSyntaxException e)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidJson, filePath, TextSpans.Span(e.Position), FileName(filePath),
                $"{e.Message} (line {e.Position.StartLine + 1}, column {e.Position.StartColumn + 1})"));
            return null;
        }

        // The envelope follows the one table of the contract format that ContractReader checks too.
        foreach (var problem in ContractRules.Check(root))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAContract, filePath, TextSpans.Span(problem.Position),
                FileName(filePath), problem.Problem));
        }

        if (root is not JsonObjectNode contract)
        {
            return null;
        }

        var vendor = contract["vendor"] as JsonStringNode;
        var operation = contract["operation"] as JsonStringNode;
        var http = contract["http"] as JsonObjectNode;
        var method = http?["method"] as JsonStringNode;
        var path = http?["path"] as JsonStringNode;

        var bodies = new List<BodySpec>();
        if (contract["request"] is JsonObjectNode request && request["schema"] is JsonObjectNode requestSchema)
        {
            bodies.Add(new BodySpec("Request", null, ReadSchema(requestSchema, filePath, diagnostics)));
        }

        var successSeen = false;
        var statuses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in (contract["responses"] as JsonArrayNode)?.Items ?? new List<JsonNodeBase>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item is not JsonObjectNode response || response["status"] is not JsonStringNode status || !Naming.IsStatus(status.Value)
                || response["schema"] is not JsonObjectNode schema)
            {
                continue;
            }

            if (!statuses.Add(status.Value))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAContract, filePath, TextSpans.Span(status.Position),
                    FileName(filePath), $"the status \"{status.Value}\" is documented twice"));
                continue;
            }

            string kind;
            if (status.Value[0] == '2' && !successSeen)
            {
                kind = "Response";
                successSeen = true;
            }
            else
            {
                kind = (status.Value[0] == '2' ? "Response" : "Error") + status.Value.ToLowerInvariant();
            }

            bodies.Add(new BodySpec(kind, status.Value, ReadSchema(schema, filePath, diagnostics)));
        }

        if (vendor is null || operation is null || method is null || path is null)
        {
            return null;
        }

        var hasRequestExample = contract["examples"] is JsonObjectNode examples && examples["request"] is JsonObjectNode;
        return new ContractSpec(filePath, vendor.Value, operation.Value, method.Value, path.Value,
            TextSpans.Span(contract.Find("operation")!.Value.Position), bodies.ToEquatableArray(), hasRequestExample, text);
    }

    private static string FileName(string path) => System.IO.Path.GetFileName(path);

    /// <summary>Compiles a body schema with the shared compiler; its problems become diagnostics.</summary>
    private static SchemaGraph ReadSchema(JsonNodeBase schema, string filePath, List<DiagnosticInfo> diagnostics)
    {
        var problems = new List<SchemaProblem>();
        var graph = SchemaCompiler.Compile(schema, problems);
        foreach (var problem in problems)
        {
            var arguments = problem.Kind == SchemaProblemKind.NameCollision ? new[] { problem.Message(Shown) } : problem.Arguments;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.For(problem.Kind), filePath, TextSpans.Span(problem.Position), arguments));
        }

        return graph;
    }

    /// <summary>A field name as it can be shown in a one-line message (control characters escaped).</summary>
    private static string Shown(string name) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(name, quote: false);
}
