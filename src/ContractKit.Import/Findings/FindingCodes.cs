namespace ContractKit.Import;

/// <summary>
/// The catalogue of import findings. Each code is documented in docs/findings.md; codes are never reused.
/// </summary>
public static class FindingCodes
{
    /// <summary>The table's type and the sample's value disagree; the contract follows the sample.</summary>
    public const string TypeMismatch = "CKI001";

    /// <summary>A field documented with a non-null type is null in the sample; the contract allows null.</summary>
    public const string NullInSample = "CKI002";

    /// <summary>A documented response field is absent from the sample; the contract makes it optional.</summary>
    public const string MissingFromSample = "CKI003";

    /// <summary>The sample has fields the tables do not document; the contract adds them, typed from the sample.</summary>
    public const string UndocumentedInSample = "CKI004";

    /// <summary>The page repeats content; the repetition was read once.</summary>
    public const string RepeatedContent = "CKI005";

    /// <summary>A sample (JSON, curl or HTTP) could not be read; it is not used.</summary>
    public const string MalformedSample = "CKI006";

    /// <summary>A field's type is not one the importer knows.</summary>
    public const string UnknownType = "CKI007";

    /// <summary>The same section appears twice with different content; the first is used.</summary>
    public const string ConflictingSections = "CKI008";

    /// <summary>Two request samples (curl and raw HTTP) disagree; the first is used.</summary>
    public const string ConflictingSamples = "CKI009";

    /// <summary>A constraint read from prose is contradicted by the sample; the contract drops it.</summary>
    public const string ConstraintContradicted = "CKI010";

    /// <summary>A documented error has no documented body; its schema accepts any JSON.</summary>
    public const string ErrorBodyUndocumented = "CKI011";

    /// <summary>The page does not state the success status; 200 is assumed.</summary>
    public const string SuccessStatusAssumed = "CKI012";

    /// <summary>A dotted field's parent is not documented itself; its type is taken from the sample.</summary>
    public const string ParentInferred = "CKI013";

    /// <summary>The page gives no HTTP method or path for the endpoint.</summary>
    public const string NoEndpoint = "CKI014";

    /// <summary>Path parameters and the path template disagree.</summary>
    public const string PathParameterMismatch = "CKI015";

    /// <summary>A sample uses an option or form the importer does not read; it was ignored.</summary>
    public const string IgnoredSampleOption = "CKI016";

    /// <summary>A field is documented twice in one section; the first row is used.</summary>
    public const string DuplicateField = "CKI017";

    /// <summary>A table row could not be split into name, type and description.</summary>
    public const string UnreadableRow = "CKI018";

    /// <summary>An override from the overrides file changed a derived field.</summary>
    public const string OverrideApplied = "CKI019";

    /// <summary>An override names a field the page no longer documents; it was not applied.</summary>
    public const string OverrideStale = "CKI020";

    /// <summary>An override changes nothing: the page now says the same (or the field has nothing to extend).</summary>
    public const string OverrideUnneeded = "CKI021";

    /// <summary>A description states a constraint the contract cannot express (a condition on another field); it stays in the description.</summary>
    public const string ConstraintNotExpressed = "CKI022";

    /// <summary>The path came from a sample URL; a concrete segment was templated as a path parameter.</summary>
    public const string PathTemplatedFromSample = "CKI023";

    /// <summary>The page gave more warnings and notes than a contract keeps; the rest were not recorded.</summary>
    public const string FindingsCapped = "CKI024";

    /// <summary>The page names another environment's base URL (a sandbox, or production beside a sandbox endpoint).</summary>
    public const string EnvironmentUrl = "CKI025";
}
