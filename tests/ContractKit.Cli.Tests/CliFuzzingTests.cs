using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ContractKit.Testing;
using ContractKit.Testing.Fuzzing;

namespace ContractKit.Cli.Tests;

/// <summary>
/// Contract fuzzing through the CLI (docs/security.md): the mutated contracts of the generator fuzz test go
/// through every command that reads contracts, in-process, each contract in a folder of its own. No command
/// throws (no "Unhandled exception", no stack trace), every exit code is one the command documents, a refusal
/// (exit 2) names the contract file, and nothing is written outside the folder. Set CONTRACTKIT_FUZZ_SEED to
/// run one seed instead of the fixed ones.
/// </summary>
public sealed partial class CliFuzzingTests
{
    public const int Batches = 2;

    public const int ContractsPerBatch = 20;

    public static TheoryData<int, int> SeedsAndBatches()
    {
        var data = new TheoryData<int, int>();
        foreach (var seed in ContractMutator.Seeds())
        {
            for (var batch = 0; batch < Batches; batch++)
            {
                data.Add(seed, batch);
            }
        }

        return data;
    }

    /// <summary>A stack frame as .NET prints it.</summary>
    [GeneratedRegex(@"^\s+at \S+.*\(.*\)", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    /// <summary>No setting is read from the machine: live commands find their settings missing before sending anything.</summary>
    private static string? NoEnvironment(string name) => null;

    [Theory]
    [MemberData(nameof(SeedsAndBatches))]
    public void Mutated_contracts_get_a_result_or_a_located_refusal_from_every_command(int seed, int batch)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"CLI contract fuzzing: seed {seed}, batch {batch} (run one seed with {ContractMutator.SeedVariable}={seed})");
        var contracts = ContractMutator.Batch(seed, batch, ContractsPerBatch);
        var root = Directory.CreateTempSubdirectory("ck-fuzz-").FullName;
        var failures = new List<string>();
        try
        {
            foreach (var contract in contracts)
            {
                var problems = Problems(root, contract);
                if (problems.Count > 0)
                {
                    failures.Add(string.Join("\n  ", problems) + "\n" + contract.Describe());
                }
            }

            // Nothing is written beside the contracts' folders (a vendor like "/../../x" must not lead out).
            var strays = Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName)
                .Where(name => !contracts.Any(c => c.Folder == name)).ToList();
            if (strays.Count > 0)
            {
                failures.Add("written outside the contracts' folders: " + string.Join(", ", strays));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        Assert.True(failures.Count == 0, $"CLI contract fuzzing seed {seed}, batch {batch} ({ContractMutator.SeedVariable}={seed}):\n\n" + string.Join("\n\n", failures));
    }

    /// <summary>Runs every command over one contract in its own folder and lists what went wrong.</summary>
    private static List<string> Problems(string root, MutatedContract contract)
    {
        var folder = Path.Combine(root, contract.Folder);
        var relative = $"schemas/{contract.Vendor}/{contract.FileName}";
        Write(folder, relative, contract.Text);
        Write(folder, "old.contract.json", ContractMutator.SourceText(contract.Source));
        Write(folder, "body.json", ExampleBody(contract.Source));

        var problems = new List<string>();
        var refused = new List<string>();
        void Check(int[] allowed, params string[] args)
        {
            var output = new StringWriter();
            var error = new StringWriter();
            int code;
            try
            {
                code = CliApp.Run(args, new CliContext(output, error, folder, NoEnvironment));
            }
            catch (Exception e)
            {
                problems.Add($"`{string.Join(' ', args)}` threw: {e}");
                return;
            }

            var command = $"`contractkit {string.Join(' ', args)}` exit {code}";
            var all = output + "\n" + error;
            if (all.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase) || StackFrame().IsMatch(all))
            {
                problems.Add($"{command}: a crash:\n{Head(error.ToString())}{Head(output.ToString())}");
            }
            else if (!allowed.Contains(code))
            {
                problems.Add($"{command}: not one of its documented exit codes ({string.Join(", ", allowed)}):\n{Head(error.ToString())}");
            }
            else if (code == ExitCodes.BadInput && !error.ToString().Contains(contract.FileName, StringComparison.Ordinal)
                && !(args[0] == "triage" && error.ToString().Contains(" needs CONTRACTKIT_", StringComparison.Ordinal)))
            {
                // (triage without live settings says which are missing, and that is all it can say.)
                problems.Add($"{command}: a refusal that does not name {contract.FileName}:\n{Head(error.ToString())}");
            }

            if (code == ExitCodes.BadInput)
            {
                refused.Add(args[0]);
            }
        }

        int[] zeroOneTwo = [0, 1, 2];
        Check([0, 2], "describe", relative);
        Check([0, 2], "describe", relative, "--format", "json");
        Check(zeroOneTwo, "validate", "--contract", relative, "--body", "body.json");
        Check(zeroOneTwo, "diff", "old.contract.json", relative);
        Check(zeroOneTwo, "diff", relative, "old.contract.json");
        Check([0, 2], "export", "openapi", "--schemas", "schemas", "--out", "out/openapi.json");
        Check([0, 2], "export", "openapi", "--schemas", "schemas", "--openapi-version", "3.0", "--out", "out/openapi30.json");
        Check([0, 1, 2, 3], "verify", "--schemas", "schemas", "--report", "out/report.md");
        Check([0, 1, 2, 3], "probe", "--schemas", "schemas", "--max-requests", "12", "--seed", "7");
        Check(zeroOneTwo, "triage", "--schemas", "schemas", "--base-url", "http://127.0.0.1:9/");
        Check([0, 2], "accept", "--schemas", "schemas");
        if (refused.Contains("describe") || refused.Contains("verify"))
        {
            // The stub serves until stopped; a contract every reader refuses must stop it at once, with exit 2.
            Check([2], "stub", "--schemas", "schemas", "--port", "0");
        }

        return problems;
    }

