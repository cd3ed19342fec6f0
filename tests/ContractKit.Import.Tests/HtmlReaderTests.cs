using System.Text;
using ContractKit.Import.Pages;

namespace ContractKit.Import.Tests;

/// <summary>The HTML reader on small and hostile pages: malformed markup, entities, scripts, deep nesting, huge tables.</summary>
public sealed class HtmlReaderTests
{
    private static ImportResult Import(string html, string file = "page.html") =>
        PageImporter.Import(Encoding.UTF8.GetBytes(html), file, "acme", "op");

    private const string Endpoint = "<h1>Create a widget</h1>\n<p><code>POST /v1/widgets</code></p>\n";

    [Fact]
    public void Entities_in_names_types_and_descriptions_are_decoded()
    {
        var contract = Import(Endpoint + """
            <h2>Body parameters</h2>
            <table><tr><th>Name</th><th>Type</th><th>Description</th></tr>
            <tr><td>&#x6E;ame</td><td>string&nbsp;(12)</td><td>The widget&#39;s name &amp; label &lt;short&gt;.</td></tr>
            <tr><td>kind</td><td>enum&lt;string&gt;</td><td>One of &quot;small&quot;, &quot;large&quot;.</td></tr>
            </table>
            """).Contract;
        var request = contract.RequestSchema();
        Assert.Equal(12, request.Property("name")["maxLength"]!.GetValue<int>());
        Assert.Equal("The widget's name & label <short>.", request.Property("name")["description"]!.GetValue<string>());
        Assert.Equal(["small", "large"], request.Property("kind")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Malformed_markup_unclosed_cells_and_stray_end_tags_still_give_the_rows_with_their_lines()
    {
        var contract = Import(Endpoint + string.Join('\n',
            "<h2>Request body</h2></span></div>",
            "<table><tr><th>Field<th>Type<th>Required",
            "<tr><td>amount<td>integer<td>yes",
            "<tr><td>note<td>string<td>no</td></td></td>",
            "<p>unclosed paragraph",
            "</table></table>")).Contract;
        var request = contract.RequestSchema();
        Assert.Equal(["amount"], request.Required());
        Assert.Equal(5, request.Property("amount")["x-line"]!.GetValue<int>());
        Assert.Equal(6, request.Property("note")["x-line"]!.GetValue<int>());
    }

    [Fact]
    public void Scripts_styles_navigation_and_cookie_banners_are_not_read()
    {
        var page = """
            <html><head><script>var page = {"amount": 1}; // POST /v1/hidden</script></head><body>
            <nav><h2>Request body</h2><table><tr><th>Name</th><th>Type</th></tr><tr><td>nav_field</td><td>string</td></tr></table></nav>
            <div class="cookie-banner"><p>GET /v1/cookies</p></div>
            <style>table { color: red }</style>
            <main><h1>Create a widget</h1><p>POST /v1/widgets</p>
            <h2>Request body</h2><table><tr><th>Name</th><th>Type</th></tr><tr><td>size</td><td>integer</td></tr></table>
            <script type="application/json">{"size": "not a sample"}</script>
            </main></body></html>
            """;
        var contract = Import(page).Contract;
        Assert.Equal(("POST", "/v1/widgets"), (contract.Http.Method, contract.Http.Path));
        Assert.Equal(["size"], contract.RequestSchema()["properties"]!.AsObject().Select(p => p.Key));
        Assert.Null(contract.Examples.Request);
    }

    [Fact]
    public void A_site_header_or_footer_in_layout_boxes_is_chrome_but_an_article_header_with_the_title_is_read()
    {
        var page = """
            <html><body><div id="app"><div class="shell">
            <header class="top"><span>version</span> <em>string</em> <b>required</b><p>GET /v1/elsewhere</p></header>
            <div class="article"><header><h1>Create a widget</h1><p><code>POST /v1/widgets</code></p></header>
            <h2>Request body</h2><table><tr><th>Name</th><th>Type</th></tr><tr><td>size</td><td>integer</td></tr></table>
            <section><footer><p>Sizes are in millimetres.</p></footer></section>
            </div>
            <footer class="bottom"><h2>Request body</h2><table><tr><th>Name</th><th>Type</th></tr><tr><td>footer_field</td><td>string</td></tr></table></footer>
            </div></div></body></html>
            """;
        var contract = Import(page).Contract;
        Assert.Equal(("POST", "/v1/widgets"), (contract.Http.Method, contract.Http.Path));
        Assert.Equal("Create a widget", contract.Title);
        Assert.Equal(["size"], contract.RequestSchema()["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Definition_lists_give_fields_with_the_description_beside_the_term_and_nested_lists_as_members()
    {
        var contract = Import(Endpoint + """
            <h2>Request body</h2>
            <dl>
              <dt><code>amount</code> <em>integer</em> <span>required</span></dt>
              <dd>The amount in paise, at least 100.</dd>
              <dt><code>customer</code> <em>object</em></dt>
              <dd><p>Who pays.</p>
                <dl>
                  <dt><code>email</code> <em>string</em> <span>required</span></dt>
                  <dd>The customer's email, up to 120 characters.</dd>
                  <dt><code>phone</code> <em>string</em></dt>
                  <dd>The phone number.</dd>
                  <dd>10 digits, without the country code.</dd>
                </dl>
              </dd>
            </dl>
            """).Contract;
        var request = contract.RequestSchema();
        Assert.Equal(["amount"], request.Required());
        Assert.Equal(100, request.Property("amount")["minimum"]!.GetValue<long>());
        Assert.Equal("Who pays.", request.Property("customer")["description"]!.GetValue<string>());
        Assert.Equal(["email"], request.Property("customer").Required());
        Assert.Equal(120, request.Property("customer.email")["maxLength"]!.GetValue<int>());
        // Two <dd>s after one term are one description.
        Assert.Equal(@"^\d{10}$", request.Property("customer.phone")["pattern"]!.GetValue<string>());
        Assert.Equal(["amount", "customer"], request["properties"]!.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("data-target=\"#r400\"", "data-target=\"#r200\"")]
    [InlineData("data-tab=\"r400\"", "data-tab=\"r200\"")]
    [InlineData("href=\"#r400\"", "href=\"#r200\"")]
    [InlineData("aria-controls=\"r400\"", "aria-controls=\"r200\"")]
    public void Tabs_that_name_their_pane_by_any_common_attribute_label_the_pane_with_its_status(string errorTab, string successTab)
    {
        var contract = Import(Endpoint + $$$"""
            <h2>Responses</h2>
            <div class="tabs"><a class="tab" {{{errorTab}}}>400</a><a class="tab" {{{successTab}}}>201</a></div>
            <div class="pane" id="r200"><pre><code>{"id": "w_1", "size": 3}</code></pre></div>
            <div class="pane" id="r400" hidden><pre><code>{"error": {"code": "BAD_SIZE"}}</code></pre></div>
            """).Contract;
        Assert.Equal(["201", "400"], contract.Responses.Select(r => r.Status).Order(StringComparer.Ordinal));
        Assert.Equal(["id", "size"], contract.ResponseSchema("201")["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["error"], contract.ResponseSchema("400")["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_page_of_only_chrome_and_scripts_is_refused_with_what_was_expected()
    {
        var error = Assert.Throws<PageFormatException>(() => Import("""
            <!DOCTYPE html><html><head><script>{"id": "x"}</script></head>
            <body><nav><p>POST /v1/widgets</p></nav><article><h1>Our blog</h1><p>We shipped things.</p></article></body></html>
            """, "post"));
        Assert.Contains("read as HTML", error.Message, StringComparison.Ordinal);
        Assert.Contains("<table>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_with_its_line_and_shallower_nesting_is_read()
    {
        string Nested(int depth) => "<html><body>\n" + string.Concat(Enumerable.Repeat("<div>", depth)) + "\n" + Endpoint
                                    + "<h2>Body</h2><ul><li><code>id</code> <span>string</span> <p>The id.</p></li></ul>"
                                    + string.Concat(Enumerable.Repeat("</div>", depth)) + "</body></html>";
        var error = Assert.Throws<PageFormatException>(() => Import(Nested(100_000)));
        Assert.Equal(2, error.Line);
        Assert.Contains("512", error.Message, StringComparison.Ordinal);

        var contract = Import(Nested(400)).Contract;
        Assert.Equal("/v1/widgets", contract.Http.Path);
        Assert.Equal("string", contract.RequestSchema().Property("id")["type"]!.GetValue<string>());
    }

    [Fact]
    public void A_huge_table_is_read_whole_and_each_row_keeps_its_line()
    {
        var rows = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"<tr><td>field_{i}</td><td>string</td><td>Field {i}.</td></tr>"));
        var contract = Import(Endpoint + "<h2>Body</h2>\n<table>\n<tr><th>Name</th><th>Type</th><th>Description</th></tr>\n" + rows + "\n</table>").Contract;
        var properties = contract.RequestSchema()["properties"]!.AsObject();
        Assert.Equal(20_000, properties.Count);
        Assert.Equal(6 + 19_999, properties["field_19999"]!["x-line"]!.GetValue<int>());
    }

    [Fact]
    public void Field_blocks_read_by_shape_whatever_their_class_names_and_badges_after_the_type()
    {
        var contract = Import(Endpoint + """
            <h2>Response</h2>
            <section>
              <div class="q1"><div class="q2"><strong>id</strong><em>string</em></div><div class="q3"><p>The id.</p></div></div>
              <div class="q1"><div class="q2"><strong>note</strong><em>string · nullable</em></div><div class="q3"><p>A note.</p></div></div>
              <div class="q1"><div class="q2"><strong>items</strong><em>array of objects</em></div><div class="q3"><p>The parts.</p></div>
                <div class="q4">
                  <div class="q1"><div class="q2"><strong>sku</strong><em>string</em><small>required</small></div><p>Stock unit.</p></div>
                  <div class="q1"><div class="q2"><strong>qty</strong><em>integer</em></div><p>How many; at least 1.</p></div>
                </div>
              </div>
            </section>
            """).Contract;
        var response = contract.ResponseSchema();
        Assert.Equal(["string", "null"], response.Property("note")["type"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["sku"], response.Property("items[]").Required());
        Assert.Equal(1L, response.Property("items[].qty")["minimum"]!.GetValue<long>());
        Assert.Equal("The parts.", response.Property("items")["description"]!.GetValue<string>());
    }

    [Fact]
    public void A_pre_sample_keeps_the_page_lines_of_its_members()
    {
        var contract = Import(Endpoint + "<h2>Response</h2>\n<pre><code class=\"language-json\">\n{\n  \"id\": \"w_1\",\n  \"size\": 3\n}</code></pre>").Contract;
        Assert.Equal(7, contract.ResponseSchema().Property("size")["x-line"]!.GetValue<int>());
    }

    [Fact]
    public void An_html_page_is_known_by_its_opening_without_an_extension()
    {
        var contract = PageImporter.Import(Encoding.UTF8.GetBytes("<!DOCTYPE html>\n<html><body>" + Endpoint + "</body></html>"), "capture", "acme", "op").Contract;
        Assert.Equal("/v1/widgets", contract.Http.Path);
    }
}
