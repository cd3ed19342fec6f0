using System.Text.Json.Nodes;
using ContractKit.Probing;
using ContractKit.Testing;

namespace ContractKit.Tests.Probing;

/// <summary>The prober's shrinking, against an in-memory vendor: findings come back as the smallest request that still shows them.</summary>
public sealed class ProberShrinkingTests
{
    private sealed class Vendor(Func<ProbeRequest, bool> refuses) : IProbeTransport
    {
        public int Requests { get; private set; }

        public Task<ProbeResponse> SendAsync(ProbeRequest request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(refuses(request) ? new ProbeResponse(400, """{"message":"refused"}""") : new ProbeResponse(200, "{}"));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_undocumented_limit_shrinks_to_the_smallest_request_just_past_it(int seed)
    {
        var contract = ProbeContracts.Read("tests/ContractKit.Import.Tests/Fixtures/cashfree/create-order.contract.json");
        var body = ContractKit.Validation.SchemaInterpreter.Create(contract.Request!.Schema);
        var headers = contract.Http.Parameters.Where(p => p.In == "header" && p.Required).Select(p => p.Name).ToList();
        // Every documented rule enforced, and one more: customer ids of at most 20 characters (the docs allow 50).
        var vendor = new Vendor(r => !body.IsValid(System.Text.Encoding.UTF8.GetBytes(r.BodyText))
            || headers.Any(h => !r.Headers.Any(x => x.Key.Equals(h, StringComparison.OrdinalIgnoreCase)))
            || (r.Body as JsonObject)?["customer_details"]?["customer_id"]?.GetValue<string>().Length > 20);
        var budget = new ProbeBudget(200);
        var result = await new Prober(vendor, budget, new ProbeOptions(seed, KnownCredentials: false, InferredRules: true))
            .ProbeAsync(new RequestCases(contract, ProbeContracts.StubCredentials(contract)), "create-order", 1, TestContext.Current.CancellationToken);

        var finding = Assert.Single(result.Findings);
        Assert.Equal(FindingKind.RejectedAllowed, finding.Kind);
        Assert.True(finding.ShrinkRequests <= 40, finding.ShrinkRequests.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["/customer_details/customer_id"], finding.Differs);
        Assert.Equal(21, finding.Body!["customer_details"]!["customer_id"]!.GetValue<string>().Length);
        Assert.Equal(["customer_details", "order_amount", "order_currency"], finding.Body.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(200, vendor.Requests);
    }
}
