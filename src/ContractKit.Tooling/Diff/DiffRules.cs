namespace ContractKit.Diff;

/// <summary>How a change to a contract affects a consumer of the vendor's API.</summary>
public enum ChangeClass
{
    NonBreaking,
    /// <summary>Breaks some consumers, depending on what they do with the field or status.</summary>
    PotentiallyBreaking,
    Breaking,
}

/// <summary>One rule of the diff catalog, documented in docs/diff-rules.md under its ID.</summary>
/// <param name="VerboseOnly">Shown only with <c>--verbose</c> (description-only changes).</param>
public sealed record DiffRule(string Id, string Name, ChangeClass Class, bool VerboseOnly = false);

/// <summary>The catalog. IDs are stable: a rule is never renumbered, only retired.</summary>
public static class DiffRules
{
    public static readonly DiffRule EndpointAdded = new("CKD001", "endpoint-added", ChangeClass.NonBreaking);
    public static readonly DiffRule EndpointRemoved = new("CKD002", "endpoint-removed", ChangeClass.Breaking);
    public static readonly DiffRule MethodChanged = new("CKD003", "method-changed", ChangeClass.Breaking);
    public static readonly DiffRule PathChanged = new("CKD004", "path-changed", ChangeClass.Breaking);
    public static readonly DiffRule AuthChanged = new("CKD005", "auth-changed", ChangeClass.Breaking);
    public static readonly DiffRule BaseUrlChanged = new("CKD006", "base-url-changed", ChangeClass.PotentiallyBreaking);
    public static readonly DiffRule ContentTypeChanged = new("CKD007", "content-type-changed", ChangeClass.Breaking);
    public static readonly DiffRule ResponseFieldRemoved = new("CKD008", "response-field-removed", ChangeClass.Breaking);
    public static readonly DiffRule ResponseFieldAdded = new("CKD009", "response-field-added", ChangeClass.NonBreaking);
    public static readonly DiffRule ResponseFieldBecameOptional = new("CKD010", "response-field-became-optional", ChangeClass.Breaking);
    public static readonly DiffRule ResponseFieldBecameRequired = new("CKD011", "response-field-became-required", ChangeClass.NonBreaking);
    public static readonly DiffRule ResponseFieldBecameNullable = new("CKD012", "response-field-became-nullable", ChangeClass.Breaking);
    public static readonly DiffRule ResponseFieldNoLongerNullable = new("CKD013", "response-field-no-longer-nullable", ChangeClass.NonBreaking);
    public static readonly DiffRule FieldTypeChanged = new("CKD014", "field-type-changed", ChangeClass.Breaking);
    public static readonly DiffRule ResponseEnumValueAdded = new("CKD015", "response-enum-value-added", ChangeClass.PotentiallyBreaking);
    public static readonly DiffRule ResponseEnumValueRemoved = new("CKD016", "response-enum-value-removed", ChangeClass.NonBreaking);
    public static readonly DiffRule RequestFieldAddedRequired = new("CKD017", "request-field-added-required", ChangeClass.Breaking);
    public static readonly DiffRule RequestFieldAddedOptional = new("CKD018", "request-field-added-optional", ChangeClass.NonBreaking);
    public static readonly DiffRule RequestFieldRemoved = new("CKD019", "request-field-removed", ChangeClass.PotentiallyBreaking);
    public static readonly DiffRule RequestFieldBecameRequired = new("CKD020", "request-field-became-required", ChangeClass.Breaking);
    public static readonly DiffRule RequestFieldBecameOptional = new("CKD021", "request-field-became-optional", ChangeClass.NonBreaking);
    public static readonly DiffRule RequestFieldNoLongerNullable = new("CKD022", "request-field-no-longer-nullable", ChangeClass.Breaking);
    public static readonly DiffRule RequestFieldBecameNullable = new("CKD023", "request-field-became-nullable", ChangeClass.NonBreaking);
    public static readonly DiffRule RequestEnumValueRemoved = new("CKD024", "request-enum-value-removed", ChangeClass.Breaking);
    public static readonly DiffRule RequestEnumValueAdded = new("CKD025", "request-enum-value-added", ChangeClass.NonBreaking);
    public static readonly DiffRule RequestConstraintTightened = new("CKD026", "request-constraint-tightened", ChangeClass.Breaking);
    public static readonly DiffRule RequestConstraintLoosened = new("CKD027", "request-constraint-loosened", ChangeClass.NonBreaking);
    public static readonly DiffRule ResponseConstraintLoosened = new("CKD028", "response-constraint-loosened", ChangeClass.PotentiallyBreaking);
    public static readonly DiffRule ResponseConstraintTightened = new("CKD029", "response-constraint-tightened", ChangeClass.NonBreaking);
    public static readonly DiffRule ConstraintChanged = new("CKD030", "constraint-changed", ChangeClass.PotentiallyBreaking);
    public static readonly DiffRule ErrorAdded = new("CKD031", "documented-error-added", ChangeClass.PotentiallyBreaking);
    public static readonly DiffRule ErrorRemoved = new("CKD032", "documented-error-removed", ChangeClass.NonBreaking);
    public static readonly DiffRule SuccessResponseRemoved = new("CKD033", "success-response-removed", ChangeClass.Breaking);
    public static readonly DiffRule SuccessResponseAdded = new("CKD034", "success-response-added", ChangeClass.NonBreaking);
    public static readonly DiffRule DefaultChanged = new("CKD035", "default-changed", ChangeClass.PotentiallyBreaking);
    public static readonly DiffRule FieldDeprecated = new("CKD036", "field-deprecated", ChangeClass.PotentiallyBreaking);
    public static readonly DiffRule FieldUndeprecated = new("CKD037", "field-no-longer-deprecated", ChangeClass.NonBreaking);
    public static readonly DiffRule ExampleChanged = new("CKD038", "example-changed", ChangeClass.NonBreaking);
    public static readonly DiffRule MarkChanged = new("CKD039", "volatile-or-secret-mark-changed", ChangeClass.NonBreaking);
    public static readonly DiffRule DescriptionChanged = new("CKD040", "description-changed", ChangeClass.NonBreaking, VerboseOnly: true);
    public static readonly DiffRule QuirkAdded = new("CKD041", "quirk-added", ChangeClass.NonBreaking);
    public static readonly DiffRule QuirkRemoved = new("CKD042", "quirk-removed", ChangeClass.PotentiallyBreaking);
    public static readonly DiffRule SandboxUrlChanged = new("CKD043", "sandbox-url-changed", ChangeClass.NonBreaking);

