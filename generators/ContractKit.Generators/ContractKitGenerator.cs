using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ContractKit.Schema;
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
    /// <summary>
    /// The most characters a contract may hold: the CLI refuses files over 16 MiB, and a contract that size
    /// is far past anything a page describes. A larger file is refused before it is parsed.
    /// </summary>
    internal const int MaxContractChars = 16 * 1024 * 1024;

    private static ParseResult Read(AdditionalText text, System.Threading.CancellationToken cancellationToken)
    {
        var source = text.GetText(cancellationToken);
        if (source is not null && source.Length > MaxContractChars)
        {
            var tooLarge = DiagnosticInfo.Create(DiagnosticDescriptors.NotAContract, text.Path, new TextSpanInfo(0, 0, 0, 0, 0, 0),
                System.IO.Path.GetFileName(text.Path),
                "the file is " + source.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
                + " characters; expected a contract of at most " + MaxContractChars.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " (16 MiB)");
            return new ParseResult(null, new[] { tooLarge }.ToEquatableArray());
        }

        return ContractParser.Parse(text.Path, source?.ToString(), cancellationToken);
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(".contract.json", StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => Read(text, cancellationToken))
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

        // Whether the generated tests can compile here, xUnit and ContractKit.Testing (the runner they call)
        // both referenced: a bool, so that a new compilation with the same answer stays cached.
        var hasXunit = context.CompilationProvider
            .Select(static (compilation, _) =>
                compilation.ReferencedAssemblyNames.Any(a => a.Name is "xunit.core" or "xunit.v3.core")
                && compilation.ReferencedAssemblyNames.Any(a => a.Name == "ContractKit.Testing"))
            .WithTrackingName(TrackingNames.HasXunit);
        var options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => GeneratorOptions.From(provider.GlobalOptions))
            .Combine(hasXunit)
            .Select(static (pair, _) => pair.Left with { EmitTests = pair.Left.EmitTests && pair.Right })
            .WithTrackingName(TrackingNames.Options);

        // A small index of every (vendor, operation) and its file. It changes only when a contract is added,
        // removed or renamed, so editing one contract leaves the other contracts' emission cached.
        var operations = contracts
            .Select(static (contract, _) => new OperationKey(contract.Vendor, contract.Operation, contract.FilePath))
            .WithTrackingName(TrackingNames.OperationKey)
            .Collect()
            .Select(static (keys, _) => keys.ToEquatableArray())
            .WithTrackingName(TrackingNames.OperationIndex);

        // The DTO plan (every type's C# shape and name) is a step of its own, compared by value.
        var planned = contracts.Combine(options)
            .Select(static (pair, _) => new PlannedContract(pair.Left, pair.Right, DtoEmitter.Plan(pair.Left, Namespace(pair.Right, pair.Left))))
            .WithTrackingName(TrackingNames.DtoPlan);
        var toEmit = planned.Combine(operations).WithTrackingName(TrackingNames.ContractWithOptions);
        context.RegisterSourceOutput(toEmit, static (output, input) => Emit(output, input.Left.Contract, input.Left.Options, input.Left.Plan, input.Right));

        // The DTO types of each contract; a vendor's JSON context is emitted from all of them, and its
        // input changes only when a DTO is added, removed or renamed.
        var vendorTypes = contracts
            .Select(static (contract, _) => new VendorTypes(contract.Vendor,
                contract.Bodies.Where(DtoEmitter.HasDto).Select(body => DtoEmitter.RootTypeName(contract, body)).ToEquatableArray()))
            .WithTrackingName(TrackingNames.VendorTypes)
            .Collect()
            .Select(static (all, _) => all.ToEquatableArray())
            .WithTrackingName(TrackingNames.VendorTypeIndex);
        context.RegisterSourceOutput(vendorTypes.Combine(options), static (output, input) => EmitContexts(output, input.Left, input.Right));

        var placed = contracts
            .Select(static (contract, _) => new PlacedOperation(contract.Vendor, contract.Operation, contract.FilePath, contract.OperationSpan))
            .WithTrackingName(TrackingNames.PlacedOperation)
            .Collect();
        context.RegisterSourceOutput(placed, static (output, keys) => ReportDuplicates(output, keys));
    }

    private static string Namespace(GeneratorOptions options, ContractSpec contract) => options.Namespace + "." + Names.Pascal(contract.Vendor);

    private static void Emit(SourceProductionContext output, ContractSpec contract, GeneratorOptions options, DtoEmitter.DtoPlan plan, EquatableArray<OperationKey> operations)
    {
        // Of two contracts for one operation only the first is generated; CK0007 reports the second. Of two
        // vendors or operations whose C# names are equal ("op-1" and "op1"), only the first; CK0011 reports it.
        var vendorName = Names.Pascal(contract.Vendor);
        var operationName = Names.Pascal(contract.Operation);
        if (operations.First(key => Names.Pascal(key.Vendor) == vendorName).Vendor != contract.Vendor)
        {
            return;
        }

        var first = operations.First(key => key.Vendor == contract.Vendor && Names.Pascal(key.Operation) == operationName);
        if (first.FilePath != contract.FilePath)
        {
            return;
        }

        if (plan.Failure is { } failure)
        {
            // Planning the DTOs failed: the contract is not generated, as when emitting fails below.
            output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, contract.FilePath, contract.OperationSpan,
                System.IO.Path.GetFileName(contract.FilePath), failure).ToDiagnostic());
            return;
        }

        // One file per contract: the driver's cost per run grows with the number of generated files
        // (measured in docs/performance.md), so validators and DTOs of all bodies share it.
        var ns = Namespace(options, contract);
        var w = new CodeWriter();
        w.BeginFile(ns);
        try
        {
            var firstType = true;
            foreach (var body in contract.Bodies)
            {
                if (!firstType)
                {
                    w.Line();
                }

                firstType = false;
                ValidatorEmitter.Emit(w, contract, body);
                if (plan.For(body) is { } bodyPlan)
                {
                    w.Line();
                    DtoEmitter.Emit(w, bodyPlan);
                }
            }

            if (options.EmitTests && (TestEmitter.HasScenarios(contract) || options.EmitNegativeTests))
            {
                w.Line();
                TestEmitter.Emit(w, contract, options.SnapshotDirectory, options.ProjectDirectory, options.EmitNegativeTests);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, contract.FilePath, contract.OperationSpan,
                System.IO.Path.GetFileName(contract.FilePath), e.GetType().Name + ": " + e.Message).ToDiagnostic());
            return;
        }

        w.Close();
        output.AddSource(Names.Pascal(contract.Vendor) + "." + Names.Pascal(contract.Operation) + ".Contract.g.cs", SourceText.From(w.ToString(), System.Text.Encoding.UTF8));
    }

    private static void EmitContexts(SourceProductionContext output, EquatableArray<VendorTypes> all, GeneratorOptions options)
    {
        // Vendors whose C# names are equal share a context name; the first one's is generated (CK0011).
        foreach (var vendor in all.GroupBy(v => Names.Pascal(v.Vendor)).Select(g => g.Where(v => v.Vendor == g.First().Vendor)).OrderBy(g => g.First().Vendor, StringComparer.Ordinal))
        {
            var types = vendor.SelectMany(v => v.Types).ToList();
            if (types.Count == 0)
            {
                continue;
            }

            var vendorKey = vendor.First().Vendor;
            var ns = options.Namespace + "." + Names.Pascal(vendorKey);
            output.AddSource(Names.Pascal(vendorKey) + ".JsonContext.g.cs", SourceText.From(ContextEmitter.Emit(vendorKey, types, ns), System.Text.Encoding.UTF8));
        }
    }

    private static void ReportDuplicates(SourceProductionContext output, ImmutableArray<PlacedOperation> keys)
    {
        var first = new Dictionary<(string, string), PlacedOperation>();
        var firstVendor = new Dictionary<string, PlacedOperation>(StringComparer.Ordinal);
        var firstNames = new Dictionary<(string, string), PlacedOperation>();
        foreach (var key in keys)
        {
            if (first.TryGetValue((key.Vendor, key.Operation), out var original))
            {
                output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateOperation, key.FilePath, key.Span,
                    key.Vendor, key.Operation, original.FilePath).ToDiagnostic());
                continue;
            }

            first[(key.Vendor, key.Operation)] = key;
            var vendorName = Names.Pascal(key.Vendor);
            if (firstVendor.TryGetValue(vendorName, out var sameVendorName) && sameVendorName.Vendor != key.Vendor)
            {
                output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedNameCollision, key.FilePath, key.Span,
                    "vendor", key.Vendor, key.FilePath, sameVendorName.Vendor, sameVendorName.FilePath, vendorName).ToDiagnostic());
                continue;
            }

            firstVendor[vendorName] = key;
            var names = (vendorName, Names.Pascal(key.Operation));
            if (firstNames.TryGetValue(names, out var sameNames))
            {
                output.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticDescriptors.GeneratedNameCollision, key.FilePath, key.Span,
                    "operation", key.Operation, key.FilePath, sameNames.Operation, sameNames.FilePath, names.Item1 + "." + names.Item2).ToDiagnostic());
                continue;
            }

            firstNames[names] = key;
        }
    }

    internal sealed record PlannedContract(ContractSpec Contract, GeneratorOptions Options, DtoEmitter.DtoPlan Plan);

    private sealed record VendorTypes(string Vendor, EquatableArray<string> Types);

    private sealed record OperationKey(string Vendor, string Operation, string FilePath);

    private sealed record PlacedOperation(string Vendor, string Operation, string FilePath, TextSpanInfo Span);
}
