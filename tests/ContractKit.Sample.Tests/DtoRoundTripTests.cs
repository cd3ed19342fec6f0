using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Sample.Tests.Contracts.Instantpay;
using ContractKit.Sample.Tests.Contracts.Razorpay;
using ContractKit.Testing;

namespace ContractKit.Sample.Tests;

/// <summary>The generated DTOs read and write the documented examples through the vendor's JSON context.</summary>
public sealed class DtoRoundTripTests
{
    private static JsonNode Example(string vendor, string operation, string part)
    {
        var contract = JsonNode.Parse(File.ReadAllText(Repo.PathOf("schemas", vendor, operation + ".contract.json")))!;
        return part == "request" ? contract["examples"]!["request"]!["body"]! : contract["examples"]!["responses"]![0]!["body"]!;
    }

    [Fact]
    public void Razorpay_response_round_trips()
    {
        var json = Example("razorpay", "activate-contact", "response").ToJsonString();
        var contact = JsonSerializer.Deserialize(json, RazorpayJsonContext.Default.ActivateContactResponse)!;

        Assert.Equal("cont_00000000000001", contact.Id);
        Assert.Null(contact.BatchId);
        Assert.False(contact.Active);
        Assert.Equal(1545320320L, contact.CreatedAt);
        Assert.Equal("Tea, Earl Grey, Hot", contact.Notes["notes_key_1"]);

        var written = JsonSerializer.Serialize(contact, RazorpayJsonContext.Default.ActivateContactResponse);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(written)), written);
    }

    [Fact]
    public void Instantpay_response_and_request_round_trip()
    {
        var json = Example("instantpay", "update-contact", "response").ToJsonString();
        var response = JsonSerializer.Deserialize(json, InstantpayJsonContext.Default.UpdateContactResponse)!;
        Assert.Equal(189590L, response.Data.UserId);
        Assert.Equal(["645b280e95335f08eb021aa2"], response.Data.TagId!);
        Assert.Null(response.Orderid);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(JsonSerializer.Serialize(response, InstantpayJsonContext.Default.UpdateContactResponse))));

        var requestJson = Example("instantpay", "update-contact", "request").ToJsonString();
        var request = JsonSerializer.Deserialize(requestJson, InstantpayJsonContext.Default.UpdateContactRequest)!;
        Assert.Equal("645381c92c8e9e093406ccb2", Assert.Single(request.TagDetails).TagId);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(requestJson), JsonNode.Parse(JsonSerializer.Serialize(request, InstantpayJsonContext.Default.UpdateContactRequest))));
    }

    [Fact]
    public void Undocumented_fields_survive_a_round_trip()
    {
        var node = Example("razorpay", "activate-contact", "response").AsObject();
        node["vpa"] = new JsonObject { ["address"] = "gaurav@upi" };
        var contact = JsonSerializer.Deserialize(node.ToJsonString(), RazorpayJsonContext.Default.ActivateContactResponse)!;
        Assert.Equal("gaurav@upi", contact.AdditionalFields!["vpa"].GetProperty("address").GetString());
        var written = JsonNode.Parse(JsonSerializer.Serialize(contact, RazorpayJsonContext.Default.ActivateContactResponse));
        Assert.True(JsonNode.DeepEquals(node, written));
    }

    [Fact]
    public void A_missing_required_field_or_a_wrong_kind_is_a_json_exception_naming_it()
    {
        var node = Example("razorpay", "activate-contact", "response").AsObject();
        node.Remove("entity");
        var missing = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(node.ToJsonString(), RazorpayJsonContext.Default.ActivateContactResponse));
        Assert.Contains("\"entity\"", missing.Message, StringComparison.Ordinal);

        var wrong = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"active": "yes"}""", RazorpayJsonContext.Default.ActivateContactRequest));
        Assert.Contains("expected true or false", wrong.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_are_built_in_code_with_required_members()
    {
        var request = new ActivateContactRequest { Active = true };
        Assert.Equal("""{"active":true}""", JsonSerializer.Serialize(request, RazorpayJsonContext.Default.ActivateContactRequest));
    }
}
