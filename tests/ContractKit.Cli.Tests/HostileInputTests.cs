using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary>Contracts and pages are untrusted: odd or hostile input gets a clear error with exit 2, never a crash or a write elsewhere.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private static string Razorpay => File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));

    private static string Instantpay => File.ReadAllText(Repo.PathOf("schemas", "instantpay", "update-contact.contract.json"));

    /// <summary>Writes the two bundled contracts to schemas/, the Razorpay one changed by <paramref name="change"/>.</summary>
    private string WriteContracts(Func<string, string> change)
    {
        workspace.Write("schemas/instantpay/update-contact.contract.json", Instantpay);
        return workspace.Write("schemas/razorpay/activate-contact.contract.json", change(Razorpay));
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_refuses_a_vendor_name_that_leads_out_of_the_output_folder()
    {
        // Written beside out/openapi.json as "openapi.<vendor>.json", this vendor would land in the workspace root.
        WriteContracts(text => Replace(text, "\"vendor\": \"razorpay\"", "\"vendor\": \"/../../PWNED\""));
        var before = workspace.AllFiles();

        var result = workspace.Run("export", "openapi", "--out", "out/openapi.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("activate-contact.contract.json:5:", result.Error, StringComparison.Ordinal);
        Assert.Contains("/vendor: expected a lower-case name of letters, digits and dashes, found \"/../../PWNED\"", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, workspace.AllFiles());
        Assert.False(File.Exists(workspace.PathOf("PWNED.json")));
    }

    [Fact]
    public void A_contract_with_a_path_in_its_operation_name_is_refused_on_read()
    {
        WriteContracts(text => Replace(text, "\"operation\": \"activate-contact\"", "\"operation\": \"../../x\""));

        var result = workspace.Run("validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--body", "schemas/razorpay/activate-contact.contract.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("activate-contact.contract.json:6:", result.Error, StringComparison.Ordinal);
        Assert.Contains("/operation: expected a lower-case name", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_that_is_not_a_status_code_is_refused_on_read()
    {
        WriteContracts(text => Replace(text, "\"status\": \"200\",\n      \"description\": \"Success\"", "\"status\": \"abc\",\n      \"description\": \"Success\""));

        var result = workspace.Run("verify", "--schemas", "schemas");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/responses/0/status: expected a status code (\"200\") or class (\"4xx\"), found \"abc\"", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The Razorpay contract with its error response's schema referring to itself.</summary>
    private string WriteCyclicContract() =>
        WriteContracts(text => Replace(text, "\"schema\": {}", "\"schema\": { \"type\": \"object\", \"properties\": { \"error\": { \"$ref\": \"#\" } } }"));

    [Theory]
    [InlineData("verify", "--schemas", "schemas")]
    [InlineData("stub", "--schemas", "schemas", "--port", "0")]
    [InlineData("validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--status", "400", "--body", "body.json")]
    [InlineData("describe", "schemas/razorpay/activate-contact.contract.json")]
    [InlineData("export", "openapi", "--out", "out/openapi.json")]
    public void A_reference_cycle_is_refused_with_its_place_not_a_stack_overflow(params string[] args)
    {
        var path = WriteCyclicContract();
        workspace.Write("body.json", """{ "error": { "error": {} } }""");
        var (line, column) = Find(File.ReadAllText(path), "\"#\"");

        var result = workspace.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"activate-contact.contract.json:{line}:", result.Error, StringComparison.Ordinal);
        Assert.Contains("/responses/1/schema/properties/error/$ref: this $ref leads back to a schema that contains it", result.Error, StringComparison.Ordinal);
        Assert.True(column > 0);
    }

    private static (int Line, int Column) Find(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        var before = text[..index].ReplaceLineEndings("\n");
        return (before.Count(c => c == '\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
    }
}
