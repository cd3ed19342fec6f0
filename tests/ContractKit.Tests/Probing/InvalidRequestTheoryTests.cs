using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Http;
using ContractKit.Probing;
using ContractKit.Testing;
using ContractKit.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContractKit.Tests.Probing;

/// <summary>
/// The runtime of the generated negative tests (<see cref="InvalidRequestTests"/>): every row of every contract
/// passes against the stub and against a sandbox that enforces the documented rules, and a row fails, naming
/// the rule and the request with credentials masked, where the vendor accepts what the docs forbid.
/// </summary>
public sealed class InvalidRequestTheoryTests
{
    private static ContractTestTarget Target(string file, IReadOnlyDictionary<string, string>? environment = null)
    {
        var path = Repo.PathOf(file.Split('/'));
        return ContractTestTarget.For(File.ReadAllText(path), path, name => environment?.GetValueOrDefault(name));
    }

    [Theory]
    [MemberData(nameof(ProbeContracts.All), MemberType = typeof(ProbeContracts))]
    public async Task Every_row_passes_against_the_stub(string file)
    {
        var target = Target(file);
        var rows = InvalidRequestTests.Rules(target);
        Assert.Equal(rows.Count, rows.Distinct(StringComparer.Ordinal).Count());
        if (rows is [InvalidRequestTests.NoRuleRow])
        {
            // Only an operation that documents nothing a request could break has no row; it is skipped, not passed.
            var contract = ProbeContracts.Read(file);
            Assert.True(contract.Request is null && contract.Http.Auth.Scheme == "none" && contract.Http.Parameters.All(p => p.In == "path"), file);
            Assert.True(await SkipsAsync(() => InvalidRequestTests.RefusedAsync(target, rows[0])) is not null, "the row must be skipped");
            return;
        }

        // The stub cannot judge wrong credentials or unknown ids: those rows are live only.
        Assert.DoesNotContain(rows, r => r.Contains("(wrong)", StringComparison.Ordinal) || r.EndsWith(" examples", StringComparison.Ordinal));
        foreach (var row in rows)
        {
            await InvalidRequestTests.RefusedAsync(target, row);
        }
    }

    /// <summary>
    /// The message without its skip prefix where the call throws one that carries it (a skip), else null. Caught by
    /// hand: xunit.v3 turns an exception with the skip prefix into a skip even inside Assert.ThrowsAsync.
    /// </summary>
    private static async Task<string?> SkipsAsync(Func<Task> call)
    {
        try
        {
            await call();
            return null;
        }
        catch (ContractTestException e)
        {
            return e.Message.StartsWith(ContractTestTarget.DynamicSkipPrefix, StringComparison.Ordinal) ? e.Message[ContractTestTarget.DynamicSkipPrefix.Length..] : null;
        }
    }

    [Fact]
    public void The_rows_of_the_seed_contracts_name_each_rule_by_what_it_is_about_and_its_keyword()
    {
        Assert.Equal(["credentials auth", "body type", "body /active required", "body /active type"],
            InvalidRequestTests.Rules(Target("schemas/razorpay/activate-contact.contract.json")));
        var instantpay = InvalidRequestTests.Rules(Target("schemas/instantpay/update-contact.contract.json"));
        Assert.Contains("credentials auth", instantpay);
        Assert.True(instantpay.Contains("header X-Ipay-Client-Secret required"), string.Join(", ", instantpay));
        Assert.True(instantpay.Any(r => r.StartsWith("body /", StringComparison.Ordinal)), string.Join(", ", instantpay));

        // Live adds what only the vendor can judge: credentials it did not issue, an id of another shape.
        var live = InvalidRequestTests.Rules(Target("schemas/razorpay/activate-contact.contract.json", new Dictionary<string, string> { ["CONTRACTKIT_MODE"] = "live" }));
        Assert.Contains("credentials (wrong) auth", live);
        Assert.Contains("path id examples", live);
    }

