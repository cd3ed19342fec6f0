using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Probing;
using ContractKit.Stubs;
using ContractKit.Testing;

namespace ContractKit.Tests.Probing;

/// <summary>
/// The stub enforces every documented rule: every generated valid request gets the documented success, and every
/// request that breaks one rule gets the documented 4xx and error shape, with the rule named.
/// </summary>
public sealed class ProbingStubTests
{
    [Theory]
    [MemberData(nameof(ProbeContracts.All), MemberType = typeof(ProbeContracts))]
    public async Task Every_generated_valid_request_gets_the_documented_success(string file)
    {
        var contract = ProbeContracts.Read(file);
        await using var stub = await StubServer.StartAsync([contract], TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        var transport = new HttpProbeTransport(client, stub.BaseAddressFor(contract.Vendor), 0);
        var cases = new RequestCases(contract, ProbeContracts.StubCredentials(contract), documentedPathValues: false);
        var success = int.Parse(contract.Responses.First(r => r.Status.StartsWith('2')).Status.Replace("xx", "00", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

        PropertyRuns.Check(ProbeContracts.Choices, choices =>
        {
            var request = cases.Valid(new ModuloChoices(choices), GenerationLimits.Random, "valid").Request;
            var response = transport.SendAsync(request, default).GetAwaiter().GetResult();
            Assert.True(response.Status == success, $"{request.Describe(cases.Credentials)}\nanswered {response.Status}: {response.Body}");
        }, iterations: 25, ProbeContracts.Print);

        foreach (var limits in new[] { GenerationLimits.Boundary, GenerationLimits.Random })
        {
            var edge = cases.Valid(limits == GenerationLimits.Boundary ? PolicyChoices.Extreme() : PolicyChoices.Complete(), limits, "edge").Request;
            var answer = await transport.SendAsync(edge, TestContext.Current.CancellationToken);
            Assert.True(answer.Status == success, $"{edge.Describe(cases.Credentials)}\nanswered {answer.Status}: {answer.Body}");
        }
    }

    [Theory]
    [MemberData(nameof(ProbeContracts.All), MemberType = typeof(ProbeContracts))]
    public async Task Every_request_that_breaks_one_rule_gets_the_documented_error_naming_the_rule(string file)
    {
        var contract = ProbeContracts.Read(file);
        await using var stub = await StubServer.StartAsync([contract], TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        var transport = new HttpProbeTransport(client, stub.BaseAddressFor(contract.Vendor), 0);
        var cases = new RequestCases(contract, ProbeContracts.StubCredentials(contract), documentedPathValues: false);
        var error = contract.Responses.FirstOrDefault(r => r.Status[0] == '4');
        var status = error is null ? 400 : int.Parse(error.Status.Replace("xx", "00", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var documentedBody = error is null ? null : contract.Examples.Responses.FirstOrDefault(e => e.Status == error.Status)?.Body;

        var complete = cases.Invalid(PolicyChoices.Complete()).Where(StubCanJudge).ToList();
        if (complete.Count == 0)
        {
            // Only an operation that documents nothing a request could break (no body, no credentials, no query
            // or header parameter, a path parameter with no constraint) has no rule to probe.
            Assert.True(contract.Request is null && contract.Http.Auth.Scheme == "none"
                && contract.Http.Parameters.All(p => p.In == "path"), $"{file}: no invalid request, though the contract documents rules");
            return;
        }

        foreach (var probe in complete)
        {
            await Rejected(probe);
        }

        PropertyRuns.Check(ProbeContracts.Choices, choices =>
        {
            foreach (var probe in cases.Invalid(new ModuloChoices(choices)).Where(StubCanJudge))
            {
                Rejected(probe).GetAwaiter().GetResult();
            }
        }, iterations: 8, ProbeContracts.Print);

        async Task Rejected(ProbeCase probe)
        {
            var response = await transport.SendAsync(probe.Request, default);
            var said = $"{probe.Rule}\n{probe.Request.Describe(cases.Credentials)}\nanswered {response.Status}: {response.Body}";
            Assert.True(response.Status == status, said);
            if (documentedBody is not null)
            {
                Assert.True(JsonNode.DeepEquals(documentedBody, JsonNode.Parse(response.Body)), said);
            }
            else
            {
                Assert.True(JsonNode.Parse(response.Body)?["errors"] is JsonArray { Count: > 0 }, said);
            }

            var rules = response.Headers!["x-contractkit-stub-rules"].Split(", ");
            if (probe.Rule!.Keyword == "auth" && contract.Http.Auth.Scheme == AuthSchemes.Headers)
            {
                // Without credentials, every credential header is missing: each is its own required header.
                Assert.Equal(contract.Http.Auth.Headers.Select(h => "header:" + h + " required").Order(StringComparer.Ordinal), rules.Order(StringComparer.Ordinal));
                return;
            }

            Assert.True(rules.Length == 1, $"expected the one rule broken, got {string.Join(" | ", rules)}\n{said}");
            Assert.Contains(Expected(contract, probe.Rule), rules);
        }
    }

    [Fact]
    public async Task The_stub_checks_query_values_against_their_schema()
    {
        var contract = ProbeContracts.Read("tests/ContractKit.Import.Tests/Fixtures/razorpay/fetch-payment.contract.json");
        await using var stub = await StubServer.StartAsync([contract], TestContext.Current.CancellationToken);
        using var client = new HttpClient();
        var transport = new HttpProbeTransport(client, stub.BaseAddressFor(contract.Vendor), 0);
        var cases = new RequestCases(contract, ProbeContracts.StubCredentials(contract));
        var valid = cases.Valid(PolicyChoices.Complete(), GenerationLimits.Random, "valid").Request;
        Assert.Contains(valid.Query, q => q.Key == "expand[]");

        var listed = await transport.SendAsync(valid, TestContext.Current.CancellationToken);
        var unlisted = await transport.SendAsync(valid with { Query = [new("expand[]", "everything")] }, TestContext.Current.CancellationToken);

        Assert.Equal(200, listed.Status);
        Assert.Equal(400, unlisted.Status);
        Assert.Equal("query:expand[] enum", unlisted.Headers!["x-contractkit-stub-rules"]);
    }

    /// <summary>The stub has no records and knows no real credentials: it cannot judge a wrong secret or an unknown id.</summary>
    private static bool StubCanJudge(ProbeCase probe) => !probe.Rule!.KnownCredentialsOnly && !probe.Rule.Inferred;

    /// <summary>How the stub names the rule a case breaks (location, then keyword).</summary>
    private static string Expected(Contract contract, ProbeRule rule)
    {
        if (rule.Keyword == "auth")
        {
            return "header:Authorization auth";
        }

        var (kind, name) = rule.Target.Split(' ', 2) is [var k, var n] ? (k, n) : (rule.Target, "");
        return kind == "body"
            ? "body:" + rule.InstanceLocation + " " + rule.Keyword
            : kind + ":" + name + " " + rule.Keyword;
    }
}
