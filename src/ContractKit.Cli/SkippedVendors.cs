using System.CommandLine;
using ContractKit.Http;

namespace ContractKit.Cli;

/// <summary>
/// A verify run in which every scenario of a vendor was skipped checked nothing about that vendor; reporting
/// it as a pass would keep a nightly live job green while it tests nothing. It exits 3 instead, unless the
/// run says that skipping is intended.
/// </summary>
internal static class SkippedVendors
{
    public static Option<bool> Option() => new("--allow-all-skipped")
    {
        Description = "Exit 0 even when every scenario of a vendor was skipped (live state-changing requests not allowed); without it such a run exits 3.",
    };

    /// <summary><see cref="ExitCodes.NothingVerified"/>, after naming each vendor and what would let its requests be sent; else success.</summary>
    public static int Check(CliContext context, IReadOnlyList<ScenarioResult> results)
    {
        var unverified = results.GroupBy(r => r.Vendor, StringComparer.Ordinal)
            .Where(vendor => vendor.All(r => r.Skipped))
            .ToList();
        foreach (var vendor in unverified)
        {
            var operations = vendor.Select(r => r.Operation).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            context.Error.WriteLine(
                $"contractkit verify: NOTHING WAS VERIFIED for {vendor.Key}: all {vendor.Count()} scenario(s) were skipped. " +
                $"Allow the state-changing requests per contract with \"allowWrites\": true in {string.Join(", ", operations.Select(o => o + ".scenario.json"))} " +
                $"(pointed at a sandbox record), or for all with {LiveSettings.AllowWritesVariable}=true; pass --allow-all-skipped if skipping is intended.");
        }

        return unverified.Count == 0 ? ExitCodes.Success : ExitCodes.NothingVerified;
    }
}
