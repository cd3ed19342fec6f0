using System.Linq;
using ContractKit.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ContractKit.Generators.Diagnostics;

/// <summary>A diagnostic as plain values: the descriptor's id, the file and span, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string DescriptorId, string FilePath, TextSpanInfo Span, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string filePath, TextSpanInfo span, params string[] arguments) =>
        new(descriptor.Id, filePath, span, arguments.ToEquatableArray());

    public bool IsError => Descriptor(DescriptorId).DefaultSeverity == DiagnosticSeverity.Error;

    public Diagnostic ToDiagnostic()
    {
        var descriptor = Descriptor(DescriptorId);
        var location = Location.Create(
            FilePath,
            new TextSpan(Span.Start, Span.Length),
            new LinePositionSpan(new LinePosition(Span.StartLine, Span.StartColumn), new LinePosition(Span.EndLine, Span.EndColumn)));
        return Diagnostic.Create(descriptor, location, Arguments.Cast<object>().ToArray());
    }

    private static DiagnosticDescriptor Descriptor(string id) => id switch
    {
        "CK0001" => DiagnosticDescriptors.InvalidJson,
        "CK0002" => DiagnosticDescriptors.NotAContract,
        "CK0003" => DiagnosticDescriptors.UnsupportedKeyword,
        "CK0004" => DiagnosticDescriptors.InvalidPattern,
        "CK0005" => DiagnosticDescriptors.UnresolvedReference,
        "CK0006" => DiagnosticDescriptors.NameCollision,
        "CK0007" => DiagnosticDescriptors.DuplicateOperation,
        "CK0008" => DiagnosticDescriptors.InvalidKeywordValue,
        "CK0009" => DiagnosticDescriptors.InternalError,
        "CK0010" => DiagnosticDescriptors.ReferenceCycle,
        "CK0011" => DiagnosticDescriptors.GeneratedNameCollision,
        _ => DiagnosticDescriptors.InternalError,
    };
}
