using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary>verify's HTML report opened in a real headless Chromium (Debian's package; .ci/run installs it).</summary>
public sealed class HtmlReportBrowserTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private static string? Chromium =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    private static string RunChromium(string browser, string profile, params string[] arguments)
    {
        var start = new ProcessStartInfo(browser) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                 }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("chromium did not finish within 90 seconds");
        }

        return output.Result;
    }

    [Fact]
    public void The_report_shows_each_field_state_in_a_browser()
    {
        if (Chromium is not { } browser)
        {
            Assert.Skip("Debian's chromium is not installed (.ci/run installs it), so the report cannot be opened in a browser here");
            return;
        }

        foreach (var (vendor, operation) in new[] { ("razorpay", "activate-contact"), ("instantpay", "update-contact") })
        {
            workspace.Write($"schemas/{vendor}/{operation}.contract.json", File.ReadAllText(Repo.PathOf("schemas", vendor, operation + ".contract.json")));
        }

        var path = workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json");
        var contract = JsonNode.Parse(File.ReadAllText(path))!;
        var body = contract["examples"]!["responses"]![0]!["body"]!.AsObject();
        body.Remove("email");
        body["active"] = "no";
        body["vpa"] = "x@upi";
        File.WriteAllText(path, contract.ToJsonString());
        Assert.Equal(1, workspace.Run("verify", "--report", "report.html").ExitCode);

        var report = new Uri(workspace.PathOf("report.html")).AbsoluteUri;
        var dom = RunChromium(browser, workspace.PathOf("profile"), "--dump-dom", report);

        // The browser's own reading of the page: sections, and rows by the state they show.
        Assert.Equal(3, Regex.Matches(dom, "<section class=\"scenario ").Count);
        Assert.Contains("2 passed, 1 failed, 0 skipped", dom, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(dom, "<tr class=\"field missing\"><td>email</td>"));
        Assert.Single(Regex.Matches(dom, "<tr class=\"field wrong\"><td>active</td>"));
        Assert.Single(Regex.Matches(dom, "<tr class=\"field undocumented\"><td>vpa</td>"));
        Assert.Contains("<h2>instantpay/update-contact: success: passed</h2>", dom, StringComparison.Ordinal);

        var screenshot = workspace.PathOf("report.png");
        RunChromium(browser, workspace.PathOf("profile2"), "--window-size=1200,1600", "--screenshot=" + screenshot, report);
        var png = File.ReadAllBytes(screenshot);
        Assert.True(png.Length > 10_000, "the screenshot should show a rendered page");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
    }
}
