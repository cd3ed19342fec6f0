using System.Text.Json.Nodes;
using ContractKit.Contracts;
using static ContractKit.Import.Tests.Pages;

namespace ContractKit.Import.Tests;

/// <summary>One-attribute-per-line parameter blocks, section headings, errors and repeated content.</summary>
public sealed class BlockAndSectionTests
{
    private static readonly string BlockPage = Lines(
        "Update a Payout",                                   // 1
        "PATCH",                                             // 2
        "/v1/payouts/:payout_id",                            // 3
        "Click to copy",                                     // 4
        "Changes a payout's mode.",                          // 5
        "Path Parameters",                                   // 6
        "payout_id",                                         // 7
        "",                                                  // 8
        "*",                                                 // 9
        "",                                                  // 10
        "string",                                            // 11
        "",                                                  // 12
        "The payout to change.",                             // 13
        "Query Parameters",                                  // 14
        "expand",                                            // 15
        "string",                                            // 16
        "Related objects to include.",                       // 17
        "Request Parameters",                                // 18
        "mode",                                              // 19
        "*",                                                 // 20
        "string",                                            // 21
        "The transfer mode. Possible values:",               // 22
        "  • IMPS (default) : immediate",                    // 23
        "  • NEFT : batched",                                // 24
        "  • UPI",                                           // 25
        "purpose",                                           // 26
        "string",                                            // 27
        "Why. Possible values are refund, cashback or payout.", // 28
        "Response Parameters",                               // 29
        "id",                                                // 30
        "string",                                            // 31
        "The payout id.",                                    // 32
        "status",                                            // 33
        "string",                                            // 34
        "Possible values:",                                  // 35
        "  • queued",                                        // 36
        "  • processed",                                     // 37
        "Errors",                                            // 38
        "The mode is not supported.",                        // 39
        "Error Status: 400",                                 // 40
        "Pass one of the documented modes.",                 // 41
        "Solution",                                          // 42
        "Payout not found.",                                 // 43
        "Error Status: 404",                                 // 44
        "The payout_id does not exist.");                    // 45

    [Fact]
    public void Endpoint_title_and_summary_come_from_the_declaration()
    {
        var contract = ImportPage(BlockPage);
        Assert.Equal(("PATCH", "/v1/payouts/{payout_id}"), (contract.Http.Method, contract.Http.Path));
        Assert.Equal("Update a Payout", contract.Title);
        Assert.Equal("Changes a payout's mode.", contract.Summary);
    }

    [Fact]
    public void Path_and_query_parameters_come_from_their_sections()
    {
        var parameters = ImportPage(BlockPage).Http.Parameters;
        var path = Assert.Single(parameters, p => p.In == ParameterLocations.Path);
        Assert.Equal(("payout_id", true, 7), (path.Name, path.Required, path.Line));
        var query = Assert.Single(parameters, p => p.In == ParameterLocations.Query);
        Assert.Equal(("expand", false, 15), (query.Name, query.Required, query.Line));
    }

    [Fact]
    public void A_star_line_marks_a_request_field_required()
    {
        var body = ImportPage(BlockPage).RequestSchema();
        Assert.Equal(["mode"], body.Required());
        Assert.Equal(19, body.Property("mode")["x-line"]!.GetValue<int>());
    }

    [Fact]
    public void Possible_values_become_an_enum_with_its_default()
    {
        var mode = ImportPage(BlockPage).RequestSchema().Property("mode");
        Assert.Equal("[\"IMPS\",\"NEFT\",\"UPI\"]", mode["enum"]!.ToJsonString());
        Assert.Equal("IMPS", mode["default"]!.GetValue<string>());
    }

    [Fact]
    public void Inline_possible_values_become_an_enum()
    {
        var purpose = ImportPage(BlockPage).RequestSchema().Property("purpose");
        Assert.Equal("[\"refund\",\"cashback\",\"payout\"]", purpose["enum"]!.ToJsonString());
    }

    [Fact]
    public void Response_fields_without_a_sample_are_required_unless_their_description_is_conditional()
    {
        var response = ImportPage(BlockPage).ResponseSchema();
        Assert.Equal(["id", "status"], response.Required());
        Assert.Equal("[\"queued\",\"processed\"]", response.Property("status")["enum"]!.ToJsonString());
    }

    [Fact]
    public void Each_error_status_becomes_a_response_with_its_message_and_description()
    {
        var contract = ImportPage(BlockPage);
        Assert.Equal(["200", "400", "404"], contract.Responses.Select(r => r.Status));
        var notFound = contract.Responses.Single(r => r.Status == "404");
        Assert.Equal(("Payout not found.", "The payout_id does not exist.", 44), (notFound.Message, notFound.Description, notFound.Line));
        var badMode = contract.Responses.Single(r => r.Status == "400");
        Assert.Equal("Pass one of the documented modes.", badMode.Description);
        Assert.Equal(2, contract.Findings.Count(f => f.Code == FindingCodes.ErrorBodyUndocumented));
    }

    [Fact]
    public void A_page_captured_twice_is_read_once()
    {
        var once = ImportPage(BlockPage);
        var twice = ImportPage(BlockPage + "\n\nIs this page helpful?\n" + BlockPage);

        Assert.Equal(Comparable(once), Comparable(twice));
        var finding = twice.Finding(FindingCodes.RepeatedContent);
        Assert.Equal(FindingSeverity.Info, finding.Severity);
        Assert.Equal(49, finding.Line);
    }

    [Fact]
    public void A_section_repeated_with_different_content_keeps_the_first_and_warns()
    {
        var contract = ImportPage(Lines(
            "GET /x",
            "Response Parameters",
            "id",
            "string",
            "The id.",
            "Response Parameters",
            "id",
            "integer",
            "The id."));

        Assert.Equal("\"string\"", contract.ResponseSchema().Property("id").TypeText());
        var finding = contract.Finding(FindingCodes.ConflictingSections);
        Assert.Equal((FindingSeverity.Warning, 6), (finding.Severity, finding.Line));
    }

    [Fact]
    public void A_second_different_endpoint_is_an_error()
    {
        var contract = ImportPage(Lines("GET /a", "Response Parameters", "id", "string", "x", "POST /b"));
        Assert.Equal(FindingSeverity.Error, contract.Finding(FindingCodes.ConflictingSections).Severity);
    }

    [Fact]
    public void A_path_parameter_the_page_does_not_document_is_assumed_a_string_and_reported()
    {
        var contract = ImportPage(Lines("DELETE /v1/items/{item_id}", "Response Parameters", "deleted", "boolean", "Whether it was deleted."));
        var parameter = Assert.Single(contract.Http.Parameters);
        Assert.Equal(("item_id", true, "{\"type\":\"string\"}"), (parameter.Name, parameter.Required, parameter.Schema.ToJsonString()));
        Assert.Equal(FindingSeverity.Warning, contract.Finding(FindingCodes.PathParameterMismatch).Severity);
    }

    /// <summary>The contract without its findings: what must not change when a page repeats itself.</summary>
    private static string Comparable(Contract contract)
    {
        var json = ContractWriter.ToJsonObject(contract);
        json.Remove("findings");
        json.Remove("provenance");
        return json.ToJsonString();
    }
}
