using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ContractKit.Generators.Diagnostics;
using ContractKit.Generators.Emit;
using ContractKit.Generators.Model;
using ContractKit.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ContractKit.Generators;

/// <summary>
/// Generates validators from every AdditionalFile ending in <c>.contract.json</c>. Each contract is read
/// and emitted on its own, so editing one contract re-runs only its steps; only a small index of
/// (vendor, operation) pairs is collected, to report duplicates.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ContractKitGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".contract.json", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => ContractParser.Parse(text.Path, text.GetText(cancellationToken)?.ToString(), cancellationToken))
            .WithTrackingName(TrackingNames.ParseContract);

        var diagnostics = parsed
            .Select(static (result, _) => result.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (output, list) =>
        {
            foreach (var diagnostic in list)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var contracts = parsed
            .Where(static result => result.Contract is not null)
            .Select(static (result, _) => result.Contract!)
            .WithTrackingName(TrackingNames.Contract);

        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        var withOptions = contracts.Combine(options).WithTrackingName(TrackingNames.ContractWithOptions);
        context.RegisterSourceOutput(withOptions, static (output, pair) => Emit(output, pair.Left, pair.Right));

        var operations = contracts
            .Select(static (contract, _) => new OperationKey(contract.Vendor, contract.Operation, contract.FilePath, contract.OperationSpan))
            .WithTrackingName(TrackingNames.OperationKey)
            .Collect()
            .WithTrackingName(TrackingNames.OperationIndex);
        context.RegisterSourceOutput(operations, static (output, keys) => ReportDuplicates(output, keys));
    }

    private static void Emit(SourceProductionContext output, ContractSpec contract, GeneratorOptions options)
    {
        var ns = options.Namespace + "." + Names.Pascal(contract.Vendor);
        var hintPrefix = Names.Pascal(contract.Vendor) + "." + Names.Pascal(contract.Operation) + ".";
        foreach (var body in contract.Bodies)
        {
            string source;
            try
            {
                source = ValidatorEmitter.Emit(contract, body, ns);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, contract.FilePath, contract.OperationSpan,
                    System.IO.Path.GetFileName(contract.FilePath), e.GetType().Name + ": " + e.Message).ToDiagnostic());
                continue;
            }

            try
            {
                output.AddSource(hintPrefix + body.Kind + "Validator.g.cs", SourceText.From(source, System.Text.Encoding.UTF8));
            }
            catch (ArgumentException)
            {
                // A second contract for the same vendor operation: CK0007 reports it; the first one's code stands.
            }
        }
    }

    private static void ReportDuplicates(SourceProductionContext output, ImmutableArray<OperationKey> keys)
    {
        var first = new Dictionary<(string, string), OperationKey>();
        foreach (var key in keys)
        {
            if (first.TryGetValue((key.Vendor, key.Operation), out var original))
            {
                output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateOperation, key.FilePath, key.Span,
                    key.Vendor, key.Operation, original.FilePath).ToDiagnostic());
                continue;
            }

            first[(key.Vendor, key.Operation)] = key;
        }
    }

    private sealed record OperationKey(string Vendor, string Operation, string FilePath, TextSpanInfo Span);
}