    [Fact]
    public async Task Every_row_passes_live_against_a_sandbox_that_enforces_the_documented_rules()
    {
        await using var sandbox = await SandboxSimulator.StartRazorpayAsync(seed: 14);
        var target = Target("schemas/razorpay/activate-contact.contract.json", sandbox.LiveEnvironment());
        var rows = InvalidRequestTests.Rules(target);
        Assert.Contains("credentials (wrong) auth", rows);
        foreach (var row in rows)
        {
            await InvalidRequestTests.RefusedAsync(target, row);
        }

        // One request per row, and the complete valid request once for the class.
        Assert.Equal(rows.Count + 1, sandbox.Requests);
    }

    [Fact]
    public async Task Live_without_the_write_opt_in_a_state_changing_row_is_skipped_and_sends_nothing()
    {
        await using var sandbox = await SandboxSimulator.StartRazorpayAsync(seed: 14);
        var target = Target("schemas/razorpay/activate-contact.contract.json", sandbox.LiveEnvironment(allowWrites: false));
        var skipped = await SkipsAsync(() => InvalidRequestTests.RefusedAsync(target, "body /active required"));
        Assert.NotNull(skipped);
        Assert.Contains(LiveSettings.AllowWritesVariable + "=true", skipped, StringComparison.Ordinal);
        Assert.Equal(0, sandbox.Requests);

        var failing = new Dictionary<string, string>(sandbox.LiveEnvironment(allowWrites: false)) { [ContractTestTarget.FailSkippedVariable] = "true" };
        var failed = await Assert.ThrowsAsync<ContractTestException>(() => InvalidRequestTests.RefusedAsync(Target("schemas/razorpay/activate-contact.contract.json", failing), "body /active required"));
        Assert.DoesNotContain(ContractTestTarget.DynamicSkipPrefix, failed.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was checked", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_a_vendor_that_accepts_a_forbidden_request_fails_the_row_naming_the_rule_and_the_request()
    {
        const string file = "schemas/razorpay/activate-contact.contract.json";
        await using var vendor = await LaxVendor.StartAsync(ProbeContracts.Read(file), ignoredKeyword: "required");
        var environment = new Dictionary<string, string>
        {
            ["CONTRACTKIT_MODE"] = "live",
            ["CONTRACTKIT_RAZORPAY_BASE_URL"] = vendor.BaseAddress.ToString(),
            ["CONTRACTKIT_RAZORPAY_KEY_ID"] = LaxVendor.KeyId,
            ["CONTRACTKIT_RAZORPAY_KEY_SECRET"] = LaxVendor.KeySecret,
            [LiveSettings.AllowWritesVariable] = "true",
        };
        var target = Target(file, environment);
        var failures = new Dictionary<string, string>();
        foreach (var row in InvalidRequestTests.Rules(target))
        {
            try
            {
                await InvalidRequestTests.RefusedAsync(target, row);
            }
            catch (ContractTestException e)
            {
                failures[row] = e.Message;
            }
        }

        // Exactly the rule the vendor does not enforce fails; the others (credentials, types) pass.
        var failure = Assert.Single(failures);
        Assert.Equal("body /active required", failure.Key);
        var message = failure.Value;
        Assert.Contains("razorpay/activate-contact invalid request \"body /active required\"", message, StringComparison.Ordinal);
        Assert.Contains("the vendor accepted (200) a request its docs forbid: active is required", message, StringComparison.Ordinal);
        Assert.Contains("/request/schema/required (required)", message, StringComparison.Ordinal);
        Assert.Contains("PATCH /v1/contacts/", message, StringComparison.Ordinal);
        Assert.Contains("Authorization: Basic ***", message, StringComparison.Ordinal);
        Assert.DoesNotContain(LaxVendor.KeySecret, message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(LaxVendor.KeyId + ":" + LaxVendor.KeySecret)), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_a_vendor_that_refuses_even_the_valid_request_fails_every_row_rather_than_pass_it()
    {
        const string file = "schemas/razorpay/activate-contact.contract.json";
        await using var vendor = await LaxVendor.StartAsync(ProbeContracts.Read(file), ignoredKeyword: null, refuseAll: true);
        var environment = new Dictionary<string, string>
        {
            ["CONTRACTKIT_MODE"] = "live",
            ["CONTRACTKIT_RAZORPAY_BASE_URL"] = vendor.BaseAddress.ToString(),
            ["CONTRACTKIT_RAZORPAY_KEY_ID"] = LaxVendor.KeyId,
            ["CONTRACTKIT_RAZORPAY_KEY_SECRET"] = LaxVendor.KeySecret,
            [LiveSettings.AllowWritesVariable] = "true",
        };
        var target = Target(file, environment);
        var failed = await Assert.ThrowsAsync<ContractTestException>(() => InvalidRequestTests.RefusedAsync(target, "body /active type"));
        Assert.Contains("the complete valid request, of which this one breaks a single rule, was refused (403)", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Against_the_stub_an_answer_that_is_not_the_documented_refusal_naming_the_rule_fails()
    {
        var contract = ProbeContracts.Read("schemas/razorpay/activate-contact.contract.json");
        var cases = InvalidRequestTests.Cases(contract, live: false, ProbeCredentials.MadeUp(contract), pathValues: null);
        var required = cases.Single(c => c.Row == "body /active required").Case;
        // The page documents no 4xx body: the stub's own lists the errors.
        Assert.DoesNotContain(contract.Examples.Responses, r => r.Status == "4xx");
        const string documented = """{"message":"refused","errors":[{"keyword":"required"}]}""";
        ProbeResponse Answer(int status, string body, string rules) => new(status, body, new Dictionary<string, string> { ["x-contractkit-stub-rules"] = rules });

        Assert.Null(InvalidRequestTests.Judge(contract, required, Answer(400, documented, "body: required"), live: false));
        Assert.Equal("the stub accepted (200) a request the docs forbid: active is required",
            InvalidRequestTests.Judge(contract, required, Answer(200, "{}", ""), live: false));
        Assert.Equal("the stub answered 422, not the documented error status 400",
            InvalidRequestTests.Judge(contract, required, Answer(422, documented, "body: required"), live: false));
        Assert.Equal("the stub's error body lists no errors",
            InvalidRequestTests.Judge(contract, required, Answer(400, """{"errors":[]}""", "body: required"), live: false));
        Assert.Equal("the stub did not name the rule broken: expected body: required in X-ContractKit-Stub-Rules, got \"body:/active type\"",
            InvalidRequestTests.Judge(contract, required, Answer(400, documented, "body:/active type"), live: false));

        // Live, any 4xx will do, and nothing else.
        Assert.Null(InvalidRequestTests.Judge(contract, required, new ProbeResponse(422, "{}"), live: true));
        Assert.Equal("the vendor answered 500, not a 4xx refusal", InvalidRequestTests.Judge(contract, required, new ProbeResponse(500, ""), live: true));
    }

    /// <summary>
    /// A loopback vendor for one contract: it checks the basic credentials and the body against the contract, except
    /// every rule with <c>ignoredKeyword</c>, which it does not enforce; it knows only the documented record (404 for
    /// another id); with <c>refuseAll</c> it refuses everything.
    /// </summary>
    private sealed class LaxVendor : IAsyncDisposable
    {
        public const string KeyId = "rzp_test_LAXCANARYKEY01";
        public const string KeySecret = "LAX-CANARY-SECRET-never-printed";

        private readonly WebApplication app;

        private LaxVendor(WebApplication app, Uri baseAddress)
        {
            this.app = app;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<LaxVendor> StartAsync(Contract contract, string? ignoredKeyword, bool refuseAll = false)
        {
            var body = SchemaInterpreter.Create(contract.Request!.Schema);
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(KeyId + ":" + KeySecret));
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            app.Run(async context =>
            {
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer);
                var errors = body.Validate(buffer.ToArray()).Errors.Where(e => e.Keyword != ignoredKeyword).ToList();
                var record = (context.Request.Path.Value ?? "").Split('/').Last();
                context.Response.StatusCode = refuseAll ? 403
                    : context.Request.Headers.Authorization.ToString() != expected ? 401
                    : record != "cont_00000000000001" ? 404
                    : errors.Count > 0 ? 400
                    : 200;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(new JsonObject { ["errors"] = errors.Count }.ToJsonString());
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LaxVendor(app, new Uri(address + "/"));
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
