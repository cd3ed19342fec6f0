using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Testing;

namespace ContractKit.Import.Tests;

/// <summary>
/// Markdown pages under Fixtures/, written for these tests from the public facts of five vendors' APIs, each in
/// another layout. Each imports into the contract checked in beside it, byte for byte.
/// </summary>
public sealed class MarkdownFixtureTests
{
    private static ImportResult ImportFixture(string vendor, string operation)
    {
        var page = $"tests/ContractKit.Import.Tests/Fixtures/{vendor}/{operation}.md";
        return PageImporter.Import(File.ReadAllBytes(Repo.PathOf(page)), page, vendor, operation);
    }

    [Theory]
    [InlineData("cashfree", "create-order")]
    [InlineData("stripe", "retrieve-customer")]
    [InlineData("payu", "refund")]
    [InlineData("paytm", "transaction-status")]
    [InlineData("razorpay", "fetch-payment")]
    [InlineData("razorpay", "create-payout")]
    public void The_fixture_imports_without_errors_into_its_checked_in_contract_byte_for_byte(string vendor, string operation)
    {
        var result = ImportFixture(vendor, operation);
        Assert.False(result.HasErrors, string.Join("\n", result.Contract.Findings.Select(f => $"{f.Code} {f.Line}: {f.Message}")));
        var actual = Encoding.UTF8.GetString(ContractWriter.ToUtf8Bytes(result.Contract));
        var expectedPath = Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures", vendor, operation + ".contract.json");
        if (!File.Exists(expectedPath) || File.ReadAllText(expectedPath) != actual)
        {
            // Verify's convention: the new output lands beside the verified file for review.
            File.WriteAllText(Path.ChangeExtension(expectedPath, ".received.json"), actual);
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; review the .received.json beside it");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
        Assert.Equal(actual, Encoding.UTF8.GetString(ContractWriter.ToUtf8Bytes(ImportFixture(vendor, operation).Contract)));
    }

    [Theory]
    [InlineData("cashfree", "create-order")]
    [InlineData("stripe", "retrieve-customer")]
    [InlineData("payu", "refund")]
    [InlineData("paytm", "transaction-status")]
    [InlineData("razorpay", "fetch-payment")]
    [InlineData("razorpay", "create-payout")]
    public void The_checked_in_contract_reads_back_and_its_schemas_accept_the_page_samples(string vendor, string operation)
    {
        var contract = ContractReader.ReadFile(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures", vendor, operation + ".contract.json"));
        Assert.NotEmpty(contract.Examples.Responses);
        foreach (var example in contract.Examples.Responses)
        {
            var schema = contract.Responses.Single(r => r.Status == example.Status).Schema;
            var result = ContractKit.Validation.SchemaInterpreter.Create(schema).Validate(Encoding.UTF8.GetBytes(example.Body!.ToJsonString()));
            Assert.True(result.IsValid, $"{example.Status} at line {example.Line}: {string.Join("; ", result.Errors)}");
        }

        if (contract.Examples.Request?.Body is { } body)
        {
            var result = ContractKit.Validation.SchemaInterpreter.Create(contract.Request!.Schema).Validate(Encoding.UTF8.GetBytes(body.ToJsonString()));
            Assert.True(result.IsValid, string.Join("; ", result.Errors));
        }
    }

    [Fact]
    public void Pipe_tables_with_code_span_names_a_required_column_and_a_status_heading()
    {
        var contract = ImportFixture("cashfree", "create-order").Contract;
        Assert.Equal(("POST", "/pg/orders", "https://sandbox.cashfree.com"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        Assert.Equal("Create Order", contract.Title);
        Assert.Equal(["x-client-id", "x-client-secret", "x-api-version"],
            contract.Http.Parameters.Where(p => p.In == ParameterLocations.Header).Select(p => p.Name));

        var request = contract.RequestSchema();
        Assert.Equal(["order_amount", "order_currency", "customer_details"], request.Required());
        Assert.Equal(["customer_id", "customer_phone"], request.Property("customer_details").Required());
        Assert.Equal((3, 45), (request.Property("order_id")["minLength"]!.GetValue<int>(), request.Property("order_id")["maxLength"]!.GetValue<int>()));
        Assert.Equal(1, request.Property("order_amount")["minimum"]!.GetValue<long>());
        Assert.Equal("INR", request.Property("order_currency")["default"]!.GetValue<string>());
        Assert.Equal(@"^\d{10}$", request.Property("customer_details.customer_phone")["pattern"]!.GetValue<string>());
        Assert.Equal("email", request.Property("customer_details.customer_email")["format"]!.GetValue<string>());
        Assert.Equal(200, request.Property("order_note")["maxLength"]!.GetValue<int>());
        Assert.Equal(10, request.Property("order_tags")["maxProperties"]!.GetValue<int>());
        Assert.Equal(20, request.Property("order_amount")["x-line"]!.GetValue<int>());

        // "### 200 OK" states the success status; "### 400 Bad Request" is an error with its sample as the body.
        Assert.DoesNotContain(contract.Findings, f => f.Code == FindingCodes.SuccessStatusAssumed);
        var response = contract.ResponseSchema("200");
        Assert.Equal("order", response.Property("entity")["const"]!.GetValue<string>());
        Assert.Equal("[\"ACTIVE\",\"PAID\",\"EXPIRED\"]", response.Property("order_status")["enum"]!.ToJsonString());
        Assert.Equal("date-time", response.Property("order_expiry_time")["format"]!.GetValue<string>());
        Assert.Equal("[\"string\",\"null\"]", response.Property("order_note").TypeText());
        var badRequest = contract.Responses.Single(r => r.Status == "400");
        Assert.Equal("Bad Request", badRequest.Message);
        Assert.Equal("\"string\"", badRequest.Schema.Property("code").TypeText());
    }

    [Fact]
    public void Definition_lists_nullable_type_words_and_a_path_templated_from_the_path_parameter_example()
    {
        var contract = ImportFixture("stripe", "retrieve-customer").Contract;
        Assert.Equal(("GET", "/v1/customers/{customer}", "https://api.stripe.com"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        Assert.Contains("cus_NffrFeUfNV2Hib as {customer}", contract.Finding(FindingCodes.PathTemplatedFromSample).Message, StringComparison.Ordinal);
        var customer = Assert.Single(contract.Http.Parameters);
        Assert.Equal(("customer", ParameterLocations.Path, 9), (customer.Name, customer.In, customer.Line));

        var response = contract.ResponseSchema();
        Assert.Equal("customer", response.Property("object")["const"]!.GetValue<string>());
        Assert.Equal("\"integer\"", response.Property("created").TypeText());
        Assert.Equal("[\"string\",\"null\"]", response.Property("currency").TypeText());
        Assert.Equal("[\"string\",\"null\"]", response.Property("email").TypeText());
        Assert.Equal(512, response.Property("email")["maxLength"]!.GetValue<int>());
        Assert.Equal(50, response.Property("metadata")["maxProperties"]!.GetValue<int>());
        Assert.Equal("{\"type\":\"string\"}", response.Property("preferred_locales")["items"]!.ToJsonString());
        Assert.Equal("[\"none\",\"exempt\",\"reverse\"]", response.Property("tax_exempt")["enum"]!.ToJsonString());
        Assert.Equal(15, response.Property("id")["x-line"]!.GetValue<int>());
        Assert.Contains("email", response.Required());
    }

    [Fact]
    public void Bold_names_a_notes_column_escaped_pipes_and_entities()
    {
        var contract = ImportFixture("payu", "refund").Contract;
        Assert.Equal(("POST", "/merchant/postservice.php", "https://test.payu.in"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        var request = contract.RequestSchema();
        Assert.DoesNotContain("var5", request.Required());
        Assert.Contains("var1", request.Required());
        Assert.Equal(255, request.Property("var5")["maxLength"]!.GetValue<int>());
        Assert.Equal(23, request.Property("var2")["maxLength"]!.GetValue<int>());
        Assert.Equal(1, request.Property("var3")["minimum"]!.GetValue<long>());
        Assert.Equal("cancel_refund_transaction", request.Property("command")["const"]!.GetValue<string>());
        Assert.StartsWith("sha512(key|command|var1|salt)", request.Property("hash")["description"]!.GetValue<string>(), StringComparison.Ordinal);

        var response = contract.ResponseSchema();
        Assert.Equal("[0,1]", response.Property("status")["enum"]!.ToJsonString());
        Assert.Equal("A message & its reason, such as \"Refund Request Queued\".", response.Property("msg")["description"]!.GetValue<string>());
        Assert.Equal("[\"string\",\"null\"]", response.Property("bank_ref_num").TypeText());
        Assert.DoesNotContain("error_code", response.Required());
    }

    [Fact]
    public void A_raw_http_sample_nested_dotted_names_allowed_values_in_quotes_and_an_unexpressed_condition()
    {
        var contract = ImportFixture("paytm", "transaction-status").Contract;
        Assert.Equal(("POST", "/v3/order/status"), (contract.Http.Method, contract.Http.Path));
        var request = contract.RequestSchema();
        Assert.Equal(["body", "head"], request.Required());
        Assert.Equal(["mid", "orderId"], request.Property("body").Required());
        Assert.Equal(20, request.Property("body.mid")["maxLength"]!.GetValue<int>());
        Assert.Equal(50, request.Property("body.orderId")["maxLength"]!.GetValue<int>());
        Assert.Equal("[\"PREAUTH\",\"CAPTURE\",\"RELEASE\",\"WITHDRAW\"]", request.Property("body.txnType")["enum"]!.ToJsonString());

        var condition = contract.Finding(FindingCodes.ConstraintNotExpressed);
        Assert.Equal(("head.tokenType", FindingSeverity.Warning), (condition.Field, condition.Severity));
        Assert.Contains("Required when the request is signed with a token rather than a checksum", condition.Message, StringComparison.Ordinal);

        var response = contract.ResponseSchema("200");
        Assert.Equal("[\"TXN_SUCCESS\",\"TXN_FAILURE\",\"PENDING\"]", response.Property("body.resultInfo.resultStatus")["enum"]!.ToJsonString());
        Assert.Equal(@"^\d{2}$", response.Property("body.resultInfo.resultCode")["pattern"]!.GetValue<string>());
        var unauthorized = contract.Responses.Single(r => r.Status == "401");
        Assert.Equal("Unauthorized", unauthorized.Message);
    }

    [Fact]
    public void A_path_templated_from_the_prose_and_bulleted_allowed_values_in_a_definition_list()
    {
        var contract = ImportFixture("razorpay", "fetch-payment").Contract;
        Assert.Equal(("GET", "/v1/payments/{id}", "https://api.razorpay.com"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        Assert.Contains("from the path at line 3", contract.Finding(FindingCodes.PathTemplatedFromSample).Message, StringComparison.Ordinal);
        var expand = contract.Http.Parameters.Single(p => p.In == ParameterLocations.Query);
        Assert.Equal(("expand[]", false), (expand.Name, expand.Required));
        Assert.Equal("[\"card\",\"emi\",\"offer\",\"upi\"]", expand.Schema["enum"]!.ToJsonString());

        var response = contract.ResponseSchema();
        Assert.Equal("payment", response.Property("entity")["const"]!.GetValue<string>());
        Assert.Equal(100, response.Property("amount")["minimum"]!.GetValue<long>());
        Assert.Equal("[\"created\",\"authorized\",\"captured\",\"refunded\",\"failed\"]", response.Property("status")["enum"]!.ToJsonString());
        Assert.Null(response.Property("method")["enum"]);
        Assert.Equal("[\"string\",\"null\"]", response.Property("description").TypeText());
        Assert.Equal(255, response.Property("description")["maxLength"]!.GetValue<int>());
        Assert.Equal(15, response.Property("notes")["maxProperties"]!.GetValue<int>());
        Assert.Contains(contract.Responses, r => r.Status == "4xx");
    }

    [Fact]
    public void Bulleted_field_lists_a_child_heading_for_a_nullable_object_and_a_status_per_heading()
    {
        var contract = ImportFixture("razorpay", "create-payout").Contract;
        Assert.Equal(("POST", "/v1/payouts"), (contract.Http.Method, contract.Http.Path));
        var idempotency = Assert.Single(contract.Http.Parameters);
        Assert.Equal(("X-Payout-Idempotency", ParameterLocations.Header, true, 9), (idempotency.Name, idempotency.In, idempotency.Required, idempotency.Line));

        var request = contract.RequestSchema();
        Assert.Equal(["account_number", "fund_account_id", "amount", "currency", "mode", "purpose"], request.Required());
        Assert.Equal("INR", request.Property("currency")["const"]!.GetValue<string>());
        Assert.Equal("[\"NEFT\",\"RTGS\",\"IMPS\",\"UPI\",\"card\"]", request.Property("mode")["enum"]!.ToJsonString());
        Assert.Equal("[\"refund\",\"cashback\",\"payout\",\"salary\",\"utility bill\",\"vendor bill\"]", request.Property("purpose")["enum"]!.ToJsonString());
        Assert.False(request.Property("queue_if_low_balance")["default"]!.GetValue<bool>());
        Assert.Equal(40, request.Property("reference_id")["maxLength"]!.GetValue<int>());
        Assert.Equal(15, request.Property("notes")["maxProperties"]!.GetValue<int>());

        var response = contract.ResponseSchema("200");
        Assert.Equal("[\"object\",\"null\"]", response.Property("status_details").TypeText());
        Assert.Equal(["description", "source", "reason"], response.Property("status_details").Required());
        Assert.Equal("[\"beneficiary_bank\",\"internal\",\"gateway\",\"business\"]", response.Property("status_details.source")["enum"]!.ToJsonString());
        Assert.Equal(47, response.Property("status_details.source")["x-line"]!.GetValue<int>());
        Assert.Equal("[\"string\",\"null\"]", response.Property("utr").TypeText());
        Assert.Equal(["200", "400"], contract.Responses.Select(r => r.Status));
        Assert.DoesNotContain(contract.Findings, f => f.Code == FindingCodes.SuccessStatusAssumed);
    }
}
