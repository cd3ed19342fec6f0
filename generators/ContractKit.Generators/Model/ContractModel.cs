using ContractKit.Schema;

namespace ContractKit.Generators.Model;

/// <summary>What the generator knows of one contract file: plain values only, so that the pipeline caches.</summary>
internal sealed record ContractSpec(
    string FilePath,
    string Vendor,
    string Operation,
    string Method,
    string Path,
    TextSpanInfo OperationSpan,
    EquatableArray<BodySpec> Bodies,
    bool HasRequestExample,
    string Text);

/// <summary>A request or response body: the name its generated types take, and its schema.</summary>
/// <param name="Kind">"Request", "Response" (the success) or "Error" + status ("Error4xx").</param>
/// <param name="Status">The response status, or null for the request.</param>
internal sealed record BodySpec(string Kind, string? Status, SchemaGraph Schema);

/// <summary>A place in a contract file, as plain values (a Location is rebuilt from it when reporting).</summary>
internal readonly record struct TextSpanInfo(int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn);

/// <summary>Spans of the shared JSON reader's positions.</summary>
internal static class TextSpans
{
    public static TextSpanInfo Span(TextPosition p) =>
        new(p.Start, p.End - p.Start, p.StartLine, p.StartColumn, p.EndLine, p.EndColumn);
}
