using System.Text;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

public sealed class ImportCommandTests : IDisposable
{
    private const string RazorpayPage = "docs/vendors/razorpay/activate-contact.txt";
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Import_writes_the_contract_under_out_vendor_and_prints_the_findings()
    {
        var result = workspace.Run("import", RazorpayPage, "--vendor", "razorpay");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Contains($"{RazorpayPage}:52: warning CKI002: batch_id is documented as string but the sample at line 52 is null", result.Output, StringComparison.Ordinal);
        Assert.Contains($"{RazorpayPage}:161: info CKI005:", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("wrote schemas/razorpay/activate-contact.contract.json (1 warning(s), 3 note(s))\n", result.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(
            File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json")),
            File.ReadAllText(workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json")));
    }

    [Fact]
    public void Importing_an_unchanged_page_again_leaves_the_file_alone()
    {
        workspace.Run("import", RazorpayPage, "--vendor", "razorpay");
        var contract = workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json");
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(contract, stamp);

        var again = workspace.Run("import", RazorpayPage, "--vendor", "razorpay");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("unchanged schemas/razorpay/activate-contact.contract.json", again.Output, StringComparison.Ordinal);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(contract));
    }

    [Fact]
    public void Operation_and_out_directory_can_be_chosen()
    {
        var result = workspace.Run("import", RazorpayPage, "--vendor", "razorpay", "--operation", "toggle-contact", "--out", "contracts");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("contracts/razorpay/toggle-contact.contract.json", workspace.AllFiles());
    }

    private const string OrdersPage = "# Orders\n\n## Order entity\n\n| Field | Type | Description |\n|---|---|---|\n| id | string | The id. |\n\n"
        + "## Create an order\n\n`POST /v1/orders`\n\n### Request body\n\n| Name | Type | Required | Description |\n|---|---|---|---|\n| amount | integer | yes | Amount |\n\n"
        + "## Fetch an order\n\n`GET /v1/orders/{id}`\n";

    [Fact]
    public void A_page_of_several_operations_writes_one_contract_each_and_operation_picks_one()
    {
        workspace.Write("pages/orders.md", OrdersPage);
        var all = workspace.Run("import", "pages/orders.md", "--vendor", "acme");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("schemas/acme/create-an-order.contract.json", workspace.AllFiles());
        Assert.Contains("schemas/acme/fetch-an-order.contract.json", workspace.AllFiles());
        Assert.DoesNotContain("schemas/acme/orders.contract.json", workspace.AllFiles());

        var one = workspace.Run("import", "pages/orders.md", "--vendor", "acme", "--operation", "fetch-an-order", "--out", "picked");
        Assert.Equal(0, one.ExitCode);
        Assert.Equal(["picked/acme/fetch-an-order.contract.json"], workspace.AllFiles().Where(f => f.StartsWith("picked/", StringComparison.Ordinal)));

        var none = workspace.Run("import", "pages/orders.md", "--vendor", "acme", "--operation", "delete-an-order", "--out", "none");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("create-an-order, fetch-an-order", none.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(workspace.AllFiles(), f => f.StartsWith("none/", StringComparison.Ordinal));
    }

    [Fact]
    public void An_html_page_is_imported_and_an_unreadable_one_is_refused_saying_what_was_expected()
    {
        workspace.Write("pages/create-widget.html", "<html><body><nav>menu</nav><h1>Create a widget</h1><p>POST /v1/widgets</p><h2>Body</h2><table><tr><th>Name</th><th>Type</th></tr><tr><td>size</td><td>integer</td></tr></table></body></html>");
        var result = workspace.Run("import", "pages/create-widget.html", "--vendor", "acme");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("schemas/acme/create-widget.contract.json", workspace.AllFiles());

        workspace.Write("pages/blog.html", "<!DOCTYPE html><html><body><h1>News</h1><p>We moved offices.</p></body></html>");
        var refused = workspace.Run("import", "pages/blog.html", "--vendor", "acme");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("read as HTML", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("schemas/acme/blog.contract.json", workspace.AllFiles());
    }

    [Fact]
    public void The_vendor_defaults_to_each_pages_folder()
    {
        var result = workspace.Run("import", RazorpayPage, "docs/vendors/instantpay/update-contact.txt");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("schemas/razorpay/activate-contact.contract.json", workspace.AllFiles());
        Assert.Contains("schemas/instantpay/update-contact.contract.json", workspace.AllFiles());
    }

    [Fact]
    public void Several_pages_are_imported_in_one_call()
    {
        workspace.Write("pages/create-refund.md", "POST /v1/refunds\n## Request body\n| Name | Type | Required | Description |\n|---|---|---|---|\n| amount | integer | yes | Amount |\n");
        var result = workspace.Run("import", RazorpayPage, "pages/create-refund.md", "--vendor", "razorpay");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("schemas/razorpay/create-refund.contract.json", workspace.AllFiles());
        Assert.Contains("schemas/razorpay/activate-contact.contract.json", workspace.AllFiles());
    }

    [Fact]
    public void A_missing_page_is_bad_input_and_nothing_is_written()
    {
        var result = workspace.Run("import", RazorpayPage, "docs/missing.txt", "--vendor", "razorpay");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("contractkit import: docs/missing.txt: cannot read the page", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(workspace.AllFiles(), f => f.StartsWith("schemas/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "docs/bad.txt: the page is empty")]
    [InlineData("GET /x\nline two\0", "docs/bad.txt:2: binary content")]
    [InlineData("Release notes\nWe fixed bugs.\n", "docs/bad.txt: not a recognisable API documentation page")]
    public void A_bad_page_is_one_line_naming_it_exit_2_and_existing_contracts_stay(string page, string expected)
    {
        workspace.Write("docs/bad.txt", page);
        var existing = workspace.Write("schemas/razorpay/bad.contract.json", "{\"keep\": true}\n");
        var first = workspace.Write("schemas/razorpay/activate-contact.contract.json", "{\"also\": \"kept\"}\n");

        var result = workspace.Run("import", RazorpayPage, "docs/bad.txt", "--vendor", "razorpay");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"contractkit import: {expected}", result.Error.Trim().Split('\n')[0][..($"contractkit import: {expected}".Length)]);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal("{\"keep\": true}\n", File.ReadAllText(existing));
        Assert.Equal("{\"also\": \"kept\"}\n", File.ReadAllText(first));
    }

    [Fact]
    public void A_page_with_import_errors_exits_1_prints_them_and_writes_nothing()
    {
        workspace.Write("docs/fields-only.txt", "Request Parameters\nname\n*\nstring\nThe name.\n");
        var existing = workspace.Write("schemas/razorpay/fields-only.contract.json", "old\n");

        var result = workspace.Run("import", "docs/fields-only.txt", "--vendor", "razorpay");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("docs/fields-only.txt: error CKI014: the page gives no HTTP method and path", result.Output, StringComparison.Ordinal);
        Assert.Contains("docs/fields-only.txt: 1 error(s); no contract was written", result.Error, StringComparison.Ordinal);
        Assert.Equal("old\n", File.ReadAllText(existing));
    }

    [Theory]
    [InlineData(new[] { "import", "pages/Odd Folder/page.txt" }, "cannot take the vendor from the folder name \"Odd Folder\"; pass --vendor")]
    [InlineData(new[] { "import", "--vendor", "razorpay" }, "Required argument missing")]
    [InlineData(new[] { "import", RazorpayPage, "--vendor", "Razor Pay" }, "--vendor \"Razor Pay\"")]
    [InlineData(new[] { "import", RazorpayPage, "--vendor", "razorpay", "--frobnicate" }, "--frobnicate")]
    [InlineData(new[] { "import", RazorpayPage, "docs/vendors/instantpay/update-contact.txt", "--vendor", "x", "--operation", "one" }, "--operation names one contract")]
    [InlineData(new[] { "import", RazorpayPage, "--vendor", "razorpay", "--operation", "Bad_Name" }, "--operation \"Bad_Name\"")]
    public void Bad_usage_exits_2_with_a_message(string[] args, string expected)
    {
        workspace.Write("pages/Odd Folder/page.txt", "GET /x\n");
        var result = workspace.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(workspace.AllFiles(), f => f.StartsWith("schemas/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_name_that_is_no_operation_name_asks_for_operation()
    {
        workspace.Write("docs/Update Contact.txt", File.ReadAllText(workspace.PathOf("docs", "vendors", "instantpay", "update-contact.txt")));
        var result = workspace.Run("import", "docs/Update Contact.txt", "--vendor", "instantpay");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pass --operation", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_out_directory_that_cannot_be_created_is_bad_input_and_leaves_no_temporary_files()
    {
        workspace.Write("blocked", "a file where the out directory would be");
        var result = workspace.Run("import", RazorpayPage, "--vendor", "razorpay", "--out", "blocked");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot write the contracts", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(workspace.AllFiles(), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void The_built_command_imports_both_pages_as_a_process()
    {
        var razorpay = workspace.RunProcess("import", RazorpayPage, "--vendor", "razorpay");
        var instantpay = workspace.RunProcess("import", "docs/vendors/instantpay/update-contact.txt", "--vendor", "instantpay");

        Assert.Equal((0, ""), (razorpay.ExitCode, razorpay.Error));
        Assert.Equal((0, ""), (instantpay.ExitCode, instantpay.Error));
        Assert.Contains("update-contact.txt:68: warning CKI001: data is documented as Array but the sample at line 68 is an object", instantpay.Output, StringComparison.Ordinal);
        foreach (var (vendor, operation) in new[] { ("razorpay", "activate-contact"), ("instantpay", "update-contact") })
        {
            Assert.Equal(
                File.ReadAllBytes(Repo.PathOf("schemas", vendor, operation + ".contract.json")),
                File.ReadAllBytes(workspace.PathOf("schemas", vendor, operation + ".contract.json")));
        }
    }

    [Fact]
    public void Bad_usage_as_a_process_exits_2()
    {
        var result = workspace.RunProcess("import", "--vendor", "razorpay");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Run 'contractkit --help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_the_commands_and_exits_0()
    {
        var result = workspace.RunProcess("--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("import", result.Output, StringComparison.Ordinal);
        Assert.Contains("describe", result.Output, StringComparison.Ordinal);
        var importHelp = workspace.Run("import", "--help");
        Assert.Contains("--operation", importHelp.Output, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetByteCount(""), importHelp.Error.Length);
    }
}
