using ContractKit.Schema;

namespace ContractKit.Contracts;

/// <summary>
/// The names a contract gives itself, and the names the tools derive from them, computed by the code the
/// generator runs too (<c>Schema/Naming.cs</c>). Vendor and operation become folder and file names
/// (<c>&lt;out&gt;/&lt;vendor&gt;/&lt;operation&gt;.contract.json</c>) and C# names, so they are lower-case kebab
/// words only: no separators, dots or anything else that could leave an output folder.
/// </summary>
public static class ContractNames
{
    /// <summary>Lower-case letters and digits in dash-separated words: <c>razorpay</c>, <c>activate-contact</c>.</summary>
    public static bool IsKebab(string name) => Naming.IsKebab(name);

    /// <summary>A status code ("200") or class ("4xx"), as the generator accepts it.</summary>
    public static bool IsStatus(string status) => Naming.IsStatus(status);

    /// <summary>The generator's PascalCase: activate-contact is ActivateContact, 3ds-check is _3dsCheck.</summary>
    public static string Pascal(string name) => Naming.Pascal(name);

    /// <summary>The snapshot of a scenario, named as its generated test: ActivateContactContractTests.Success, ...Error4xx.</summary>
    /// <param name="errorStatus">The documented error status of the scenario, or null for the success.</param>
    public static string SnapshotName(string operation, string? errorStatus) => Naming.SnapshotName(operation, Naming.TestMethodName(errorStatus));
}
