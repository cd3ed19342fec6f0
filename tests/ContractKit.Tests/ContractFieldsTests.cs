using ContractKit.Contracts;
using ContractKit.Testing;

namespace ContractKit.Tests;

public sealed class ContractFieldsTests
{
    [Fact]
    public void Lists_parameters_request_and_response_fields_with_dotted_paths()
    {
        var contract = ContractReader.ReadFile(Repo.PathOf("schemas", "instantpay", "update-contact.contract.json"));
        var fields = ContractFields.List(contract).ToList();

        var tagId = Assert.Single(fields, f => f.Path == "tagDetails[].tagId");
        Assert.Equal(("request", null, "body", "string", true, false), (tagId.Part, tagId.Status, tagId.In, tagId.Type, tagId.Required, tagId.Nullable));

        var secret = Assert.Single(fields, f => f.Path == "X-Ipay-Client-Secret");
        Assert.Equal(("header", true), (secret.In, secret.Secret));

        var orderid = Assert.Single(fields, f => f.Path == "orderid");
        Assert.Equal(("response", "200", "string", true, true), (orderid.Part, orderid.Status, orderid.Type, orderid.Required, orderid.Nullable));

        var timestamp = Assert.Single(fields, f => f.Path == "timestamp");
        Assert.True(timestamp.Volatile);
        Assert.Equal(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", timestamp.Constraints["pattern"]!.GetValue<string>());

        var inferred = Assert.Single(fields, f => f.Path == "data.userId");
        Assert.Equal(("integer", false, true), (inferred.Type, inferred.Required, inferred.Inferred));
    }

    [Fact]
    public void Constraints_hold_validation_keywords_only()
    {
        var contract = ContractReader.ReadFile(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
        var notes = Assert.Single(ContractFields.List(contract), f => f.Path == "notes");
        Assert.Equal(["maxProperties", "additionalProperties"], notes.Constraints.Select(c => c.Key));
        Assert.Equal(139, notes.Line);
    }
}
