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
