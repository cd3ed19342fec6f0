using System.Text;
using ContractKit.Contracts;
using ContractKit.Testing;

namespace ContractKit.Import.Tests;

/// <summary>
/// The HTML, Markdown and text pages under Fixtures/ added for other layouts (doc-site field blocks, Redoc-like
/// rows, plain tables, multi-operation pages), written for these tests from public facts of the vendors' APIs.
/// Each imports without errors into the contract checked in beside it, byte for byte, twice.
/// </summary>
public sealed class PageFixtureTests
{
    public static TheoryData<string> Pages => new()
    {
        "stripe/create-payment-intent.html",
        "cashfree/create-refund.html",
        "cashfree/add-beneficiary.html",
        "razorpay/create-customer.html",
        "paytm/initiate-transaction.html",
        "payu/create-payment-link.html",
        "instantpay/verify-bank-account.txt",
        "razorpay/orders.md#create-an-order",
        "razorpay/orders.md#fetch-all-orders",
        "razorpay/orders.md#fetch-an-order-by-id",
    };

    /// <summary>"vendor/page.ext" or, for a page of several operations, "vendor/page.ext#operation".</summary>
    private static (string File, string Operation, string ContractPath) Parse(string entry)
    {
        var (file, operation) = entry.Contains('#') ? (entry[..entry.IndexOf('#')], entry[(entry.IndexOf('#') + 1)..]) : (entry, Path.GetFileNameWithoutExtension(entry));
        var contract = Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures", file.Split('/')[0], operation + ".contract.json");
        return (file, operation, contract);
    }

