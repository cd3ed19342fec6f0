using ContractKit.Contracts;
using ContractKit.Import.Pages;
using static ContractKit.Import.Tests.Pages;

namespace ContractKit.Import.Tests;

/// <summary>Code blocks with interleaved line numbers, curl and raw HTTP samples, and sample responses.</summary>
public sealed class SampleTests
{
    [Fact]
    public void Gutter_numbers_are_removed_and_each_code_line_keeps_its_page_line()
    {
        var page = PageText.FromString(Lines("Intro", "1", "{", "2", "\"a\": 1", "3", "}", "After"), "p.txt");
        var stripped = NumberedCodeBlocks.Strip(page.Lines);
        Assert.Equal(["Intro", "{", "\"a\": 1", "}", "After"], stripped.Select(l => l.Text));
        Assert.Equal([1, 3, 5, 7, 8], stripped.Select(l => l.Number));
    }

    [Fact]
    public void A_lone_number_in_prose_is_not_a_gutter()
    {
        var page = PageText.FromString(Lines("Steps:", "1", "Open the dashboard", "Done"), "p.txt");
        Assert.Equal(4, NumberedCodeBlocks.Strip(page.Lines).Count);
    }

    [Fact]
    public void A_numbered_json_sample_checks_the_table_and_maps_fields_to_page_lines()
    {
        var contract = ImportPage(Lines(
            "GET /v1/things/:id",        // 1
            "Response Parameters",       // 2
            "id",                        // 3
            "string",                    // 4
            "The id.",                   // 5
            "count",                     // 6
            "integer",                   // 7
            "How many.",                 // 8
            "Success",                   // 9
            "Failure",                   // 10
            "1",                         // 11
            "{",                         // 12
            "2",                         // 13
            "\"id\": \"t_1\",",          // 14
            "3",                         // 15
            "\"count\": \"7\",",         // 16
            "4",                         // 17
            "\"extra\": true",           // 18
            "5",                         // 19
            "}"));                       // 20

        var example = Assert.Single(contract.Examples.Responses);
        Assert.Equal(("200", 12), (example.Status, example.Line));
        Assert.Equal("{\"id\":\"t_1\",\"count\":\"7\",\"extra\":true}", example.Body!.ToJsonString());

        var mismatch = contract.Finding(FindingCodes.TypeMismatch);
        Assert.Equal(("count", 16), (mismatch.Field, mismatch.Line));
        Assert.Equal("\"string\"", contract.ResponseSchema().Property("count").TypeText());

        var extra = contract.ResponseSchema().Property("extra");
        Assert.Equal(18, extra["x-line"]!.GetValue<int>());
        Assert.True(extra["x-inferred"]!.GetValue<bool>());
        Assert.Equal(18, contract.Finding(FindingCodes.UndocumentedInSample).Line);
    }

