using System.Runtime.InteropServices;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

public sealed class StubAndValidateCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public StubAndValidateCommandTests()
    {
        workspace.Write("schemas/razorpay/activate-contact.contract.json", File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")));
        var example = JsonNode.Parse(File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")))!["examples"]!["responses"]![0]!["body"]!;
        workspace.Write("captured/ok.json", example.ToJsonString());
        example["active"] = "no";
        example.AsObject().Remove("id");
        workspace.Write("captured/broken.json", example.ToJsonString());
    }

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Validate_accepts_a_conforming_body()
    {
        var result = workspace.Run("validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--body", "captured/ok.json");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("captured/ok.json: valid against the 200 response of razorpay/activate-contact", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_prints_each_error_and_exits_1()
    {
        var result = workspace.Run("validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--body", "captured/broken.json");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[breaking] active: type: expected boolean, found string (documented at line 131 of docs/vendors/razorpay/activate-contact.txt)", result.Output, StringComparison.Ordinal);
        Assert.Contains("[breaking] id: required: the required field \"id\" is missing (documented at line 91 of docs/vendors/razorpay/activate-contact.txt)", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 error(s) against the 200 response", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_member_name_is_reported_on_its_field_and_the_rest_of_the_body_is_still_checked()
    {
        var ok = File.ReadAllText(workspace.PathOf("captured", "ok.json"));
        // "id" twice at the top, "active" of the wrong type: both are named on their own fields.
        workspace.Write("captured/repeated.json", ok.Replace("{\"id\":", "{\"id\":\"cont_0\",\"id\":", StringComparison.Ordinal).Replace("\"active\":false", "\"active\":\"no\"", StringComparison.Ordinal).Replace("\"active\":true", "\"active\":\"yes\"", StringComparison.Ordinal));

        var result = workspace.Run("validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--body", "captured/repeated.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("[breaking] id: duplicateKey:", result.Output, StringComparison.Ordinal);
        Assert.Contains("[breaking] active: type: expected boolean, found string", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("(root)", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--status", "400" }, 0, "")]
    [InlineData(new[] { "--status", "500" }, 2, "documents no response 500 (documented: 200, 4xx)")]
    public void Validate_picks_the_response_by_status(string[] extra, int exitCode, string error)
    {
        var result = workspace.Run(["validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--body", "captured/broken.json", .. extra]);
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(error, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--body", "captured/none.json" }, "cannot read the body")]
    [InlineData(new[] { "validate", "--contract", "missing.contract.json", "--body", "captured/ok.json" }, "missing.contract.json")]
    [InlineData(new[] { "validate", "--contract", "schemas/razorpay/activate-contact.contract.json" }, "--body")]
    [InlineData(new[] { "stub", "--port", "70000" }, "expected 0 to 65535")]
    [InlineData(new[] { "stub", "--schemas", "nowhere" }, "no such directory")]
    public void Bad_usage_exits_2(string[] args, string expected)
    {
        var result = workspace.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    private Process StartStub(params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workspace.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ContractKit.Cli.dll"));
        start.ArgumentList.Add("stub");
        foreach (var argument in extra)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<string> ReadLine(Process process) =>
        (await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken))!;

    [Fact]
    public async Task Stub_serves_the_contracts_until_stopped()
    {
        using var process = StartStub();
        try
        {
            Assert.StartsWith("listening on http://127.0.0.1:", await ReadLine(process), StringComparison.Ordinal);
            var line = await ReadLine(process);
            Assert.StartsWith("razorpay: http://127.0.0.1:", line, StringComparison.Ordinal);
            var baseAddress = new Uri(line!["razorpay: ".Length..]);
            using var client = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(baseAddress, "v1/contacts/cont_1"))
            {
                Content = new StringContent("""{"active": false}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("k:s"u8.ToArray()));
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData(PosixSignal.SIGTERM)]
    [InlineData(PosixSignal.SIGINT)]
    public async Task Stub_stops_on_sigterm_and_ctrl_c_and_removes_its_ready_file(PosixSignal signal)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "signals are sent with kill(1), which this system lacks");
        using var process = StartStub("--port", "0", "--ready-file", "run/stub.json");
        try
        {
            var listening = await ReadLine(process);
            var ready = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(workspace.PathOf("run", "stub.json")))!;
            Assert.Equal("listening on " + ready["baseAddress"]!.GetValue<string>(), listening);
            Assert.Equal(new Uri(ready["baseAddress"]!.GetValue<string>()).Port, ready["port"]!.GetValue<int>());
            Assert.NotEqual(0, ready["port"]!.GetValue<int>());
            Assert.EndsWith("/razorpay/", ready["vendors"]!["razorpay"]!.GetValue<string>(), StringComparison.Ordinal);

            var watch = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-" + (signal == PosixSignal.SIGTERM ? "TERM" : "INT"), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            // Generous for a shared machine; the stub itself stops well within a second.
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
            TestContext.Current.SendDiagnosticMessage($"stub stopped {watch.ElapsedMilliseconds} ms after {signal}");
            Assert.Equal(0, process.ExitCode);
            Assert.False(File.Exists(workspace.PathOf("run", "stub.json")), "the ready file outlived the stub");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
