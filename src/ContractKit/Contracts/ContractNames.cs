using System.Text.RegularExpressions;

namespace ContractKit.Contracts;

/// <summary>
/// The names a contract gives itself. Vendor and operation become folder and file names
/// (<c>&lt;out&gt;/&lt;vendor&gt;/&lt;operation&gt;.contract.json</c>) and C# names, so they are lower-case kebab
/// words only: no separators, dots or anything else that could leave an output folder.
/// </summary>
public static partial class ContractNames
{
    /// <summary>Lower-case letters and digits in dash-separated words: <c>razorpay</c>, <c>activate-contact</c>.</summary>
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabName();

    /// <summary>A status code ("200") or class ("4xx"), as the generator accepts it.</summary>
    [GeneratedRegex("^[1-5]([0-9]{2}|xx)$", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();

    public static bool IsKebab(string name) => KebabName().IsMatch(name);

    public static bool IsStatus(string status) => StatusPattern().IsMatch(status);
}
