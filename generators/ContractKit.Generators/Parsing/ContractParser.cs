using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ContractKit.Generators.Diagnostics;
using ContractKit.Generators.Model;

namespace ContractKit.Generators.Parsing;

/// <summary>The result of reading one contract file: its model (null when it cannot be generated) and its diagnostics.</summary>
internal sealed record ParseResult(ContractSpec? Contract, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Reads a contract file into a <see cref="ContractSpec"/>. Never throws: problems become diagnostics.</summary>
internal static class ContractParser
{
    private static readonly Regex KebabName = new("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);
    private static readonly Regex Status = new("^[1-5]([0-9]{2}|xx)$", RegexOptions.CultureInvariant);

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
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidJson, filePath, SchemaReader.Span(e.Position), FileName(filePath),
                $"{e.Message} (line {e.Position.StartLine + 1}, column {e.Position.StartColumn + 1})"));
            return null;
        }

        var shape = new ShapeChecker(filePath, diagnostics);
        if (root is not JsonObjectNode contract)
        {
            shape.Fail(root, $"expected an object, found {root.KindName}");
            return null;
        }

        shape.OnlyKnown(contract, "the contract", "$schema", "formatVersion", "schemaDialect", "vendor", "operation", "title", "summary",
            "http", "request", "responses", "examples", "provenance", "findings");
        var formatVersion = shape.Member<JsonNumberNode>(contract, "formatVersion", "a number");
        if (formatVersion is not null && formatVersion.Text != "1")
        {
            shape.Fail(formatVersion, $"formatVersion {formatVersion.Text} is not known to this version of ContractKit (expected 1)");
        }

        var vendor = shape.Name(contract, "vendor");
        var operation = shape.Name(contract, "operation");
        var http = shape.Member<JsonObjectNode>(contract, "http", "an object");
        if (http is not null)
        {
            shape.OnlyKnown(http, "\"http\"", "method", "path", "baseUrl", "auth", "parameters");
        }

        var method = http is null ? null : shape.Member<JsonStringNode>(http, "method", "a string");
        var path = http is null ? null : shape.Member<JsonStringNode>(http, "path", "a string");
        var responses = shape.Member<JsonArrayNode>(contract, "responses", "an array");

        var bodies = new List<BodySpec>();
        if (contract["request"] is { } requestNode)
        {
            if (requestNode is JsonObjectNode requestObject)
            {
                shape.OnlyKnown(requestObject, "\"request\"", "contentType", "schema");
            }

            if (requestNode is JsonObjectNode request && shape.Member<JsonNodeBase>(request, "schema", "a schema") is { } schema)
            {
                bodies.Add(new BodySpec("Request", null, SchemaReader.Read(schema, filePath, diagnostics)));
            }
            else if (requestNode is not JsonObjectNode)
            {
                shape.Fail(requestNode, $"\"request\" must be an object, found {requestNode.KindName}");
            }
        }

        var successSeen = false;
        var statuses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in responses?.Items ?? new List<JsonNodeBase>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item is not JsonObjectNode response)
            {
                shape.Fail(item, $"each response must be an object, found {item.KindName}");
                continue;
            }

            shape.OnlyKnown(response, "a response", "status", "description", "message", "line", "contentType", "schema");
            var status = shape.Member<JsonStringNode>(response, "status", "a string");
            var schema = shape.Member<JsonNodeBase>(response, "schema", "a schema");
            if (status is null || schema is null)
            {
                continue;
            }

            if (!Status.IsMatch(status.Value))
            {
                shape.Fail(status, $"the status \"{status.Value}\" is not a status code (\"200\") or class (\"4xx\")");
                continue;
            }

            if (!statuses.Add(status.Value))
            {
                shape.Fail(status, $"the status \"{status.Value}\" is documented twice");
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

            bodies.Add(new BodySpec(kind, status.Value, SchemaReader.Read(schema, filePath, diagnostics)));
        }

        if (vendor is null || operation is null || method is null || path is null)
        {
            return null;
        }

        var hasRequestExample = contract["examples"] is JsonObjectNode examples && examples["request"] is JsonObjectNode;
        return new ContractSpec(filePath, vendor.Value, operation.Value, method.Value, path.Value,
            SchemaReader.Span(contract.Find("operation")!.Value.Position), bodies.ToEquatableArray(), hasRequestExample, text);
    }

    private static string FileName(string path) => System.IO.Path.GetFileName(path);

    /// <summary>Checks the members the generator relies on; reports each problem at the place it is.</summary>
    private sealed class ShapeChecker(string filePath, List<DiagnosticInfo> diagnostics)
    {
        public T? Member<T>(JsonObjectNode parent, string name, string expected)
            where T : JsonNodeBase
        {
            var member = parent.Find(name);
            if (member is null)
            {
                Fail(parent, $"the member \"{name}\" is missing");
                return null;
            }

            if (member.Value is T typed)
            {
                return typed;
            }

            Fail(member.Value, $"\"{name}\" must be {expected}, found {member.Value.KindName}");
            return null;
        }

        /// <summary>Members the format does not define are reported, as the meta-schema forbids them.</summary>
        public void OnlyKnown(JsonObjectNode parent, string what, params string[] known)
        {
            foreach (var member in parent.Members)
            {
                if (Array.IndexOf(known, member.Name) < 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAContract, filePath, SchemaReader.Span(member.NamePosition),
                        System.IO.Path.GetFileName(filePath), $"{what} has the member \"{member.Name}\", which the contract format does not define"));
                }
            }
        }

        public JsonStringNode? Name(JsonObjectNode parent, string name)
        {
            var value = Member<JsonStringNode>(parent, name, "a string");
            if (value is not null && !KebabName.IsMatch(value.Value))
            {
                Fail(value, $"\"{name}\" must be a lower-case name of letters, digits and dashes, found \"{value.Value}\"");
                return null;
            }

            return value;
        }

        public void Fail(JsonNodeBase at, string problem)
        {
            // An object is reported at its opening brace only, not across its whole text.
            var position = at is JsonObjectNode or JsonArrayNode
                ? new TextPosition(at.Position.Start, at.Position.Start + 1, at.Position.StartLine, at.Position.StartColumn, at.Position.StartLine, at.Position.StartColumn + 1)
                : at.Position;
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotAContract, filePath, SchemaReader.Span(position),
                System.IO.Path.GetFileName(filePath), problem));
        }
    }
}
