using System.Linq;
using ContractKit.Generators.Model;
using ContractKit.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ContractKit.Generators.Diagnostics;

/// <summary>
/// A diagnostic as plain values: its descriptor (a static instance, compared by value), the file and span,
/// and the message arguments, so that the pipeline caches it.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, string FilePath, TextSpanInfo Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string filePath, TextSpanInfo span, params string[] arguments) =>
        new(descriptor, filePath, span, arguments.ToEquatableArray());

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;

    public Diagnostic ToDiagnostic()
    {
        var location = Location.Create(
            FilePath,
            new TextSpan(Span.Start, Span.Length),
            new LinePositionSpan(new LinePosition(Span.StartLine, Span.StartColumn), new LinePosition(Span.EndLine, Span.EndColumn)));
        return Diagnostic.Create(Descriptor, location, Arguments.Cast<object>().ToArray());
    }
}
