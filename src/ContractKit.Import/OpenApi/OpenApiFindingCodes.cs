namespace ContractKit.Import.OpenApi;

/// <summary>
/// Findings of <c>contractkit import</c> on an OpenAPI document (docs/findings.md). They have a range of their own
/// (CKI101 and up) so that the page importer's codes can keep growing without meeting them.
/// </summary>
public static class OpenApiFindingCodes
{
    /// <summary>An example in the document does not validate against the document's own schema; the contract keeps the schema.</summary>
    public const string ExampleContradictsSchema = "CKI101";

    /// <summary>The document breaks a rule of the OpenAPI specification, as Microsoft.OpenApi's reader and rules report it.</summary>
    public const string SpecificationRule = "CKI102";

    /// <summary>A schema keyword a contract cannot hold was left out (the contract is laxer there), or rewritten to one it can.</summary>
    public const string KeywordDropped = "CKI103";

    /// <summary>A $ref cannot be followed: it points outside the document, to nothing, or (through other references) to itself.</summary>
    public const string UnresolvableReference = "CKI104";

    /// <summary>A part of the operation a contract cannot hold (a cookie parameter, a body that is not JSON, a security scheme other than basic, bearer or header keys).</summary>
    public const string PartNotImported = "CKI105";

    /// <summary>An operation declares no responses, or no success response.</summary>
    public const string NoSuccessResponse = "CKI106";
}
