using System.Text.RegularExpressions;

namespace ContractKit.Import.Derivation;

/// <summary>
/// Which values change from call to call (ids, timestamps, request references) and which header values
/// are credentials. Snapshots scrub the first; nothing ever prints the second.
/// </summary>
internal static partial class Volatility
{
    // "_at"/"At" suffixes are matched by case so that "format" or "chat" are not taken for timestamps.
    [GeneratedRegex(@"^(?i:_?id|uuid|guid|timestamp|created|updated)$|(?i:uuid|guid)$|_at$|[a-z]At$")]
    private static partial Regex VolatileName();

    [GeneratedRegex(@"unique identifier|request reference|reference number|transaction id|timestamp|response time|time of|when the .+ was (created|updated)", RegexOptions.IgnoreCase)]
    private static partial Regex VolatileDescription();

    [GeneratedRegex(@"secret|password|passwd|token|api[-_]?key|client[-_]?id|private|authorization|signature", RegexOptions.IgnoreCase)]
    private static partial Regex CredentialHeader();

    public static bool IsVolatile(string name, string description) =>
        VolatileName().IsMatch(name) || VolatileDescription().IsMatch(description);

    public static bool IsCredentialHeader(string name) => CredentialHeader().IsMatch(name);
}
