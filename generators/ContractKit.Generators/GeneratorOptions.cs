using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ContractKit.Generators;

/// <summary>The consuming project's MSBuild settings the generator reads (exposed by build/ContractKit.props).</summary>
internal sealed record GeneratorOptions(string Namespace)
{
    public const string DefaultNamespace = "ContractKit.Contracts";

    public static GeneratorOptions From(AnalyzerConfigOptions options)
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