    private static string Head(string text) => text.Length == 0 ? "" : "    " + (text.Length > 1500 ? text[..1500] + "..." : text).Replace("\n", "\n    ") + "\n";

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The source contract's first documented response body, or an empty object.</summary>
    private static string ExampleBody(string source)
    {
        var example = JsonNode.Parse(ContractMutator.SourceText(source))?["examples"]?["responses"]?[0]?["body"];
        return example?.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) ?? "{}";
    }
}

/// <summary>Regression tests for what CLI contract fuzzing found.</summary>
public sealed class CliFuzzingRegressionTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Theory]
    [InlineData("verify", "\"a{2,1}\"", "The pattern 'a{2,1}'")]
    [InlineData("probe", "\"a{2,1}\"", "The pattern 'a{2,1}'")]
    [InlineData("stub", "\"a{2,1}\"", "The pattern 'a{2,1}'")]
    [InlineData("verify", "\"\\\\p{Nope}\"", "\\p{Nope}")]
    public void A_schema_the_interpreter_cannot_check_is_refused_naming_the_contract_file(string command, string pattern, string expected)
    {
        // Found by CLI fuzzing (seed 20261202, batch 0, "bad-pattern"): the contract reads, but its pattern does
        // not compile, and verify and probe refused it without naming the file; the stub threw.
        var text = File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"))
            .Replace("\"format\": \"email\",", "\"format\": \"email\", \"pattern\": " + pattern + ",", StringComparison.Ordinal);
        Assert.Contains("\"pattern\"", text, StringComparison.Ordinal);
        workspace.Write("schemas/razorpay/activate-contact.contract.json", text);

        var result = workspace.Run(command, "--schemas", "schemas");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"contractkit {command}: schemas/razorpay/activate-contact.contract.json: /responses/0/schema: the schema cannot be checked: #/properties/email/pattern: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }
}
