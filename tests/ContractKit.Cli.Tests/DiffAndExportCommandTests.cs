using System.Diagnostics;
using System.Text.Json.Nodes;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary><c>contractkit diff</c> operands and errors, <c>--base &lt;git-rev&gt;</c>, and <c>contractkit export openapi</c>.</summary>
public sealed class DiffAndExportCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private void CopyContracts(string directory)
    {
        foreach (var (vendor, operation) in new[] { ("razorpay", "activate-contact"), ("instantpay", "update-contact") })
        {
            var target = workspace.PathOf(directory, vendor, operation + ".contract.json");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Repo.PathOf("schemas", vendor, operation + ".contract.json"), target, overwrite: true);
        }
    }

    private void Edit(string path, Action<JsonObject> change)
    {
        var full = workspace.PathOf(path);
        var contract = JsonNode.Parse(File.ReadAllText(full))!.AsObject();
        change(contract);
        File.WriteAllText(full, contract.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }

    private static void RemoveNotes(JsonObject contract)
    {
        var schema = contract["responses"]![0]!["schema"]!.AsObject();
        schema["properties"]!.AsObject().Remove("notes");
        var required = schema["required"]!.AsArray();
        required.Remove(required.First(r => r!.GetValue<string>() == "notes"));
    }

    [Fact]
    public void Directories_pair_contracts_by_vendor_and_operation_and_report_added_and_removed_endpoints()
    {
        CopyContracts("old");
        CopyContracts("new");
        File.Delete(workspace.PathOf("new", "instantpay", "update-contact.contract.json"));
        Directory.CreateDirectory(workspace.PathOf("new", "elsewhere"));
        File.Move(workspace.PathOf("new", "razorpay", "activate-contact.contract.json"), workspace.PathOf("new", "elsewhere", "renamed.contract.json"));

        var result = workspace.Run("diff", "old", "new");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("instantpay/update-contact\n  breaking              CKD002  endpoint: PATCH /contacts/profile was removed", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("razorpay/activate-contact", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "diff", "one.contract.json" }, "expected two operands")]
    [InlineData(new[] { "diff", "old/razorpay/activate-contact.contract.json", "missing.contract.json" }, "missing.contract.json: no such file or directory")]
    [InlineData(new[] { "diff", "old/razorpay/activate-contact.contract.json", "old" }, "compare two files or two directories")]
    [InlineData(new[] { "diff", "--base", "HEAD", "a", "b" }, "with --base, give at most one directory")]
    [InlineData(new[] { "diff", "old", "old", "--format", "yaml" }, "yaml")]
    [InlineData(new[] { "diff", "old", "old", "--fail-on", "never" }, "never")]
    public void Bad_usage_exits_2_with_one_clear_message(string[] args, string message)
    {
        CopyContracts("old");

        var result = workspace.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void A_malformed_contract_names_its_file_line_and_column()
    {
        CopyContracts("old");
        CopyContracts("new");
        File.WriteAllText(workspace.PathOf("new", "razorpay", "activate-contact.contract.json"), "{\n  \"formatVersion\": 1,\n  \"vendor\": \n}");

        var result = workspace.Run("diff", "old", "new");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("contractkit diff: new/razorpay/activate-contact.contract.json:4:1: not valid JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_contracts_for_one_endpoint_in_a_directory_are_bad_input()
    {
        CopyContracts("old");
        CopyContracts("new");
        File.Copy(workspace.PathOf("new", "razorpay", "activate-contact.contract.json"), workspace.PathOf("new", "razorpay", "copy.contract.json"));

        var result = workspace.Run("diff", "old", "new");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("razorpay/activate-contact is also the contract in", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Base_compares_the_working_tree_with_a_git_revision()
    {
        CopyContracts("schemas");
        Git("init", "-q", "-b", "main");
        Git("add", "schemas");
        Git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "contracts");
        Edit("schemas/razorpay/activate-contact.contract.json", RemoveNotes);

        var result = workspace.Run("diff", "--base", "HEAD", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        var json = JsonNode.Parse(result.Output)!;
        var razorpay = json["endpoints"]!.AsArray().Single(e => e!["vendor"]!.GetValue<string>() == "razorpay")!;
        Assert.Equal("schemas/razorpay/activate-contact.contract.json@HEAD", razorpay["old"]!.GetValue<string>());
        Assert.Equal("schemas/razorpay/activate-contact.contract.json", razorpay["new"]!.GetValue<string>());
        Assert.Equal("CKD008", razorpay["changes"]![0]!["rule"]!.GetValue<string>());

        var unknown = workspace.Run("diff", "--base", "no-such-branch");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("contractkit diff: --base no-such-branch: no such revision\n", unknown.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Base_outside_a_repository_is_bad_input()
    {
        CopyContracts("schemas");

        var result = workspace.Run("diff", "--base", "HEAD");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("contractkit diff: --base HEAD: ", result.Error, StringComparison.Ordinal);
    }

    private void Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = workspace.Root, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
    }

    [Fact]
    public void Export_writes_one_openapi_document_per_vendor()
    {
        CopyContracts("schemas");

        var result = workspace.Run("export", "openapi", "--out", "api/openapi.json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "wrote api/openapi.instantpay.json (OpenAPI 3.1.0, instantpay, 1 operation(s))\nwrote api/openapi.razorpay.json (OpenAPI 3.1.0, razorpay, 1 operation(s))\n",
            result.Output.ReplaceLineEndings("\n"));
        var razorpay = JsonNode.Parse(File.ReadAllText(workspace.PathOf("api", "openapi.razorpay.json")))!;
        Assert.Equal("3.1.0", razorpay["openapi"]!.GetValue<string>());
        Assert.NotNull(razorpay["paths"]!["/v1/contacts/{id}"]!["patch"]);
    }

    [Fact]
    public void Export_of_one_vendor_in_30_goes_to_exactly_the_named_file()
    {
        CopyContracts("schemas");

        var result = workspace.Run("export", "openapi", "--vendor", "razorpay", "--openapi-version", "3.0", "--out", "razorpay.json");

        Assert.Equal(0, result.ExitCode);
        var document = JsonNode.Parse(File.ReadAllText(workspace.PathOf("razorpay.json")))!;
        Assert.Equal("3.0.3", document["openapi"]!.GetValue<string>());
        Assert.True(document["paths"]!["/v1/contacts/{id}"]!["patch"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["properties"]!["batch_id"]!["nullable"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(new[] { "export", "openapi" }, "--out")]
    [InlineData(new[] { "export", "openapi", "--out", "x.json", "--openapi-version", "2.0" }, "2.0")]
    [InlineData(new[] { "export", "openapi", "--out", "x.json", "--vendor", "stripe" }, "no contracts of vendor \"stripe\"")]
    [InlineData(new[] { "export", "openapi", "--out", "x.json", "--schemas", "nowhere" }, "nowhere: no such directory")]
    public void Export_bad_usage_exits_2_and_writes_nothing(string[] args, string message)
    {
        CopyContracts("schemas");

        var result = workspace.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(workspace.AllFiles(), f => f.EndsWith("x.json", StringComparison.Ordinal));
    }
}
