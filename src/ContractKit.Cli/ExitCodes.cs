namespace ContractKit.Cli;

/// <summary>The exit codes of every contractkit command (docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran, and what it checked has errors (an import with error findings).</summary>
    public const int Failures = 1;

    /// <summary>Bad usage or bad input: an unknown option, an unreadable page or contract.</summary>
    public const int BadInput = 2;

    /// <summary><c>verify</c> sent nothing for a vendor: every scenario was skipped, so nothing was checked (unless --allow-all-skipped).</summary>
    public const int NothingVerified = 3;

    /// <summary><c>import &lt;url&gt;</c>: the page could not be fetched (network, timeout, size cap, redirects, a non-2xx status, a type the importer does not read).</summary>
    public const int FetchFailed = 4;

    /// <summary><c>import --check &lt;url&gt;</c>: the live page is not the stored copy, though the contracts it gives have no change at the --fail-on level.</summary>
    public const int PageChanged = 5;
}
