using Microsoft.CodeAnalysis;

namespace ContractKit.Generators.Diagnostics;

/// <summary>Every diagnostic the generator reports; each has a page docs/diagnostics/CKxxxx.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "ContractKit";
    // Relative to the repository (and the package README): the catalogue lives in docs/diagnostics/.
    private const string HelpBase = "docs/diagnostics/";

    public static readonly DiagnosticDescriptor InvalidJson = Create(
        "CK0001", "Contract is not valid JSON", "The contract '{0}' is not valid JSON: {1}");

    public static readonly DiagnosticDescriptor NotAContract = Create(
        "CK0002", "Contract does not match the contract format", "The contract '{0}' does not match the contract format: {1}");

    public static readonly DiagnosticDescriptor UnsupportedKeyword = Create(
        "CK0003", "Unsupported JSON Schema keyword", "The keyword '{0}' at '{1}' is not supported by ContractKit; remove it or express the rule with supported keywords");

    public static readonly DiagnosticDescriptor InvalidPattern = Create(
        "CK0004", "Invalid pattern", "The pattern '{0}' at '{1}' is not a valid regular expression: {2}");

    public static readonly DiagnosticDescriptor UnresolvedReference = Create(
        "CK0005", "Unresolved $ref", "The reference '{0}' at '{1}' does not point at a schema in the same body schema");

    public static readonly DiagnosticDescriptor NameCollision = Create(
        "CK0006", "Generated names collide", "{0}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateOperation = Create(
        "CK0007", "Duplicate operation", "The operation '{0}/{1}' is also defined in '{2}'; each vendor operation must be defined once");

    public static readonly DiagnosticDescriptor InvalidKeywordValue = Create(
        "CK0008", "Invalid keyword value", "The keyword '{0}' at '{1}' {2}");

    public static readonly DiagnosticDescriptor InternalError = Create(
        "CK0009", "Contract could not be generated", "ContractKit could not generate code for '{0}': {1}");

    public static readonly DiagnosticDescriptor ReferenceCycle = Create(
        "CK0010", "$ref cycle", "The reference '{0}' at '{1}' leads back to a schema that contains it; recursive schemas are not supported");

    public static readonly DiagnosticDescriptor GeneratedNameCollision = Create(
        "CK0011", "Contracts' generated names collide",
        "The {0} '{1}' in '{2}' and the {0} '{3}' in '{4}' both become the C# name '{5}'; only '{4}' is generated. Rename one of them.");

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");
}
