using System.Text;
using ContractKit.Contracts;
using ContractKit.Testing;

namespace ContractKit.Import.Tests;

/// <summary>The two real vendor pages under docs/vendors, and the contracts checked in from them.</summary>
public sealed class VendorPageTests
{
    private static ImportResult ImportVendorPage(string vendor, string operation)
    {
        var page = $"docs/vendors/{vendor}/{operation}.txt";
        return PageImporter.Import(File.ReadAllBytes(Repo.PathOf(page)), page, vendor, operation);
    }

    [Theory]
    [InlineData("razorpay", "activate-contact")]
    [InlineData("instantpay", "update-contact")]
    public void Importing_the_page_again_reproduces_the_checked_in_contract_byte_for_byte(string vendor, string operation)
    {
        var result = ImportVendorPage(vendor, operation);
        var expected = File.ReadAllText(Repo.PathOf("schemas", vendor, operation + ".contract.json"));
        Assert.False(result.HasErrors);
        Assert.Equal(expected, Encoding.UTF8.GetString(ContractWriter.ToUtf8Bytes(result.Contract)));
    }

    [Theory]
    [InlineData("razorpay", "activate-contact", "razorpay-activate-contact.txt")]
    [InlineData("instantpay", "update-contact", "instantpay-update-contact.txt")]
    public void The_pages_under_docs_are_the_seed_pages(string vendor, string operation, string seed)
    {
        var shared = Repo.Shared;
        if (shared is null)
        {
            Assert.Skip("../shared is absent: the seed pages cannot be compared");
            return;
        }

        Assert.Equal(File.ReadAllBytes(Path.Combine(shared, "seeds", seed)), File.ReadAllBytes(Repo.PathOf("docs", "vendors", vendor, operation + ".txt")));
    }

