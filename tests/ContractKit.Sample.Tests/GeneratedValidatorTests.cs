using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Sample.Tests.Contracts.Instantpay;
using ContractKit.Sample.Tests.Contracts.Razorpay;
using ContractKit.Testing;

namespace ContractKit.Sample.Tests;

/// <summary>The validators this project's build generated from schemas/ (no in-test compilation).</summary>
public sealed class GeneratedValidatorTests
{
    private static byte[] ResponseExample(string vendor, string operation)
    {
        var contract = JsonNode.Parse(File.ReadAllText(Repo.PathOf("schemas", vendor, operation + ".contract.json")))!;
        return Encoding.UTF8.GetBytes(contract["examples"]!["responses"]![0]!["body"]!.ToJsonString());
    }

    [Fact]
    public void Razorpay_example_is_valid_and_a_broken_one_is_not()
    {
        var example = ResponseExample("razorpay", "activate-contact");
        Assert.True(ActivateContactResponseValidator.IsValid(example));
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(example).Replace("\"active\":false", "\"active\":\"no\"", StringComparison.Ordinal));
        var error = Assert.Single(ActivateContactResponseValidator.Validate(broken).Errors);
        Assert.Equal(("/active", "type", 131), (error.InstanceLocation, error.Keyword, error.Line));
    }

    [Fact]
    public void Instantpay_example_is_valid()
    {
        Assert.True(UpdateContactResponseValidator.Validate(ResponseExample("instantpay", "update-contact")).IsValid);
        Assert.False(UpdateContactRequestValidator.IsValid("{}"u8));
    }
}
