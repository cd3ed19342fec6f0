using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary>
/// An option's value is checked while the command line is parsed: a bad one stops the run before anything is
/// read, fetched or written, with the command, the option and its value named, and exit code 2.
/// </summary>
public sealed class OptionRuleTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Theory]
    [InlineData("contractkit stub: --port 70000: expected 0 to 65535", "stub", "--port", "70000")]
    [InlineData("contractkit stub: --port -1: expected 0 to 65535", "stub", "--port", "-1")]
    [InlineData("contractkit probe: --max-requests 0: expected at least 1", "probe", "--max-requests", "0")]
    [InlineData("contractkit probe: --rate 0: expected a number of requests per second above 0", "probe", "--rate", "0")]
    [InlineData("contractkit probe: --rate NaN: expected a number of requests per second above 0", "probe", "--rate", "NaN")]
    [InlineData("contractkit export openapi: --vendor \"../../x\": expected a lower-case name of letters, digits and dashes, such as razorpay", "export", "openapi", "--vendor", "../../x", "--out", "out/openapi.json")]
    [InlineData("contractkit import: --vendor \"Razor Pay\": expected a lower-case name of letters, digits and dashes, such as razorpay", "import", "docs/vendors/razorpay/activate-contact.txt", "--vendor", "Razor Pay")]
    [InlineData("contractkit import: --timeout 0: expected seconds above 0, at most 3600", "import", "https://docs.example.com/page.md", "--vendor", "acme", "--timeout", "0")]
    [InlineData("contractkit import: --timeout 3601: expected seconds above 0, at most 3600", "import", "https://docs.example.com/page.md", "--vendor", "acme", "--timeout", "3601")]
    [InlineData("contractkit import: --max-size 0: expected a number of bytes above 0", "import", "https://docs.example.com/page.md", "--vendor", "acme", "--max-size", "0")]
    [InlineData("contractkit import: --max-redirects -1: expected 0 or more", "import", "https://docs.example.com/page.md", "--vendor", "acme", "--max-redirects", "-1")]
    [InlineData("contractkit compare: --vendor \"ACME\": expected a lower-case name of letters, digits and dashes, such as razorpay", "compare", "docs/vendors/razorpay/activate-contact.txt", "openapi.json", "--vendor", "ACME")]
    public void A_bad_option_value_is_refused_while_parsing_naming_the_command_and_the_value(string message, params string[] args)
    {
        var before = workspace.AllFiles();

        var result = workspace.Run(args);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        var lines = result.Error.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n');
        Assert.Equal(message, lines[0]);
        Assert.Equal("Run 'contractkit --help' for usage.", lines[^1]);
        Assert.Equal(before, workspace.AllFiles());
        Assert.Equal("", result.Output);
    }

    [Theory]
    [InlineData("--port", "stub", "--port", "65535", "--schemas", "missing")]
    [InlineData("--port", "stub", "--port", "0", "--schemas", "missing")]
    [InlineData("--rate", "probe", "--rate", "0.5", "--schemas", "missing")]
    [InlineData("--max-requests", "probe", "--max-requests", "1", "--schemas", "missing")]
    [InlineData("--timeout", "import", "http://127.0.0.1:9/page.md", "--vendor", "acme", "--timeout", "0.5", "--max-redirects", "0", "--max-size", "1")]
    public void A_value_at_its_bound_is_accepted_and_the_run_goes_on_to_its_next_check(string option, params string[] args)
    {
        // (Help is no witness: System.CommandLine skips validation when --help is given.) Each run fails later,
        // on a missing folder or a closed port, which it reaches only after its options were accepted.
        var result = workspace.Run(args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain(option + " ", result.Error.Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("for usage", result.Error, StringComparison.Ordinal);
    }
}
