using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ContractKit.Generators;

/// <summary>The consuming project's MSBuild settings the generator reads (exposed by build/ContractKit.props).</summary>
/// <param name="EmitTests">ContractKitEmitTests is not false; tests are emitted only where xUnit and ContractKit.Testing are referenced too.</param>
/// <param name="SnapshotDirectory">ContractKitSnapshotDirectory: where contract-test snapshots live; null beside each contract.</param>
/// <param name="ProjectDirectory">ProjectDir: generated tests name contracts and snapshots relative to it, never by a path of this machine.</param>
/// <param name="EmitNegativeTests">ContractKitEmitNegativeTests is true: each generated test class also gets a theory over the contract's invalid requests (off by default).</param>
internal sealed record GeneratorOptions(string Namespace, bool EmitTests = false, string? SnapshotDirectory = null, string? ProjectDirectory = null, bool EmitNegativeTests = false)
{
    public const string DefaultNamespace = "ContractKit.Contracts";

    public static GeneratorOptions From(AnalyzerConfigOptions options)
    {
        // Empty means automatic: tests wherever the project references xUnit and ContractKit.Testing.
        var emitTests = !options.TryGetValue("build_property.ContractKitEmitTests", out var emit)
                        || !string.Equals(emit?.Trim(), "false", System.StringComparison.OrdinalIgnoreCase);
        var snapshots = options.TryGetValue("build_property.ContractKitSnapshotDirectory", out var directory) && !string.IsNullOrWhiteSpace(directory)
            ? directory.Trim()
            : null;
        var project = options.TryGetValue("build_property.ProjectDir", out var projectDir) && !string.IsNullOrWhiteSpace(projectDir)
            ? projectDir.Trim()
            : null;
        // Off unless asked for: every invalid request is a request sent, live as well as to the stub.
        var emitNegative = options.TryGetValue("build_property.ContractKitEmitNegativeTests", out var negative)
                           && string.Equals(negative?.Trim(), "true", System.StringComparison.OrdinalIgnoreCase);
        return FromNamespace(options) with { EmitTests = emitTests, SnapshotDirectory = snapshots, ProjectDirectory = project, EmitNegativeTests = emitNegative };
    }

    private static GeneratorOptions FromNamespace(AnalyzerConfigOptions options)
    {
        if (options.TryGetValue("build_property.ContractKitNamespace", out var configured) && IsNamespace(configured))
        {
            return new GeneratorOptions(configured.Trim());
        }

        if (options.TryGetValue("build_property.RootNamespace", out var root) && IsNamespace(root))
        {
            return new GeneratorOptions(root.Trim() + ".Contracts");
        }

        return new GeneratorOptions(DefaultNamespace);
    }

    private static bool IsNamespace(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && value!.Trim().Split('.').All(part => SyntaxFacts.IsValidIdentifier(part) && SyntaxFacts.GetKeywordKind(part) == SyntaxKind.None);
}
