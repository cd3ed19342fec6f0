using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary><c>import</c> of an OpenAPI document and <c>compare</c> of a page with one, through the command line.</summary>
public sealed class OpenApiCommandTests : IDisposable
{
    private const string RazorpayPage = "docs/vendors/razorpay/activate-contact.txt";
    private const string RazorpayOpenApi = "openapi/razorpay/openapi.yaml";
    private readonly Workspace workspace = new();

    public OpenApiCommandTests()
    {
        workspace.Write(RazorpayOpenApi, File.ReadAllText(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures", "openapi", "razorpay-contacts.yaml")));
    }

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Import_takes_an_openapi_document_by_its_content_and_writes_the_operation_contract()
    {
        var result = workspace.Run("import", RazorpayOpenApi, "--operation", "PATCH /v1/contacts/{id}");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("wrote schemas/razorpay/activate-contact.contract.json (PATCH /v1/contacts/{id};", result.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json")));

        // The contract it wrote is one the other commands read: --check finds it unchanged.
        var check = workspace.Run("import", RazorpayOpenApi, "--check");
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
    }

    [Fact]
    public void A_broken_openapi_document_is_bad_input_naming_the_line_and_nothing_is_written()
    {
        workspace.Write("openapi/shop/openapi.json", "{\n  \"openapi\": \"3.1.0\",\n  \"paths\": {},\n  \"paths\": {}\n}\n");

        var result = workspace.Run("import", "openapi/shop/openapi.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("openapi/shop/openapi.json:4: the key \"paths\" appears twice", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workspace.PathOf("schemas")));
    }

    [Fact]
    public void Compare_finds_no_difference_between_the_page_and_a_document_that_agrees()
    {
        var result = workspace.Run("compare", RazorpayPage, RazorpayOpenApi, "--fail-on", "potentially-breaking");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("0 breaking, 0 potentially breaking", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_lists_where_the_page_and_the_document_disagree_classified_by_the_diff_rules()
    {
        var drifted = File.ReadAllText(workspace.PathOf(RazorpayOpenApi))
            .Replace("created_at: { type: integer, format: int64 }", "created_at: { type: string }", StringComparison.Ordinal)
            .Replace("/v1/contacts/{id}:", "/v2/contacts/{id}:", StringComparison.Ordinal);
        workspace.Write(RazorpayOpenApi, drifted);
        var contract = Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json");

        var result = workspace.Run("compare", contract, RazorpayOpenApi, "--operation", "activateContact", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"rule\": \"CKD014\"", result.Output.Replace("\":\"", "\": \"", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("\"rule\": \"CKD004\"", result.Output.Replace("\":\"", "\": \"", StringComparison.Ordinal), StringComparison.Ordinal);

        // Without --operation the page's method and path pick the operation; the moved path matches none.
        var unmatched = workspace.Run("compare", contract, RazorpayOpenApi);
        Assert.Equal(2, unmatched.ExitCode);
        Assert.Contains("no operation matches PATCH /v1/contacts/{id}", unmatched.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_refuses_a_second_operand_that_is_not_an_openapi_document()
    {
        var result = workspace.Run("compare", RazorpayPage, RazorpayPage);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not an OpenAPI document", result.Error, StringComparison.Ordinal);
    }
}
