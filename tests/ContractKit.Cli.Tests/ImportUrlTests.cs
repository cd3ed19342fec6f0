using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary><c>import &lt;url&gt;</c> and <c>import --check &lt;url&gt;</c> against a loopback documentation site.</summary>
public sealed class ImportUrlTests : IAsyncLifetime
{
    private readonly Workspace workspace = new();
    private PageServer server = null!;

    // A page of our own: one endpoint, a path parameter, a response table and its sample.
    private const string Widget = """
        # Fetch a widget

        Returns one widget by its id.

        `GET /v1/widgets/{id}`

        ## Path parameters

        | Name | Type | Required | Description |
        | --- | --- | --- | --- |
        | `id` | string | Yes | The id of the widget. |

        ## Response

        | Name | Type | Required | Description |
        | --- | --- | --- | --- |
        | `id` | string | Yes | The id of the widget. |
        | `colour` | string | Yes | The colour it is painted in. |
        | `weight_grams` | integer | No | How much it weighs, in grams. |

        ```json
        {
          "id": "wid_0001",
          "colour": "red",
          "weight_grams": 12
        }
        ```

        """;

    private static string WithoutWeight => Widget
        .Replace("| `weight_grams` | integer | No | How much it weighs, in grams. |\n", "", StringComparison.Ordinal)
        .Replace("\"colour\": \"red\",\n  \"weight_grams\": 12", "\"colour\": \"red\"", StringComparison.Ordinal);

    private static string WithShape => Widget
        .Replace("| `weight_grams` | integer | No | How much it weighs, in grams. |\n", "| `weight_grams` | integer | No | How much it weighs, in grams. |\n| `shape` | string | No | Round or square. |\n", StringComparison.Ordinal)
        .Replace("\"weight_grams\": 12", "\"weight_grams\": 12,\n  \"shape\": \"round\"", StringComparison.Ordinal);

    public async ValueTask InitializeAsync()
    {
        server = await PageServer.StartAsync();
        server.Page("fetch-widget.md", "text/markdown; charset=utf-8", Widget);
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        workspace.Dispose();
    }

    private CliResult Import(params string[] args) => workspace.Run(["import", .. args]);

    private string WidgetUrl => server.Url("pages/fetch-widget.md");

    private string Read(string relative) => File.ReadAllText(workspace.PathOf(relative.Split('/')));

    private byte[] Bytes(string relative) => File.ReadAllBytes(workspace.PathOf(relative.Split('/')));