    [Fact]
    public void Razorpay_endpoint_auth_and_path_parameter()
    {
        var contract = ImportVendorPage("razorpay", "activate-contact").Contract;
        Assert.Equal(("PATCH", "/v1/contacts/{id}", "https://api.razorpay.com"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        Assert.Equal("Activate or Deactivate a Contact", contract.Title);
        Assert.Equal((AuthSchemes.Basic, 19), (contract.Http.Auth.Scheme, contract.Http.Auth.Line));
        var id = Assert.Single(contract.Http.Parameters);
        Assert.Equal(("id", "path", true, 68), (id.Name, id.In, id.Required, id.Line));
        Assert.Equal("[\"cont_00000000000001\"]", id.Schema["examples"]!.ToJsonString());
    }

    [Fact]
    public void Razorpay_request_and_response_bodies()
    {
        var contract = ImportVendorPage("razorpay", "activate-contact").Contract;
        var request = contract.RequestSchema();
        Assert.Equal(["active"], request.Required());
        Assert.Equal(("\"boolean\"", true), (request.Property("active").TypeText(), request.Property("active")["default"]!.GetValue<bool>()));

        var response = contract.ResponseSchema();
        Assert.Equal(["id", "entity", "name", "contact", "email", "type", "reference_id", "batch_id", "active", "notes", "created_at"], response.Required());
        Assert.Equal("[\"string\",\"null\"]", response.Property("batch_id").TypeText());
        Assert.Equal("email", response.Property("email")["format"]!.GetValue<string>());
        Assert.Equal(15, response.Property("notes")["maxProperties"]!.GetValue<int>());
        Assert.Equal(256, response.Property("notes")["additionalProperties"]!["maxLength"]!.GetValue<int>());
        Assert.Equal("\"integer\"", response.Property("created_at").TypeText());
        Assert.True(response.Property("created_at")["x-volatile"]!.GetValue<bool>());
        Assert.True(response.Property("id")["x-volatile"]!.GetValue<bool>());
        Assert.Null(response.Property("reference_id")["x-volatile"]);
    }

    [Fact]
    public void Razorpay_error_examples_and_findings()
    {
        var contract = ImportVendorPage("razorpay", "activate-contact").Contract;
        var error = contract.Responses.Single(r => r.Status == "4xx");
        Assert.Equal(("<sample id> is not a valid id.", "The contact id entered in the request body is invalid/does not exist.", 153),
            (error.Message, error.Description, error.Line));

        var example = Assert.Single(contract.Examples.Responses);
        Assert.Equal(("200", 36), (example.Status, example.Line));
        Assert.Equal(1545320320, example.Body!["created_at"]!.GetValue<long>());
        Assert.Equal("{\"active\":false}", contract.Examples.Request!.Body!.ToJsonString());

        Assert.Equal(["CKI002", "CKI012", "CKI011", "CKI005"], contract.Findings.Select(f => f.Code));
        var repeated = contract.Finding(FindingCodes.RepeatedContent);
        Assert.Equal(161, repeated.Line);
        Assert.Equal(("batch_id", 52), (contract.Finding(FindingCodes.NullInSample).Field, contract.Finding(FindingCodes.NullInSample).Line));
    }

    [Fact]
    public void Instantpay_endpoint_headers_and_auth()
    {
        var contract = ImportVendorPage("instantpay", "update-contact").Contract;
        Assert.Equal(("PATCH", "/contacts/profile", "https://api.instantpay.in"), (contract.Http.Method, contract.Http.Path, contract.Http.BaseUrl));
        Assert.Equal("Update Contact", contract.Title);
        Assert.Equal(AuthSchemes.Headers, contract.Http.Auth.Scheme);
        Assert.Equal(["X-Ipay-Auth-Code", "X-Ipay-Client-Id", "X-Ipay-Client-Secret", "X-Ipay-Endpoint-Ip"], contract.Http.Auth.Headers);
        Assert.Equal(["X-Ipay-Client-Id", "X-Ipay-Client-Secret"], contract.Http.Parameters.Where(p => p.Secret).Select(p => p.Name));
        Assert.All(contract.Http.Parameters, p => Assert.Equal(("header", true), (p.In, p.Required)));
        Assert.Equal("14.142.186.142", contract.Examples.Request!.Headers.Single(h => h.Key == "X-Ipay-Endpoint-Ip").Value);
    }

    [Fact]
    public void Instantpay_request_body_from_the_run_together_table_and_the_sample()
    {
        var contract = ImportVendorPage("instantpay", "update-contact").Contract;
        var request = contract.RequestSchema();
        Assert.Equal(["contactId", "name", "email", "mobile", "tagDetails"], request.Required());
        Assert.Equal("\"array\"", request.Property("tagDetails").TypeText());
        Assert.Equal(10, request.Property("tagDetails[].tagId")["x-line"]!.GetValue<int>());
        Assert.Equal(["tagId"], request.Property("tagDetails[]").Required());
        // The sample's email is a capture artefact ("[email protected]"), so the contract cannot demand an address.
        Assert.Null(request.Property("email")["format"]);
        var dropped = contract.Finding(FindingCodes.ConstraintContradicted);
        Assert.Equal(("email", 23), (dropped.Field, dropped.Line));
    }

    [Fact]
    public void Instantpay_response_follows_the_sample_where_the_table_disagrees()
    {
        var contract = ImportVendorPage("instantpay", "update-contact").Contract;
        var response = contract.ResponseSchema();
        Assert.Equal("\"object\"", response.Property("data").TypeText());
        Assert.Equal("\"integer\"", response.Property("data.userId").TypeText());
        Assert.Equal("\"array\"", response.Property("data.tagId").TypeText());
        foreach (var nullable in new[] { "actcode", "orderid", "internalCode" })
        {
            Assert.Equal("[\"string\",\"null\"]", response.Property(nullable).TypeText());
        }

        Assert.Equal(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", response.Property("timestamp")["pattern"]!.GetValue<string>());
        foreach (var volatileField in new[] { "timestamp", "ipay_uuid", "data._id", "data.created_at", "data.updated_at" })
        {
            Assert.True(response.Property(volatileField)["x-volatile"]!.GetValue<bool>(), volatileField);
        }

        var mismatch = contract.Finding(FindingCodes.TypeMismatch);
        Assert.Equal(("data", 68, FindingSeverity.Warning), (mismatch.Field, mismatch.Line, mismatch.Severity));
        Assert.Equal(["actcode", "orderid", "internalCode"], contract.Findings.Where(f => f.Code == FindingCodes.NullInSample).Select(f => f.Field));
        Assert.Equal(FindingSeverity.Warning, contract.Findings.First(f => f.Field == "actcode").Severity);
        Assert.Equal(FindingSeverity.Info, contract.Findings.First(f => f.Field == "internalCode").Severity);
    }
}