    internal static ImportResult ImportFixture(string file, string? operation = null)
    {
        var page = $"tests/ContractKit.Import.Tests/Fixtures/{file}";
        var vendor = file.Split('/')[0];
        return PageImporter.Import(File.ReadAllBytes(Repo.PathOf(page)), page, vendor, operation ?? Path.GetFileNameWithoutExtension(file));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void The_fixture_imports_without_errors_into_its_checked_in_contract_byte_for_byte(string entry)
    {
        var (file, operation, expectedPath) = Parse(entry);
        var result = ImportFixture(file, operation);
        Assert.False(result.HasErrors, string.Join("\n", result.Contract.Findings.Select(f => $"{f.Code} {f.Line}: {f.Message}")));
        var actual = Encoding.UTF8.GetString(ContractWriter.ToUtf8Bytes(result.Contract));
        if (!File.Exists(expectedPath) || File.ReadAllText(expectedPath) != actual)
        {
            File.WriteAllText(Path.ChangeExtension(expectedPath, ".received.json"), actual);
        }

        Assert.True(File.Exists(expectedPath), $"{expectedPath} is missing; review the .received.json beside it");
        Assert.Equal(File.ReadAllText(expectedPath), actual);
        Assert.Equal(actual, Encoding.UTF8.GetString(ContractWriter.ToUtf8Bytes(ImportFixture(file, operation).Contract)));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void The_checked_in_contract_reads_back_and_its_schemas_accept_the_page_samples(string entry)
    {
        var contract = ContractReader.ReadFile(Parse(entry).ContractPath);
        foreach (var example in contract.Examples.Responses)
        {
            var schema = contract.Responses.Single(r => r.Status == example.Status).Schema;
            var result = ContractKit.Validation.SchemaInterpreter.Create(schema).Validate(Encoding.UTF8.GetBytes(example.Body!.ToJsonString()));
            Assert.True(result.IsValid, $"{example.Status} at line {example.Line}: {string.Join("; ", result.Errors)}");
        }
    }

    [Fact]
    public void A_page_of_definition_lists_and_script_tabs_reads_descriptions_beside_their_terms_and_a_status_per_tab()
    {
        var result = ImportFixture("cashfree/add-beneficiary.html");
        var contract = result.Contract;

        // The site header sits in layout boxes, not under <body>; its "v1 · string required" is chrome, not a field.
        var success = contract.ResponseSchema();
        Assert.Equal(["message", "status", "subCode"], success["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("SUCCESS", success.Property("status")["const"]!.GetValue<string>());
        Assert.Equal(@"^\d{3}$", success.Property("subCode")["pattern"]!.GetValue<string>());
        // Tabs without ARIA (a list item naming its pane by data-target) label the panes with their statuses.
        Assert.Equal(["200", "409", "422"], contract.Responses.Select(r => r.Status));
        Assert.DoesNotContain(result.Contract.Findings, f => f.Code == "CKI012");

        // <dt> holds name, type and badge; the <dd> after it holds the description and its constraints.
        var request = contract.RequestSchema();
        Assert.Equal(["beneId", "name", "email", "phone", "address1"], request.Required());
        Assert.Equal(50, request.Property("beneId")["maxLength"]!.GetValue<int>());
        Assert.Equal(@"^\d{8,12}$", request.Property("phone")["pattern"]!.GetValue<string>());
        Assert.Equal((9, 18), (request.Property("bankAccount")["minLength"]!.GetValue<int>(), request.Property("bankAccount")["maxLength"]!.GetValue<int>()));
        Assert.Equal((11, 11), (request.Property("ifsc")["minLength"]!.GetValue<int>(), request.Property("ifsc")["maxLength"]!.GetValue<int>()));
        Assert.Equal(@"^\d{6}$", request.Property("pincode")["pattern"]!.GetValue<string>());
        Assert.StartsWith("The bearer token", contract.Http.Parameters.Single(p => p.Name == "Authorization").Description, StringComparison.Ordinal);
        // The endpoint is on the sandbox host; the environments table names production, which is the base URL.
        Assert.Equal(("https://payout-api.cashfree.com", "https://payout-gamma.cashfree.com"), (contract.Http.BaseUrl, contract.Http.SandboxUrl));
        var conditional = Assert.Single(contract.Findings, f => f.Code == "CKI022");
        Assert.Contains("bankAccount", conditional.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stripe_like_page_nests_child_parameters_two_deep_and_ignores_chrome_and_scripts()
    {
        var contract = ImportFixture("stripe/create-payment-intent.html").Contract;
        Assert.Equal(("POST", "/v1/payment_intents"), (contract.Http.Method, contract.Http.Path));
        Assert.Equal("Create a PaymentIntent", contract.Title);
        var request = contract.RequestSchema();
        Assert.Equal(["amount", "currency"], request.Required());
        Assert.Equal(["name", "address"], request.Property("shipping").Required());
        Assert.Equal("string", request.Property("shipping.address.postal_code")["type"]!.GetValue<string>());
        Assert.Equal(80, request.Property("shipping.address.postal_code")["x-line"]!.GetValue<int>());
        Assert.Equal(["automatic", "automatic_async", "manual"], request.Property("capture_method")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(22, request.Property("statement_descriptor")["maxLength"]!.GetValue<int>());
        // The name and type of a block are not repeated in its description; the summary "Show child parameters" is not text.
        Assert.Equal("Where the goods are shipped.", request.Property("shipping")["description"]!.GetValue<string>());
        var response = contract.ResponseSchema();
        Assert.Equal("payment_intent", response.Property("object")["const"]!.GetValue<string>());
        Assert.Equal(["string", "null"], response.Property("client_secret")["type"]!.AsArray().Select(v => v!.GetValue<string>()));
        // The page script's JSON and the footer's endpoint are chrome.
        Assert.DoesNotContain(contract.Findings, f => f.Code is FindingCodes.ConflictingSections or FindingCodes.MalformedSample);
    }

    [Fact]
    public void A_mintlify_like_page_reads_pills_expandable_children_tabs_per_status_and_a_split_url()
    {
        var contract = ImportFixture("cashfree/create-refund.html").Contract;
        Assert.Equal(("POST", "/pg/orders/{order_id}/refunds", "https://sandbox.cashfree.com"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        Assert.Equal(["order_id", "x-client-id", "x-client-secret", "x-api-version"], contract.Http.Parameters.Select(p => p.Name));
        var request = contract.RequestSchema();
        Assert.Equal(["vendor_id", "amount", "percentage"], request.Property("refund_splits")["items"]!["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal((3, 40), (request.Property("refund_id")["minLength"]!.GetValue<int>(), request.Property("refund_id")["maxLength"]!.GetValue<int>()));
        Assert.Equal(["STANDARD", "INSTANT"], request.Property("refund_speed")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["200", "400"], contract.Responses.Select(r => r.Status));
        Assert.Equal(["requested", "accepted"], contract.ResponseSchema().Property("refund_speed")["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("code", contract.ResponseSchema("400")["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void A_redoc_like_page_reads_field_rows_nested_rows_status_buttons_and_error_fields()
    {
        var contract = ImportFixture("razorpay/create-customer.html").Contract;
        Assert.Equal(("POST", "/v1/customers"), (contract.Http.Method, contract.Http.Path));
        var request = contract.RequestSchema();
        Assert.Equal(["name"], request.Required());
        Assert.Equal(["line1"], request.Property("shipping_address").Required());
        Assert.Equal("^\\d{6}$", request.Property("shipping_address.zipcode")["pattern"]!.GetValue<string>());
        Assert.Equal("1", request.Property("fail_existing")["default"]!.GetValue<string>());
        Assert.Equal(["200", "400"], contract.Responses.Select(r => r.Status));
        Assert.Equal(["string", "null"], contract.ResponseSchema().Property("gstin")["type"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["code", "description"], contract.ResponseSchema("400").Property("error").Required());
    }

    [Fact]
    public void A_plain_table_page_reads_dotted_names_a_query_string_in_the_url_and_skips_a_cookie_banner()
    {
        var contract = ImportFixture("paytm/initiate-transaction.html").Contract;
        Assert.Equal(("POST", "/theia/api/v1/initiateTransaction", "https://securegw-stage.paytm.in"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        Assert.Equal(["mid", "orderId"], contract.Http.Parameters.Where(p => p.In == ParameterLocations.Query).Select(p => p.Name));
        Assert.Equal("Initiate Transaction API", contract.Title);
        Assert.Equal("INR", contract.RequestSchema().Property("body.txnAmount.currency")["const"]!.GetValue<string>());
        Assert.Equal(64, contract.RequestSchema().Property("body.userInfo.custId")["maxLength"]!.GetValue<int>());
    }

    [Fact]
    public void A_readme_like_page_reads_a_header_inside_the_article_child_params_and_status_summaries_and_skips_a_consent_banner()
    {
        var contract = ImportFixture("payu/create-payment-link.html").Contract;
        Assert.Equal(("POST", "/payment-links", "https://uatoneapi.payu.in", "Create Payment Link"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl, contract.Title));
        Assert.Equal(["merchantId", "Authorization"], contract.Http.Parameters.Select(p => p.Name));
        Assert.Equal(["subAmount", "isPartialPaymentAllowed", "description"], contract.RequestSchema().Required());
        Assert.Equal("^\\d{10}$", contract.RequestSchema().Property("customer.phone")["pattern"]!.GetValue<string>());
        Assert.Equal(["200", "401"], contract.Responses.Select(r => r.Status));
        Assert.Equal("boolean", contract.ResponseSchema().Property("result.active")["type"]!.GetValue<string>());
    }

    [Fact]
    public void A_page_of_three_operations_gives_three_contracts_named_from_their_headings_sharing_the_entity_table()
    {
        var bytes = File.ReadAllBytes(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures", "razorpay", "orders.md"));
        var operations = PageImporter.ImportOperations(bytes, "orders.md", "razorpay", "orders");
        Assert.Equal(["create-an-order", "fetch-all-orders", "fetch-an-order-by-id"], operations.Select(o => o.Operation));
        var (create, list, fetch) = (operations[0].Result.Contract, operations[1].Result.Contract, operations[2].Result.Contract);
        Assert.Equal(("POST", "/v1/orders", "Create an order"), (create.Http.Method, create.Http.Path, create.Title));
        Assert.Equal(("GET", "/v1/orders/{id}"), (fetch.Http.Method, fetch.Http.Path));
        Assert.Equal(["from", "to", "count", "skip"], list.Http.Parameters.Select(p => p.Name));
        Assert.Equal(["amount", "currency"], create.RequestSchema().Required());

        // The entity table (line 10 on) is each single operation's response, and the items of the collection.
        Assert.Equal(10, create.ResponseSchema().Property("id")["x-line"]!.GetValue<int>());
        Assert.Equal(["created", "attempted", "paid"], fetch.ResponseSchema().Property("status")["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        var collection = list.ResponseSchema();
        Assert.Equal("collection", collection.Property("entity")["const"]!.GetValue<string>());
        Assert.Equal("integer", collection.Property("count")["type"]!.GetValue<string>());
        Assert.Equal("order", collection.Property("items[].entity")["const"]!.GetValue<string>());
        Assert.Equal(["string", "null"], collection.Property("items[].receipt")["type"]!.AsArray().Select(v => v!.GetValue<string>()));
        // The entity is not the request of the operation that creates it.
        Assert.DoesNotContain("id", create.RequestSchema()["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Naming_an_operation_the_page_does_not_document_is_an_error_listing_the_ones_it_does()
    {
        var bytes = File.ReadAllBytes(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures", "razorpay", "orders.md"));
        var error = Assert.Throws<ContractKit.Import.Pages.PageFormatException>(() => PageImporter.Import(bytes, "orders.md", "razorpay", "orders"));
        Assert.Contains("create-an-order, fetch-all-orders, fetch-an-order-by-id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_endpoints_without_a_heading_between_them_stay_one_operation_with_a_conflict()
    {
        var page = "# Widgets\n\n`POST /v1/widgets`\n\n`GET /v1/widgets`\n";
        var operations = PageImporter.ImportOperations(Encoding.UTF8.GetBytes(page), "w.md", "acme", "widgets");
        Assert.Single(operations);
        Assert.Contains(operations[0].Result.Contract.Findings, f => f.Code == FindingCodes.ConflictingSections);
    }
}