    private static string Normalized(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    [Fact]
    public void A_fetched_page_is_stored_listed_in_SOURCES_and_imported_like_the_stored_file()
    {
        var day = DateTime.UtcNow.Date;
        var result = Import(WidgetUrl, "--vendor", "widgets");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains($"stored docs/vendors/widgets/fetch-widget.md (", result.Output, StringComparison.Ordinal);
        Assert.Contains("wrote schemas/widgets/fetch-widget.contract.json", result.Output, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes(Widget), Bytes("docs/vendors/widgets/fetch-widget.md"));

        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Widget)));
        var row = Read("docs/vendors/SOURCES.md").Split('\n').Single(l => l.StartsWith("| http", StringComparison.Ordinal));
        var match = Regex.Match(row, @"^\| " + Regex.Escape(WidgetUrl) + @" \| `widgets/fetch-widget\.md` \| (\d{4}-\d{2}-\d{2}) \| " + sha + @" \|$");
        Assert.True(match.Success, row);
        Assert.Contains(DateTime.ParseExact(match.Groups[1].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), new[] { day, DateTime.UtcNow.Date });

        // Offline: the server is gone, and the stored copy gives the same contract, byte for byte.
        var contract = Bytes("schemas/widgets/fetch-widget.contract.json");
        Assert.Contains("\"/v1/widgets/{id}\"", Encoding.UTF8.GetString(contract), StringComparison.Ordinal);
        File.Delete(workspace.PathOf("schemas", "widgets", "fetch-widget.contract.json"));
        var offline = Import("docs/vendors/widgets/fetch-widget.md");
        Assert.True(offline.ExitCode == 0, offline.Output + offline.Error);
        Assert.Equal(contract, Bytes("schemas/widgets/fetch-widget.contract.json"));
    }

    [Fact]
    public void Importing_an_unchanged_page_again_changes_no_file_and_keeps_the_fetch_date()
    {
        Assert.Equal(0, Import(WidgetUrl, "--vendor", "widgets").ExitCode);
        var sources = Read("docs/vendors/SOURCES.md").Replace(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), "2020-01-01", StringComparison.Ordinal);
        File.WriteAllText(workspace.PathOf("docs", "vendors", "SOURCES.md"), sources);

        // The vendor now comes from the folder SOURCES.md names for the URL.
        var again = Import(WidgetUrl);

        Assert.True(again.ExitCode == 0, again.Output + again.Error);
        Assert.Contains("unchanged docs/vendors/widgets/fetch-widget.md", again.Output, StringComparison.Ordinal);
        Assert.Contains("unchanged schemas/widgets/fetch-widget.contract.json", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("SOURCES.md", again.Output, StringComparison.Ordinal);
        Assert.Equal(sources, Read("docs/vendors/SOURCES.md"));
    }

    [Fact]
    public void A_changed_page_replaces_its_copy_and_row_and_the_rest_of_SOURCES_stays_as_it_was()
    {
        var original = File.ReadAllText(Repo.PathOf("docs", "vendors", "SOURCES.md"));
        workspace.Write("docs/vendors/SOURCES.md", original);
        server.Page("other.md", "text/markdown", Widget.Replace("widgets/{id}", "gadgets/{id}", StringComparison.Ordinal));
        Assert.Equal(0, Import(WidgetUrl, "--vendor", "widgets").ExitCode);
        Assert.Equal(0, Import(server.Url("pages/other.md"), "--vendor", "widgets").ExitCode);

        server.Page("fetch-widget.md", "text/markdown", WithShape);
        var changed = Import(WidgetUrl);

        Assert.True(changed.ExitCode == 0, changed.Output + changed.Error);
        Assert.Contains("stored docs/vendors/widgets/fetch-widget.md", changed.Output, StringComparison.Ordinal);
        Assert.Equal(WithShape, Read("docs/vendors/widgets/fetch-widget.md"));
        var sources = Normalized(Read("docs/vendors/SOURCES.md"));
        Assert.StartsWith(Normalized(original), sources, StringComparison.Ordinal);
        var rows = sources.Split('\n').Where(l => l.StartsWith("| http", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.StartsWith($"| {WidgetUrl} |", rows[0], StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WithShape))), rows[0], StringComparison.Ordinal);
        Assert.StartsWith($"| {server.Url("pages/other.md")} | `widgets/other.md` |", rows[1], StringComparison.Ordinal);
        Assert.Contains("\"shape\"", Read("schemas/widgets/fetch-widget.contract.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_and_a_latin1_text_page_are_stored_by_type_and_decoded_to_utf8()
    {
        server.Page("widget.html", "text/html; charset=utf-8", Markdig.Markdown.ToHtml(Widget));
        var latin1 = Encoding.Latin1.GetBytes(Widget.Replace("painted in.", "painted in (café, crème).", StringComparison.Ordinal));
        server.Page("widget-latin1", "text/markdown; charset=ISO-8859-1", latin1);

        var html = Import(server.Url("pages/widget.html"), "--vendor", "widgets");
        var text = Import(server.Url("pages/widget-latin1"), "--vendor", "widgets");

        Assert.True(html.ExitCode == 0, html.Output + html.Error);
        Assert.Contains("schemas/widgets/widget.contract.json", html.Output, StringComparison.Ordinal);
        Assert.Contains("\"weight_grams\"", Read("schemas/widgets/widget.contract.json"), StringComparison.Ordinal);
        Assert.True(File.Exists(workspace.PathOf("docs", "vendors", "widgets", "widget.html")));
        Assert.True(text.ExitCode == 0, text.Output + text.Error);
        Assert.Equal(Encoding.UTF8.GetBytes(Encoding.Latin1.GetString(latin1)), Bytes("docs/vendors/widgets/widget-latin1.md"));
        Assert.Contains("café, crème", Read("schemas/widgets/widget-latin1.contract.json"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_openapi_document_by_url_is_stored_by_its_type_and_imported_as_openapi()
    {
        server.Page("openapi.yaml", "application/yaml", File.ReadAllBytes(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures", "openapi", "razorpay-contacts.yaml")));
        var url = server.Url("pages/openapi.yaml");

        var result = Import(url, "--vendor", "razorpay", "--operation", "PATCH /v1/contacts/{id}");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("stored docs/vendors/razorpay/openapi.yaml (", result.Output, StringComparison.Ordinal);
        Assert.Contains("wrote schemas/razorpay/activate-contact.contract.json (PATCH /v1/contacts/{id};", result.Output, StringComparison.Ordinal);
        var contract = Bytes("schemas/razorpay/activate-contact.contract.json");
        File.Delete(workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
        Assert.Equal(0, Import("docs/vendors/razorpay/openapi.yaml", "--operation", "PATCH /v1/contacts/{id}").ExitCode);
        Assert.Equal(contract, Bytes("schemas/razorpay/activate-contact.contract.json"));

        var check = Import("--check", url, "--operation", "PATCH /v1/contacts/{id}");
        Assert.True(check.ExitCode == 0, check.Output + check.Error);
    }

    [Fact]
    public void A_SOURCES_md_without_the_section_gets_it_at_its_end_and_keeps_its_line_endings()
    {
        workspace.Write("docs/vendors/SOURCES.md", "# Our pages\r\n\r\nCaptured by hand.\r\n");

        Assert.Equal(0, Import(WidgetUrl, "--vendor", "widgets").ExitCode);

        var text = Regex.Replace(Read("docs/vendors/SOURCES.md"), @"\| \d{4}-\d{2}-\d{2} \|", $"| {DateTime.UtcNow:yyyy-MM-dd} |");
        Assert.StartsWith("# Our pages\r\n\r\nCaptured by hand.\r\n\r\n## Fetched by URL\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith($"| --- | --- | --- | --- |\r\n| {WidgetUrl} | `widgets/fetch-widget.md` | {DateTime.UtcNow:yyyy-MM-dd} | {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Widget)))} |\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\r", text, StringComparison.Ordinal);
        Assert.Equal(text.Split('\n').Length - 1, text.Split("\r\n").Length - 1);
    }

    [Fact]
    public void Operation_names_the_stored_copy_so_that_it_re_imports_without_options()
    {
        var result = Import(WidgetUrl, "--vendor", "widgets", "--operation", "get-widget", "--store", "pages");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains("stored pages/widgets/get-widget.md", result.Output, StringComparison.Ordinal);
        Assert.Contains("`widgets/get-widget.md`", Read("pages/SOURCES.md"), StringComparison.Ordinal);
        var contract = Bytes("schemas/widgets/get-widget.contract.json");
        File.Delete(workspace.PathOf("schemas", "widgets", "get-widget.contract.json"));
        Assert.Equal(0, Import("pages/widgets/get-widget.md").ExitCode);
        Assert.Equal(contract, Bytes("schemas/widgets/get-widget.contract.json"));
    }

    [Fact]
    public void Redirects_are_followed_up_to_the_limit_and_the_copy_is_listed_under_the_url_given()
    {
        var url = server.Url("redirect/3/fetch-widget.md");

        var followed = Import(url, "--vendor", "widgets", "--max-redirects", "3");

        Assert.True(followed.ExitCode == 0, followed.Output + followed.Error);
        Assert.Contains($"redirected to {WidgetUrl}", followed.Output, StringComparison.Ordinal);
        Assert.Contains($"| {url} | `widgets/fetch-widget.md` |", Read("docs/vendors/SOURCES.md"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("redirect/3/fetch-widget.md", "more than 2 redirects (--max-redirects)")]
    [InlineData("loop", "more than 2 redirects (--max-redirects); the last one was to")]
    [InlineData("no-location", "without a Location header")]
    [InlineData("to-ftp", "the scheme \"ftp\" is not fetched")]
    public void Too_many_or_bad_redirects_fail_with_exit_4_and_write_nothing(string path, string message)
    {
        var before = workspace.AllFiles();

        var result = Import(server.Url(path), "--vendor", "widgets", "--max-redirects", "2");

        Assert.Equal(ExitCodes.FetchFailed, result.ExitCode);
        Assert.StartsWith($"contractkit import: {server.Url(path)}", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, workspace.AllFiles());
        Assert.False(Directory.Exists(workspace.PathOf("docs", "vendors", "widgets")));
    }

    [Theory]
    [InlineData("status/404", "the server answered 404 Not Found; expected 2xx")]
    [InlineData("status/500", "the server answered 500 Internal Server Error; expected 2xx")]
    [InlineData("status/204", "")] // an empty 2xx page gets past the fetch; the importer refuses it (below)
    [InlineData("status/418", "the server answered 418")]
    public void A_status_other_than_2xx_names_the_url_and_the_status(string path, string message)
    {
        var before = workspace.AllFiles();

        var result = Import(server.Url(path), "--vendor", "widgets");

        if (message.Length == 0)
        {
            Assert.Equal(ExitCodes.BadInput, result.ExitCode);
            Assert.Contains("docs/vendors/widgets/", result.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(ExitCodes.FetchFailed, result.ExitCode);
            Assert.StartsWith($"contractkit import: {server.Url(path)}: {message}", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(before, workspace.AllFiles());
    }

    [Fact]
    public void A_page_that_does_not_finish_within_the_timeout_fails_with_exit_4()
    {
        var before = workspace.AllFiles();

        var result = Import(server.Url("slow"), "--vendor", "widgets", "--timeout", "0.5");

        Assert.Equal(ExitCodes.FetchFailed, result.ExitCode);
        Assert.Equal($"contractkit import: {server.Url("slow")}: no complete answer within 0.5 s (--timeout)", result.Error.Trim());
        Assert.Equal(before, workspace.AllFiles());
    }

    [Fact]
    public void A_body_without_a_length_is_counted_against_the_cap_as_it_streams()
    {
        var result = Import(server.Url("endless"), "--vendor", "widgets", "--max-size", "100000");

        Assert.Equal(ExitCodes.FetchFailed, result.ExitCode);
        Assert.Equal($"contractkit import: {server.Url("endless")}: the page is larger than 100000 bytes (counted while it was read; --max-size)", result.Error.Trim());
        Assert.False(Directory.Exists(workspace.PathOf("docs", "vendors", "widgets")));
    }

    [Fact]
    public void A_body_announced_larger_than_the_cap_is_refused_before_it_is_read()
    {
        var result = Import(server.Url("announced-large"), "--vendor", "widgets", "--max-size", "1000");

        Assert.Equal(ExitCodes.FetchFailed, result.ExitCode);
        Assert.Contains("the page is larger than 1000 bytes (it announces 50000000 bytes; --max-size)", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image/png", "the content type image/png is not a page the importer reads")]
    [InlineData("application/octet-stream", "the content type application/octet-stream is not a page the importer reads")]
    [InlineData("text/plain; charset=x-no-such-charset", "the charset \"x-no-such-charset\" is not one .NET knows")]
    public void A_type_the_importer_does_not_read_fails_with_exit_4(string contentType, string message)
    {
        server.Page("typed", contentType, Widget);

        var result = Import(server.Url("pages/typed"), "--vendor", "widgets");

        Assert.Equal(ExitCodes.FetchFailed, result.ExitCode);
        Assert.Contains($"{server.Url("pages/typed")}: {message}", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workspace.PathOf("docs", "vendors", "widgets")));
    }

    [Fact]
    public void No_content_type_fails_with_exit_4()
    {
        var result = Import(server.Url("no-type"), "--vendor", "widgets");

        Assert.Equal(ExitCodes.FetchFailed, result.ExitCode);
        Assert.Contains("the server sent no Content-Type", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_listening_is_a_connection_error_with_exit_4()
    {
        // A port that was just free: bound, then released.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = Import($"http://127.0.0.1:{port}/page.md", "--vendor", "widgets");

        Assert.Equal(ExitCodes.FetchFailed, result.ExitCode);
        Assert.Contains($"http://127.0.0.1:{port}/page.md: cannot connect to 127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://example.com/docs/page", "only https:// pages are fetched (http:// only from the loopback host")]
    [InlineData("ftp://example.com/page.md", "the scheme \"ftp\" is not fetched; expected an https:// URL")]
    [InlineData("file:///etc/passwd", "the scheme \"file\" is not fetched")]
    [InlineData("https://user:secret@example.com/page", "the URL carries a user name or password")]
    [InlineData("https://", "not a valid URL")]
    public void A_url_that_is_never_fetched_is_bad_input(string url, string message)
    {
        var result = Import(url, "--vendor", "widgets");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_vendor_of_a_loopback_host_must_be_given_and_is_asked_for_before_anything_is_fetched()
    {
        var result = Import(WidgetUrl);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("cannot take the vendor from the host \"127.0.0.1\"; pass --vendor", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Theory]
    [InlineData("docs.razorpay.com", "razorpay")]
    [InlineData("razorpay.com", "razorpay")]
    [InlineData("developers.instantpay.in", "instantpay")]
    [InlineData("www.example.co.uk", "example")]
    [InlineData("api.my_vendor.io", "my-vendor")]
    [InlineData("localhost", null)]
    [InlineData("10.0.0.1", null)]
    [InlineData("[::1]", null)]
    public void The_vendor_is_taken_from_the_host_name(string host, string? vendor) =>
        Assert.Equal(vendor, StoreNames.VendorFromHost(host));

    [Theory]
    [InlineData("/hostile/..%2F..%2F..%2Fetc%2Fpasswd", "etc-passwd")]
    [InlineData("/hostile/%5C..%5C..%5Cwindows%5Cwin.ini", "windows-win-ini")]
    [InlineData("/hostile/%E2%80%AEcon%3A*%3F%22%3C%3E%7C.md", "con")]
    [InlineData("/hostile/%2E%2E%2F.md", "index")]
    [InlineData("/hostile/", "hostile")]
    [InlineData("/hostile/x?path=../../../../etc/passwd", "x")]
    public void A_hostile_url_path_gives_a_kebab_name_inside_the_store(string path, string name)
    {
        server.Page("hostile", "text/markdown", Widget);

        var result = Import(server.BaseAddress.GetLeftPart(UriPartial.Authority) + path, "--vendor", "widgets", "--out", "out");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var stored = workspace.AllFiles().Where(f => f.StartsWith("docs/vendors/widgets/", StringComparison.Ordinal)).ToList();
        var file = Assert.Single(stored);
        Assert.Equal($"docs/vendors/widgets/{name}.md", file);
        Assert.All(workspace.AllFiles(), f => Assert.True(f.StartsWith("docs/vendors/", StringComparison.Ordinal) || f.StartsWith("out/widgets/", StringComparison.Ordinal), f));
    }

    [Fact]
    public void A_very_long_url_path_gives_a_short_name()
    {
        server.Page("hostile", "text/markdown", Widget);

        var result = Import(server.Url("hostile/" + new string('a', 300) + "-" + new string('b', 300) + ".md"), "--vendor", "widgets");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var file = Assert.Single(workspace.AllFiles(), f => f.StartsWith("docs/vendors/widgets/", StringComparison.Ordinal));
        Assert.Equal("docs/vendors/widgets/" + new string('a', 80) + ".md", file);
    }

    [Fact]
    public void A_file_that_is_not_this_urls_copy_is_left_alone()
    {
        workspace.Write("docs/vendors/widgets/fetch-widget.md", "# captured by hand\n");

        var result = Import(WidgetUrl, "--vendor", "widgets");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("docs/vendors/widgets/fetch-widget.md exists and is not a copy fetched from this URL", result.Error, StringComparison.Ordinal);
        Assert.Equal("# captured by hand\n", Read("docs/vendors/widgets/fetch-widget.md"));
        Assert.False(File.Exists(workspace.PathOf("docs", "vendors", "SOURCES.md")));
    }

    [Fact]
    public void A_page_the_importer_cannot_read_is_not_stored()
    {
        server.Page("prose.md", "text/markdown", "# Our story\n\nWe make widgets.\n");

        var result = Import(server.Url("pages/prose.md"), "--vendor", "widgets");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("docs/vendors/widgets/prose.md: not a recognisable API documentation page", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workspace.PathOf("docs", "vendors", "widgets")));
        Assert.False(File.Exists(workspace.PathOf("docs", "vendors", "SOURCES.md")));
    }

    [Fact]
    public void Check_of_an_unchanged_page_exits_0_and_writes_nothing()
    {
        Assert.Equal(0, Import(WidgetUrl, "--vendor", "widgets").ExitCode);
        var before = workspace.AllFiles().ToDictionary(f => f, Bytes);

        var result = Import("--check", WidgetUrl);

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        Assert.Contains($"{WidgetUrl}: the live page is the stored copy docs/vendors/widgets/fetch-widget.md", result.Error, StringComparison.Ordinal);
        Assert.Contains("no changes in 1 endpoint(s)", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, workspace.AllFiles().ToDictionary(f => f, Bytes));
    }

    [Fact]
    public void Check_of_a_page_with_a_field_removed_exits_1_with_the_field_named_and_overwrites_nothing()
    {
        Assert.Equal(0, Import(WidgetUrl, "--vendor", "widgets").ExitCode);
        var before = workspace.AllFiles().ToDictionary(f => f, Bytes);
        server.Page("fetch-widget.md", "text/markdown", WithoutWeight);

        var result = Import("--check", WidgetUrl, "--fail-on", "breaking", "--format", "markdown");

        Assert.Equal(ExitCodes.Failures, result.ExitCode);
        Assert.Contains($"{WidgetUrl}: the live page differs from the stored copy docs/vendors/widgets/fetch-widget.md", result.Error, StringComparison.Ordinal);
        Assert.Matches(@"\| \*\*breaking\*\* \| \[CKD008\][^\n]*\| `weight_grams` \| field removed \|", result.Output);
        Assert.Equal(before, workspace.AllFiles().ToDictionary(f => f, Bytes));
    }

    [Fact]
    public void Check_of_a_page_with_a_field_added_fails_at_any_and_is_page_changed_at_breaking()
    {
        Assert.Equal(0, Import(WidgetUrl, "--vendor", "widgets").ExitCode);
        server.Page("fetch-widget.md", "text/markdown", WithShape);

        var any = Import("--check", WidgetUrl);
        var breaking = Import("--check", WidgetUrl, "--fail-on", "breaking");

        Assert.Equal(ExitCodes.Failures, any.ExitCode);
        Assert.Matches(@"non-breaking\s+CKD009\s+response 200 shape: field added", any.Output);
        Assert.Equal(ExitCodes.PageChanged, breaking.ExitCode);
        Assert.Contains("the page changed, but the contracts it gives did not (at --fail-on breaking)", breaking.Error, StringComparison.Ordinal);
        Assert.Equal(Widget, Read("docs/vendors/widgets/fetch-widget.md"));
    }

    [Fact]
    public void Check_of_a_page_changed_only_in_whitespace_is_page_changed()
    {
        Assert.Equal(0, Import(WidgetUrl, "--vendor", "widgets").ExitCode);
        server.Page("fetch-widget.md", "text/markdown", Widget + "\n\n");

        var result = Import("--check", WidgetUrl);

        Assert.Equal(ExitCodes.PageChanged, result.ExitCode);
        Assert.Contains("no changes in 1 endpoint(s)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_of_a_url_not_in_SOURCES_is_bad_input_and_fetches_nothing()
    {
        var result = Import("--check", WidgetUrl);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{WidgetUrl}: not listed in docs/vendors/SOURCES.md; import it first", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void Check_refuses_a_SOURCES_row_whose_file_leaves_the_store()
    {
        workspace.Write("docs/vendors/SOURCES.md", $"## Fetched by URL\n\n| url | file | fetched (UTC) | sha256 |\n| --- | --- | --- | --- |\n| {WidgetUrl} | `../../razorpay-secrets.txt` | 2026-01-01 | 00 |\n");

        var result = Import("--check", WidgetUrl);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("is outside the output folder", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public void Check_when_the_page_is_gone_is_a_fetch_failure()
    {
        Assert.Equal(0, Import(WidgetUrl, "--vendor", "widgets").ExitCode);
        server.Page("fetch-widget.md", "image/png", [0x89, 0x50]);

        var result = Import("--check", WidgetUrl);

        Assert.Equal(ExitCodes.FetchFailed, result.ExitCode);
        Assert.Contains("image/png", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1/page.md", "redirected from https to http (http://127.0.0.1/page.md); a downgrade is refused")]
    [InlineData("http://docs.example.com/page.md", "redirected from https to http (http://docs.example.com/page.md); a downgrade is refused")]
    [InlineData("ftp://docs.example.com/page.md", "redirected from https to ftp (ftp://docs.example.com/page.md); a downgrade is refused")]
    public void A_redirect_from_https_to_anything_else_is_refused_even_to_loopback(string location, string message)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Found) { Headers = { Location = new Uri(location) } };
        var url = new Uri("https://docs.example.com/page");

        var e = Assert.Throws<FetchException>(() => PageFetcher.NextLocation(url, url, response, 1, new FetchLimits(TimeSpan.FromSeconds(1), 1000, 5)));

        Assert.Equal(FetchFailure.Redirects, e.Failure);
        Assert.Equal($"https://docs.example.com/page: {message}", e.Message);
    }

    [Fact]
    public void A_relative_redirect_within_https_is_resolved_and_loses_its_fragment()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.MovedPermanently) { Headers = { Location = new Uri("../v2/page#top", UriKind.Relative) } };
        var url = new Uri("https://docs.example.com/api/v1/page");

        var next = PageFetcher.NextLocation(url, url, response, 1, new FetchLimits(TimeSpan.FromSeconds(1), 1000, 5));

        Assert.Equal("https://docs.example.com/api/v2/page", next.AbsoluteUri);
    }

    [Theory]
    [InlineData("--vendor", "../../etc", "--vendor \"../../etc\": expected a lower-case name", false)]
    [InlineData("--timeout", "0", "--timeout 0: expected seconds above 0", false)]
    [InlineData("--max-size", "-1", "--max-size -1: expected a number of bytes above 0", false)]
    [InlineData("--max-redirects", "-1", "--max-redirects -1: expected 0 or more", false)]
    [InlineData("--operation", "../x", "--operation \"../x\": expected a lower-case name", true)]
    public void Bad_options_are_bad_input_and_write_nothing(string option, string value, string message, bool fetched)
    {
        var before = workspace.AllFiles();

        var result = option == "--vendor" ? Import(WidgetUrl, option, value) : Import(WidgetUrl, "--vendor", "widgets", option, value);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, workspace.AllFiles());
        Assert.Equal(fetched ? 1 : 0, server.Requests);
    }

    [Fact]
    public void A_url_goes_alone()
    {
        var result = Import(WidgetUrl, "docs/vendors/razorpay/activate-contact.txt", "--vendor", "widgets");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("a URL is imported on its own", result.Error, StringComparison.Ordinal);
    }
}