    public static IReadOnlyList<DiffRule> All { get; } =
    [
        EndpointAdded, EndpointRemoved, MethodChanged, PathChanged, AuthChanged, BaseUrlChanged, ContentTypeChanged,
        ResponseFieldRemoved, ResponseFieldAdded, ResponseFieldBecameOptional, ResponseFieldBecameRequired,
        ResponseFieldBecameNullable, ResponseFieldNoLongerNullable, FieldTypeChanged, ResponseEnumValueAdded,
        ResponseEnumValueRemoved, RequestFieldAddedRequired, RequestFieldAddedOptional, RequestFieldRemoved,
        RequestFieldBecameRequired, RequestFieldBecameOptional, RequestFieldNoLongerNullable, RequestFieldBecameNullable,
        RequestEnumValueRemoved, RequestEnumValueAdded, RequestConstraintTightened, RequestConstraintLoosened,
        ResponseConstraintLoosened, ResponseConstraintTightened, ConstraintChanged, ErrorAdded, ErrorRemoved,
        SuccessResponseRemoved, SuccessResponseAdded, DefaultChanged, FieldDeprecated, FieldUndeprecated,
        ExampleChanged, MarkChanged, DescriptionChanged, QuirkAdded, QuirkRemoved, SandboxUrlChanged,
    ];

    public static string Label(ChangeClass value) => value switch
    {
        ChangeClass.Breaking => "breaking",
        ChangeClass.PotentiallyBreaking => "potentially breaking",
        _ => "non-breaking",
    };

    /// <summary>The machine form used in JSON output and on the command line.</summary>
    public static string Token(ChangeClass value) => value switch
    {
        ChangeClass.Breaking => "breaking",
        ChangeClass.PotentiallyBreaking => "potentially-breaking",
        _ => "non-breaking",
    };
}
