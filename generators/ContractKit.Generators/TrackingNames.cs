namespace ContractKit.Generators;

/// <summary>The names of the pipeline steps, so that tests can check how each step ran.</summary>
public static class TrackingNames
{
    public const string ParseContract = nameof(ParseContract);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Contract = nameof(Contract);
    public const string Options = nameof(Options);
    public const string HasXunit = nameof(HasXunit);
    public const string DtoPlan = nameof(DtoPlan);
    public const string ContractWithOptions = nameof(ContractWithOptions);
    public const string OperationKey = nameof(OperationKey);
    public const string OperationIndex = nameof(OperationIndex);
    public const string PlacedOperation = nameof(PlacedOperation);
    public const string VendorTypes = nameof(VendorTypes);
    public const string VendorTypeIndex = nameof(VendorTypeIndex);
}