    [Fact]
    public void A_curl_sample_gives_method_base_url_path_parameters_auth_headers_and_body()
    {
        var contract = ImportPage(Lines(
            "Path Parameters",
            "id",
            "*",
            "string",
            "The contact.",
            "Request Parameters",
            "active",
            "*",
            "boolean",
            "The state.",
            "Curl",
            "curl -u [KEY]:[SECRET] \\",
            "  -X PATCH https://api.example.com/v2/contacts/cont_42 \\",
            "  -H \"Content-Type: application/json\" \\",
            "  --header 'X-Trace: abc' \\",
            "  -d '{",
            "  \"active\": true",
            "}'"));

        // The documented path parameter templates the sample's one id-like segment (issue 13).
        Assert.Equal(("PATCH", "/v2/contacts/{id}", "https://api.example.com"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        Assert.Contains("cont_42 as {id}", contract.Finding(FindingCodes.PathTemplatedFromSample).Message, StringComparison.Ordinal);
        Assert.Equal("[\"cont_42\"]", contract.Http.Parameters.Single(p => p.In == ParameterLocations.Path).Schema["examples"]!.ToJsonString());
        Assert.Equal((AuthSchemes.Basic, 12), (contract.Http.Auth.Scheme, contract.Http.Auth.Line));
        var request = contract.Examples.Request!;
        Assert.Equal(("curl", 12, "[KEY]", "[SECRET]"), (request.Source, request.Line, request.BasicAuth!.Username, request.BasicAuth.Password));
        Assert.Equal(["Content-Type", "X-Trace"], request.Headers.Select(h => h.Key));
        Assert.Equal("{\"active\":true}", request.Body!.ToJsonString());
        var header = Assert.Single(contract.Http.Parameters, p => p.In == ParameterLocations.Header);
        Assert.Equal(("X-Trace", false, 15), (header.Name, header.Secret, header.Line));
    }

    [Fact]
    public void A_path_written_in_prose_templates_the_sample_url_of_a_text_page()
    {
        var contract = ImportPage(Lines(
            "Fetch an order",
            "Call /orders/:order_id to read one order.",
            "curl https://api.example.com/v2/orders/ord_991 -u key:secret"));

        Assert.Equal(("/v2/orders/{order_id}", "https://api.example.com"), (contract.Http.Path, contract.Http.BaseUrl));
        var finding = contract.Finding(FindingCodes.PathTemplatedFromSample);
        Assert.Equal(3, finding.Line);
        Assert.Contains("from the path at line 2", finding.Message, StringComparison.Ordinal);
        Assert.Equal("[\"ord_991\"]", Assert.Single(contract.Http.Parameters).Schema["examples"]!.ToJsonString());
    }

    [Fact]
    public void A_curl_option_the_importer_does_not_use_is_a_note_naming_it_and_the_rest_of_the_sample_is_read()
    {
        var contract = ImportPage(Lines(
            "Fetch an order",
            "curl https://api.example.com/v2/orders/ord_991 -u key:secret --http2"));

        var finding = contract.Finding(FindingCodes.IgnoredSampleOption);
        Assert.Equal((FindingSeverity.Info, 2), (finding.Severity, finding.Line));
        Assert.Contains("--http2", finding.Message, StringComparison.Ordinal);
        Assert.Equal(("GET", "/v2/orders/ord_991"), (contract.Http.Method, contract.Http.Path));
    }

    [Fact]
    public void A_sample_url_with_no_documented_parameter_and_no_path_in_prose_keeps_its_segments()
    {
        var contract = ImportPage(Lines("curl https://api.example.com/v2/orders/ord_991 -u key:secret"));
        Assert.Equal("/v2/orders/ord_991", contract.Http.Path);
        Assert.DoesNotContain(contract.Findings, f => f.Code == FindingCodes.PathTemplatedFromSample);
    }

    [Fact]
    public void A_declared_template_splits_the_sample_url_into_base_url_and_path_parameter_example()
    {
        var contract = ImportPage(Lines(
            "PATCH /v1/contacts/:id",
            "curl -X PATCH https://api.example.com/v1/contacts/cont_42 -d '{\"a\":1}'"));

        Assert.Equal(("/v1/contacts/{id}", "https://api.example.com"), (contract.Http.Path, contract.Http.BaseUrl));
        var id = Assert.Single(contract.Http.Parameters);
        Assert.Equal("[\"cont_42\"]", id.Schema["examples"]!.ToJsonString());
    }

    [Fact]
    public void A_raw_http_request_gives_method_host_headers_and_body()
    {
        var contract = ImportPage(Lines(
            "Sample Request",
            "POST /v3/orders HTTP/1.1",
            "Host: api.shop.test",
            "Content-Type: application/json",
            "Authorization: Bearer token-123",
            "X-Shop-Api-Key: k",
            "",
            "{",
            "  \"sku\": \"A1\"",
            "}"));

        Assert.Equal(("POST", "/v3/orders", "https://api.shop.test"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        Assert.Equal(AuthSchemes.Bearer, contract.Http.Auth.Scheme);
        var request = contract.Examples.Request!;
        Assert.Equal(("http", 2, "https://api.shop.test/v3/orders"), (request.Source, request.Line, request.Url));
        Assert.Equal("{\"sku\":\"A1\"}", request.Body!.ToJsonString());
        var key = Assert.Single(contract.Http.Parameters);
        Assert.Equal(("X-Shop-Api-Key", true), (key.Name, key.Secret));
        Assert.Equal("\"string\"", contract.RequestSchema().Property("sku").TypeText());
    }

    [Fact]
    public void Curl_and_http_samples_that_send_different_bodies_are_reported()
    {
        var contract = ImportPage(Lines(
            "curl -X POST https://api.x.test/a --data-raw '{\"n\": 1}'",
            "POST /a HTTP/1.1",
            "Host: api.x.test",
            "",
            "{\"n\": 2}"));

        var finding = contract.Finding(FindingCodes.ConflictingSamples);
        Assert.Equal((FindingSeverity.Warning, 2), (finding.Severity, finding.Line));
        Assert.Equal("{\"n\":1}", contract.Examples.Request!.Body!.ToJsonString());
    }

    [Fact]
    public void Vendor_credential_headers_make_a_header_auth_scheme_with_their_siblings()
    {
        var contract = ImportPage(Lines(
            "curl --location --request POST 'https://api.pay.test/x' \\",
            "--header 'X-Pay-Client-Id: id' \\",
            "--header 'X-Pay-Client-Secret: s' \\",
            "--header 'X-Pay-Region: in' \\",
            "--header 'X-Request-Id: r'"));

        Assert.Equal(AuthSchemes.Headers, contract.Http.Auth.Scheme);
        Assert.Equal(["X-Pay-Client-Id", "X-Pay-Client-Secret", "X-Pay-Region"], contract.Http.Auth.Headers);
        Assert.Equal(2, contract.Http.Auth.Line);
        Assert.Equal(["X-Pay-Client-Id", "X-Pay-Client-Secret"], contract.Http.Parameters.Where(p => p.Secret).Select(p => p.Name));
    }

    [Fact]
    public void A_malformed_json_sample_is_reported_with_its_line_and_not_used()
    {
        var contract = ImportPage(Lines(
            "GET /x",
            "Response Parameters",
            "id",
            "string",
            "The id.",
            "{",
            "  \"id\": \"a\",",
            "  \"n\": ,",
            "}"));

        var finding = contract.Finding(FindingCodes.MalformedSample);
        Assert.Equal((FindingSeverity.Warning, 8), (finding.Severity, finding.Line));
        Assert.Empty(contract.Examples.Responses);
        Assert.Equal(["id"], contract.ResponseSchema().Required());
    }

    [Fact]
    public void A_curl_quote_that_never_closes_is_reported()
    {
        var contract = ImportPage(Lines("GET /x", "curl -X GET 'https://api.x.test/x"));
        Assert.Equal(2, contract.Finding(FindingCodes.MalformedSample).Line);
        Assert.Null(contract.Examples.Request);
    }

    [Fact]
    public void A_failure_sample_becomes_the_documented_errors_schema_and_example()
    {
        var contract = ImportPage(Lines(
            "POST /x",
            "Failure",
            "{\"error\": {\"code\": \"BAD_REQUEST_ERROR\", \"description\": \"bad\"}}",
            "Errors",
            "Bad request.",
            "Error Status: 400",
            "The request is invalid."));

        var error = contract.Responses.Single(r => r.Status == "400");
        Assert.Equal("\"string\"", error.Schema.Property("error.code").TypeText());
        Assert.Equal("400", Assert.Single(contract.Examples.Responses).Status);
        Assert.DoesNotContain(contract.Findings, f => f.Code == FindingCodes.ErrorBodyUndocumented);
    }
}
