namespace ContractKit.Validation;

public enum ValidationSeverity
{
    /// <summary>The document breaks the contract.</summary>
    Error,

    /// <summary>Not a violation, but worth knowing: a field the contract does not document.</summary>
    Warning,
}

/// <summary>
/// One output unit in the shape of JSON Schema's "basic" output format, plus the page line of the
/// documented field it concerns.
/// </summary>
/// <param name="InstanceLocation">RFC 6901 pointer into the validated document ("" is the root).</param>
/// <param name="KeywordLocation">Pointer into the schema to the keyword that failed ("/properties/id/type").</param>
/// <param name="Keyword">The keyword: "type", "required", ... ; "json" for a document that is not valid JSON,
/// "undocumented" for a field the contract does not document.</param>
/// <param name="Line">The documentation page line of the field concerned, where the contract records one.</param>
public sealed record ValidationError(
    string InstanceLocation,
    string KeywordLocation,
    string Keyword,
    string Message,
    int? Line,
    ValidationSeverity Severity = ValidationSeverity.Error)
{
    public override string ToString() =>
        $"{(InstanceLocation.Length == 0 ? "(root)" : InstanceLocation)}: {Keyword}: {Message}" + (Line is null ? "" : $" (documented at line {Line})");
}

/// <summary>The outcome of validating one document: its errors, and warnings that do not make it invalid.</summary>
public sealed class ValidationResult
{
    /// <summary>The result of a valid document with nothing to report; shared, so that it costs nothing.</summary>
    public static ValidationResult Valid { get; } = new([], []);

    public ValidationResult(IReadOnlyList<ValidationError> errors, IReadOnlyList<ValidationError> warnings)
    {
        Errors = errors;
        Warnings = warnings;
    }

    public bool IsValid => Errors.Count == 0;

    public IReadOnlyList<ValidationError> Errors { get; }

    public IReadOnlyList<ValidationError> Warnings { get; }

    public override string ToString() => IsValid
        ? Warnings.Count == 0 ? "valid" : $"valid, {Warnings.Count} warning(s)"
        : string.Join(Environment.NewLine, Errors);
}
