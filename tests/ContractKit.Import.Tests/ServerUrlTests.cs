using ContractKit.Contracts;

namespace ContractKit.Import.Tests;

/// <summary>The base URL and the sandbox the page names, in the layouts vendors use for their environments.</summary>
public sealed class ServerUrlTests
{
    private static Contract Import(string markdown) =>
        PageImporter.Import(System.Text.Encoding.UTF8.GetBytes(markdown), "page.md", "acme", "op").Contract;

    private const string Fields = "\n## Response\n\n| Name | Type |\n| --- | --- |\n| `id` | string |\n";

    [Fact]
    public void A_labelled_sandbox_on_another_host_with_the_same_prefix_is_recorded_with_its_line()
    {
        var contract = Import(Pages.Lines(
            "# Fetch a widget",
            "",
            "`GET https://api.acme.example/v2/widgets/{id}`",
            "",
            "Sandbox: https://sandbox.acme.example/v2",
            "") + Fields);

        // The endpoint's path keeps its /v2; the sandbox serves the same full path.
        Assert.Equal(("https://api.acme.example", "/v2/widgets/{id}"), (contract.Http.BaseUrl, contract.Http.Path));
        Assert.Equal("https://sandbox.acme.example", contract.Http.SandboxUrl);
        var finding = contract.Finding("CKI025");
        Assert.Equal(5, finding.Line);
        Assert.Contains("the sandbox at https://sandbox.acme.example;", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endpoint_on_a_sandbox_host_takes_the_production_host_from_a_table_of_environments()
    {
        var contract = Import(Pages.Lines(
            "# Create a widget",
            "",
            "`POST https://api-uat.acme.example/widgets`",
            "",
            "| Environment | URL |",
            "| --- | --- |",
            "| UAT | https://api-uat.acme.example |",
            "| Production | https://api.acme.example |",
            "") + Fields);

        Assert.Equal("https://api.acme.example", contract.Http.BaseUrl);
        Assert.Equal("https://api-uat.acme.example", contract.Http.SandboxUrl);
        Assert.Equal(8, contract.Finding("CKI025").Line);
    }

    [Fact]
    public void A_label_on_the_line_above_names_the_url_below_it()
    {
        var contract = Import(Pages.Lines(
            "# Fetch a widget",
            "",
            "`GET https://api.acme.example/widgets/{id}`",
            "",
            "Test environment",
            "https://widgets.acme-labs.example",
            "") + Fields);

        Assert.Equal("https://widgets.acme-labs.example", contract.Http.SandboxUrl);
    }

    [Theory]
    [InlineData("Log in to the dashboard in test mode at https://dashboard.acme.example to get keys.")]
    [InlineData("Read the sandbox guide: https://docs.acme.example/guides/sandbox")]
    [InlineData("Sandbox: https://sandbox.acme.example/v1")]
    public void Links_that_serve_no_api_of_this_shape_are_not_a_sandbox(string line)
    {
        // The dashboard is no label's URL; the guide has another path; a v1 sandbox does not serve /v2.
        var contract = Import(Pages.Lines("# Fetch a widget", "", "`GET https://api.acme.example/v2/widgets/{id}`", "", line, "") + Fields);

        Assert.Null(contract.Http.SandboxUrl);
        Assert.Equal("https://api.acme.example", contract.Http.BaseUrl);
        Assert.DoesNotContain(contract.Findings, f => f.Code == "CKI025");
    }

    [Fact]
    public void An_endpoint_on_a_sandbox_host_with_no_production_named_is_both()
    {
        var contract = Import(Pages.Lines("# Fetch a widget", "", "`GET https://sandbox.acme.example/widgets/{id}`", "") + Fields);

        Assert.Equal("https://sandbox.acme.example", contract.Http.BaseUrl);
        Assert.Equal("https://sandbox.acme.example", contract.Http.SandboxUrl);
        Assert.DoesNotContain(contract.Findings, f => f.Code == "CKI025");
    }
}
