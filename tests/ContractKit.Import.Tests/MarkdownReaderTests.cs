using System.Text;
using ContractKit.Contracts;
using ContractKit.Import.Pages;
using static ContractKit.Import.Tests.Pages;

namespace ContractKit.Import.Tests;

/// <summary>The Markdown reader's layouts, one at a time, and the pages it refuses.</summary>
public sealed class MarkdownReaderTests
{
    private static Contract ImportMarkdown(params string[] lines) =>
        PageImporter.Import(Encoding.UTF8.GetBytes(Lines(lines)), "docs/page.md", "acme", "op").Contract;

    [Theory]
    [InlineData("Yes", "No")]
    [InlineData("true", "false")]
    [InlineData("required", "optional")]
    [InlineData("**Required**", "Optional")]
    public void A_required_column_says_which_fields_are_required(string yes, string no)
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "## Body parameters",
            "| Field | Type | Required | Description |",
            "|---|---|---|---|",
            $"| `name` | string | {yes} | The name. |",
            $"| **colour** | string | {no} | The colour. |");
        Assert.Equal(["name"], contract.RequestSchema().Required());
        Assert.Equal(6, contract.RequestSchema().Property("colour")["x-line"]!.GetValue<int>());
    }

    [Fact]
    public void Column_names_are_found_inside_longer_headers_and_a_star_or_M_marks_required()
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "## Request body",
            "| Field name | Data type (length) | M/O | Field description |",
            "|---|---|---|---|",
            "| `name`* | string(20) |  | The name. |",
            "| `code` | string | M | The code. |",
            "| `note` | string | O | A note. |");
        var request = contract.RequestSchema();
        Assert.Equal(["name", "code"], request.Required());
        Assert.Equal(20, request.Property("name")["maxLength"]!.GetValue<int>());
        Assert.Equal("The name.", request.Property("name")["description"]!.GetValue<string>());
    }

    [Fact]
    public void Requirement_in_the_description_and_a_type_without_its_own_column()
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "## Request",
            "| Parameter | Description |",
            "|---|---|",
            "| `name` (string) | Required. The name. |",
            "| `note` (string) | Optional. A note. |");
        Assert.Equal(["name"], contract.RequestSchema().Required());
        Assert.Equal("\"string\"", contract.RequestSchema().Property("note").TypeText());
    }

    [Fact]
    public void Bulleted_fields_with_the_type_in_brackets_and_nested_lists_as_members()
    {
        var contract = ImportMarkdown(
            "`POST /v1/transfers`",
            "## Request body",
            "- `amount` (integer, required): The amount in paise. Minimum value is 100.",
            "- `notes` (object, optional): Your notes.",
            "- `account` (object, required): Where the money goes.",
            "  - `ifsc` (string, required): The branch code.",
            "  - `name` (string | null): The holder's name.",
            "- `tags` (array of objects): Labels.",
            "  - `key` (string, required): The label.");
        var request = contract.RequestSchema();
        Assert.Equal(["amount", "account"], request.Required());
        Assert.Equal(100, request.Property("amount")["minimum"]!.GetValue<long>());
        Assert.Equal(["ifsc"], request.Property("account").Required());
        Assert.Equal(("[\"string\",\"null\"]", 7), (request.Property("account.name").TypeText(), request.Property("account.name")["x-line"]!.GetValue<int>()));
        Assert.Equal(["key"], request.Property("tags")["items"]!.AsObject().Required());
    }

    [Fact]
    public void A_heading_naming_a_documented_object_opens_a_table_of_its_members()
    {
        var contract = ImportMarkdown(
            "`POST /v1/orders`",
            "## Request body",
            "| Name | Type | Required | Description |",
            "|---|---|---|---|",
            "| `customer` | object | Yes | The buyer. |",
            "| `items` | array | Yes | What is bought. |",
            "### `customer` object",
            "| Name | Type | Required | Description |",
            "|---|---|---|---|",
            "| `email` | string | Yes | Where receipts go. |",
            "### items",
            "| Name | Type | Required | Description |",
            "|---|---|---|---|",
            "| `sku` | string | Yes | The product. |");
        var request = contract.RequestSchema();
        Assert.Equal(["email"], request.Property("customer").Required());
        Assert.Equal(["sku"], request.Property("items")["items"]!.AsObject().Required());
    }

    [Fact]
    public void Without_a_type_column_the_type_follows_the_name_or_opens_the_description()
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "## Request body",
            "| Attribute | Description |",
            "|---|---|",
            "| `id` string | The id. |",
            "| `count` | *integer* — How many, at least 1. |");
        var request = contract.RequestSchema();
        Assert.Equal("\"string\"", request.Property("id").TypeText());
        Assert.Equal(("\"integer\"", "How many, at least 1.", 1L),
            (request.Property("count").TypeText(), request.Property("count")["description"]!.GetValue<string>(), request.Property("count")["minimum"]!.GetValue<long>()));
    }

    [Fact]
    public void A_definition_term_with_badges_gives_requirement_and_nullability()
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "## Request body",
            "`name` _required_",
            ": string",
            ": The name.",
            "",
            "`colour` _optional_ _nullable_",
            ": string",
            ": The colour.");
        var request = contract.RequestSchema();
        Assert.Equal(["name"], request.Required());
        Assert.Equal(("[\"string\",\"null\"]", 7), (request.Property("colour").TypeText(), request.Property("colour")["x-line"]!.GetValue<int>()));
        Assert.Equal("The colour.", request.Property("colour")["description"]!.GetValue<string>());
    }

    [Fact]
    public void Escaped_pipes_and_entities_in_cells_are_text()
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "## Request body",
            "| Name | Type | Description |",
            "|---|---|---|",
            "| `sig` | string \\| null | hmac(a\\|b) &amp; hex &lt;lowercase&gt;. |");
        var sig = contract.RequestSchema().Property("sig");
        Assert.Equal("[\"string\",\"null\"]", sig.TypeText());
        Assert.Equal("hmac(a|b) & hex <lowercase>.", sig["description"]!.GetValue<string>());
    }

    [Fact]
    public void Status_headings_and_fenced_titles_label_the_samples()
    {
        var contract = ImportMarkdown(
            "## POST /v1/items",
            "",
            "### 201 Created",
            "",
            "| Name | Type | Description |",
            "|---|---|---|",
            "| `id` | string | The id. |",
            "",
            "#### 404 Not Found",
            "",
            "The item does not exist.",
            "",
            "```json title=\"Error\"",
            "{\"error\": \"not_found\"}",
            "```");
        Assert.Equal(["201", "404"], contract.Responses.Select(r => r.Status));
        Assert.Equal(("Not Found", 9), (contract.Responses[1].Message, contract.Responses[1].Line));
        Assert.Equal("\"string\"", contract.ResponseSchema("404").Property("error").TypeText());
        Assert.Equal(["201", "404"], contract.Examples.Responses.Select(r => r.Status).Prepend("201").Distinct());
        Assert.DoesNotContain(contract.Findings, f => f.Code == FindingCodes.SuccessStatusAssumed);
    }

    [Fact]
    public void Parameters_of_a_get_are_its_query_and_a_response_heading_may_state_the_status()
    {
        var contract = ImportMarkdown(
            "`GET /v1/refunds`",
            "## Parameters",
            "| Name | Type | Description |",
            "|---|---|---|",
            "| `limit` | integer | Between 1 and 100. Default: 10. |",
            "## Response (206 Partial Content)",
            "| Name | Type | Description |",
            "|---|---|---|",
            "| `data` | array of Refund objects | The refunds. |");
        var limit = Assert.Single(contract.Http.Parameters);
        Assert.Equal(("limit", ParameterLocations.Query, false), (limit.Name, limit.In, limit.Required));
        Assert.Equal("{\"type\":\"integer\",\"minimum\":1,\"maximum\":100,\"default\":10}", limit.Schema.ToJsonString());
        Assert.Equal("206", Assert.Single(contract.Responses).Status);
        Assert.Null(contract.Request);
    }

    [Fact]
    public void Sdk_snippets_are_not_samples_but_a_malformed_json_block_is_reported_at_its_line()
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "```javascript",
            "const client = new Client({ key: 'k' });",
            "```",
            "```json",
            "{\"id\": }",
            "```");
        var finding = contract.Finding(FindingCodes.MalformedSample);
        Assert.Equal((FindingSeverity.Warning, 6), (finding.Severity, finding.Line));
        Assert.Empty(contract.Examples.Responses);
    }

    [Fact]
    public void An_error_table_lists_statuses()
    {
        var contract = ImportMarkdown(
            "`DELETE /v1/items/{id}`",
            "## Errors",
            "| Status | Description |",
            "|---|---|",
            "| 404 | No such item. |",
            "| 409 Conflict | The item is in use. |");
        Assert.Equal(["404", "409"], contract.Responses.Select(r => r.Status));
        Assert.Equal(("Conflict", "The item is in use.", 6), (contract.Responses[1].Message, contract.Responses[1].Description, contract.Responses[1].Line));
    }

    [Fact]
    public void A_table_without_a_name_column_is_an_error_naming_the_header_it_found()
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "## Request body",
            "| Colour | Shade |",
            "|---|---|",
            "| red | dark |");
        var finding = contract.Finding(FindingCodes.UnreadableRow);
        Assert.Equal((FindingSeverity.Error, 3), (finding.Severity, finding.Line));
        Assert.Contains("expected a header such as | Name | Type | Description |, found | Colour | Shade |", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_and_glossaries_outside_the_field_sections_are_left_alone_unless_they_read_as_fields()
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "## Rate limits",
            "| Plan | Requests per second |",
            "|---|---|",
            "| Free | 5 |",
            "## Glossary",
            "Settlement",
            ": The transfer of collected money to your bank account.",
            "## Fields",
            "| Name | Type | Description |",
            "|---|---|---|",
            "| `id` | string | The id. |");
        Assert.DoesNotContain(contract.Findings, f => f.Severity == FindingSeverity.Error);
        Assert.Equal(["id"], contract.ResponseSchema()["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_row_without_a_type_is_an_error_at_its_line()
    {
        var contract = ImportMarkdown(
            "`POST /v1/items`",
            "## Request body",
            "| Name | Type | Description |",
            "|---|---|---|",
            "| `name` |  | The name. |");
        var finding = contract.Finding(FindingCodes.UnreadableRow);
        Assert.Equal((FindingSeverity.Error, 5), (finding.Severity, finding.Line));
        Assert.Contains("expected a field name and a type, found name \"name\" and type \"\"", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_markdown_page_with_nothing_to_read_says_what_was_expected()
    {
        var e = Assert.Throws<PageFormatException>(() => ImportMarkdown("# Changelog", "", "We fixed bugs.", "", "- faster"));
        Assert.Equal("docs/page.md", e.File);
        Assert.Contains("read as Markdown", e.Problem, StringComparison.Ordinal);
        Assert.Contains("a pipe table with Name and Type columns", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page.md", "text", true)]
    [InlineData("page.markdown", "text", true)]
    [InlineData("page.txt", "| a | b |\n|---|---|", false)]
    [InlineData("page", "| Name | Type |\n|---|---|", true)]
    [InlineData("page", "# Title\n```json\n{}\n```", true)]
    [InlineData("page", "Name\nType\nstring", false)]
    public void Markdown_is_chosen_by_extension_or_by_content(string file, string text, bool markdown) =>
        Assert.Equal(markdown, MarkdownPageReader.IsMarkdown(file, PageText.FromString(text, file).Lines));
}
