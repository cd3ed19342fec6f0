namespace ContractKit.Validation;

/// <summary>A validator for one body of one contract; generated validators implement it.</summary>
public interface IJsonValidator
{
    /// <summary>The fast path: whether the document is valid. Allocates nothing.</summary>
    bool IsValid(ReadOnlySpan<byte> utf8Json);

    /// <summary>Every error (and warning) in JSON Schema's basic output shape. Allocates nothing for a valid document.</summary>
    ValidationResult Validate(ReadOnlySpan<byte> utf8Json);
}
