using ContractKit.Schema;
using Microsoft.CodeAnalysis;

namespace ContractKit.Generators.Diagnostics;

/// <summary>Every diagnostic the generator reports; each has a page docs/diagnostics/CKxxxx.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "ContractKit";
    // Absolute, so that an IDE can open it: the catalogue is docs/diagnostics/ in the repository, where the
    // docs are published (README, "Documentation").
    internal const string HelpBase = "https://github.com/contractkit/contractkit/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor InvalidJson = Create(
        "CK0001", "Contract is not valid JSON", "The contract '{0}' is not valid JSON: {1}");

    public static readonly DiagnosticDescriptor NotAContract = Create(
        "CK0002", "Contract does not match the contract format", "The contract '{0}' does not match the contract format: {1}");

    public static readonly DiagnosticDescriptor UnsupportedKeyword = Create(
        "CK0003", "Unsupported JSON Schema keyword", SchemaProblem.Format(SchemaProblemKind.UnsupportedKeyword));

    public static readonly DiagnosticDescriptor InvalidPattern = Create(
        "CK0004", "Invalid pattern", SchemaProblem.Format(SchemaProblemKind.InvalidPattern));

    public static readonly DiagnosticDescriptor UnresolvedReference = Create(
        "CK0005", "Unresolved $ref", SchemaProblem.Format(SchemaProblemKind.UnresolvedReference));

    public static readonly DiagnosticDescriptor NameCollision = Create(
        "CK0006", "Generated names collide", "{0}", DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor DuplicateOperation = Create(
        "CK0007", "Duplicate operation", "The operation '{0}/{1}' is also defined in '{2}'; each vendor operation must be defined once");

    public static readonly DiagnosticDescriptor InvalidKeywordValue = Create(
        "CK0008", "Invalid keyword value", SchemaProblem.Format(SchemaProblemKind.InvalidKeywordValue));

    public static readonly DiagnosticDescriptor InternalError = Create(
        "CK0009", "Contract could not be generated", "ContractKit could not generate code for '{0}': {1}");

    public static readonly DiagnosticDescriptor ReferenceCycle = Create(
        "CK0010", "$ref cycle", SchemaProblem.Format(SchemaProblemKind.ReferenceCycle));

    public static readonly DiagnosticDescriptor GeneratedNameCollision = Create(
        "CK0011", "Contracts' generated names collide",
        "The {0} '{1}' in '{2}' and the {0} '{3}' in '{4}' both become the C# name '{5}'; only '{4}' is generated. Rename one of them.");

    /// <summary>The diagnostic a schema problem is reported as.</summary>
    public static DiagnosticDescriptor For(SchemaProblemKind kind) => kind switch
    {
        SchemaProblemKind.UnsupportedKeyword => UnsupportedKeyword,
        SchemaProblemKind.InvalidPattern => InvalidPattern,
        SchemaProblemKind.UnresolvedReference => UnresolvedReference,
        SchemaProblemKind.NameCollision => NameCollision,
        SchemaProblemKind.InvalidKeywordValue => InvalidKeywordValue,
        SchemaProblemKind.ReferenceCycle => ReferenceCycle,
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "a schema problem without a diagnostic"),
    };

    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");
}
