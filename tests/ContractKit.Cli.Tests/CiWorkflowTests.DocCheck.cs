using System.Diagnostics;

namespace ContractKit.Cli.Tests;

public sealed partial class CiWorkflowTests
{
    private const string DocCheckStep = "The vendor pages still give the checked-in contracts";

    /// <summary>
    /// Runs the stub job's page check under GitHub's shell in a folder of pages, with a `dotnet` on the PATH
    /// that records its arguments, writes the report it is asked for and exits with the code given for the
    /// file it checks. Returns the step's exit code, the recorded calls and the job summary.
    /// </summary>
    private static (int ExitCode, List<string> Calls, string Summary) RunDocCheck(Dictionary<string, string> files, Dictionary<string, int> exitCodes)
    {
        var root = Directory.CreateTempSubdirectory("ck-doccheck-").FullName;
        try
        {
            foreach (var (path, text) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, path))!);
                File.WriteAllText(Path.Combine(root, path), text);
            }

            var bin = Directory.CreateDirectory(Path.Combine(root, ".bin")).FullName;
            var codes = string.Join("\n", exitCodes.Select(c => $"  *\"{c.Key}\"*) code={c.Value} ;;"));
            File.WriteAllText(Path.Combine(bin, "dotnet"), $$"""
                #!/bin/bash
                echo "$*" >> "{{root}}/.calls"
                out=""; prev=""
                for a in "$@"; do if [ "$prev" = "--output" ]; then out="$a"; fi; prev="$a"; done
                [ -n "$out" ] && echo "report of: $*" > "$out"
                code=0
                case "$*" in
                {{codes}}
                esac
                exit $code
                """.ReplaceLineEndings("\n"));
            Assert.SkipWhen(OperatingSystem.IsWindows(), "the step runs under bash, as on GitHub's Linux runners");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(Path.Combine(bin, "dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var step = Steps("stub").Single(s => Scalar(s, "name") == DocCheckStep);
            File.WriteAllText(Path.Combine(root, ".step.sh"), Scalar(step, "run")!);

            var start = new ProcessStartInfo("bash") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--noprofile", "--norc", "-eo", "pipefail", ".step.sh" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["GITHUB_STEP_SUMMARY"] = Path.Combine(root, ".summary");
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(error.Result.Length == 0, error.Result);
            var calls = File.Exists(Path.Combine(root, ".calls")) ? File.ReadAllLines(Path.Combine(root, ".calls")).ToList() : [];
            var summary = File.Exists(Path.Combine(root, ".summary")) ? File.ReadAllText(Path.Combine(root, ".summary")) : "";
            return (process.ExitCode, calls, summary);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_page_check_covers_every_page_format_in_one_run_and_each_openapi_document_in_its_own()
    {
        var (exitCode, calls, summary) = RunDocCheck(new()
        {
            ["docs/vendors/razorpay/activate-contact.txt"] = "page",
            ["docs/vendors/cashfree/create-order.md"] = "page",
            ["docs/vendors/stripe/create-payment-intent.html"] = "<html>",
            ["docs/vendors/payu/refund.htm"] = "<html>",
            ["docs/vendors/razorpay/openapi.yaml"] = "openapi: 3.1.0\ninfo: {}\n",
            ["docs/vendors/instantpay/contacts.json"] = "{\n  \"openapi\": \"3.0.3\"\n}\n",
            ["docs/vendors/instantpay/sample-response.json"] = "{ \"statuscode\": \"TXN\" }",
            ["docs/vendors/SOURCES.md"] = "| https://example.com/page | ... |",
        }, new() { ["contacts.json"] = 1 });

        Assert.Equal(
        [
            "contractkit import docs/vendors/razorpay/activate-contact.txt docs/vendors/cashfree/create-order.md docs/vendors/stripe/create-payment-intent.html docs/vendors/payu/refund.htm --check --format markdown --output doc-check.md",
            "contractkit import docs/vendors/instantpay/contacts.json --check --format markdown --output doc-check-openapi-1.md",
            "contractkit import docs/vendors/razorpay/openapi.yaml --check --format markdown --output doc-check-openapi-2.md",
        ], calls);
        // The OpenAPI document that changed fails the step after every report is in the summary.
        Assert.Equal(1, exitCode);
        Assert.Contains("report of: contractkit import docs/vendors/razorpay/activate-contact.txt", summary, StringComparison.Ordinal);
        Assert.Contains("#### docs/vendors/instantpay/contacts.json", summary, StringComparison.Ordinal);
        Assert.Contains("report of: contractkit import docs/vendors/razorpay/openapi.yaml", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_check_without_pages_of_a_format_passes_no_pattern_to_import()
    {
        var (exitCode, calls, _) = RunDocCheck(new() { ["docs/vendors/razorpay/activate-contact.txt"] = "page" }, new());

        Assert.Equal(0, exitCode);
        Assert.Equal(["contractkit import docs/vendors/razorpay/activate-contact.txt --check --format markdown --output doc-check.md"], calls);
    }
}
