using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContractKit.Packaging.Tests;

/// <summary>
/// A loopback Razorpay contacts API for the packaged consumer's CI workflow: it checks basic credentials,
/// knows its contacts (4xx for any other id), and answers with data of its own on every call (names,
/// emails, notes keys, a batch id that is sometimes null). It needs nothing from the packages under test;
/// the contract-driven SandboxSimulator in tests/Shared is the one the live-mode tests use.
/// </summary>
public sealed class RazorpaySimulator : IAsyncDisposable
{
    public const string KeyId = "rzp_test_CANARYKEYID0001";
    public const string KeySecret = "CANARY-SECRET-must-never-appear";

    /// <summary>A contact that exists only in this sandbox: the docs cannot know its id.</summary>
    public const string SandboxContact = "cont_SANDBOX0000042";
    private readonly WebApplication app;
    private int requests;

    private RazorpaySimulator(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The live-mode settings that point contract tests at this simulator with its credentials.</summary>
    public Dictionary<string, string> LiveEnvironment(bool allowWrites = true)
    {
        var environment = new Dictionary<string, string>
        {
            ["CONTRACTKIT_MODE"] = "live",
            ["CONTRACTKIT_RAZORPAY_BASE_URL"] = BaseAddress.ToString(),
            ["CONTRACTKIT_RAZORPAY_KEY_ID"] = KeyId,
            ["CONTRACTKIT_RAZORPAY_KEY_SECRET"] = KeySecret,
        };
        if (allowWrites)
        {
            environment["CONTRACTKIT_LIVE_ALLOW_WRITES"] = "true";
        }

        return environment;
    }

    /// <summary>How many of the next requests answer 503, as a busy vendor does.</summary>
    public int Unavailable { get; set; }

    public int Requests => requests;

    public static async Task<RazorpaySimulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        RazorpaySimulator? simulator = null;
        app.Run(context => simulator!.Handle(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator = new RazorpaySimulator(app, new Uri(address + "/"));
        return simulator;
    }

    private async Task Handle(HttpContext context)
    {
        var number = Interlocked.Increment(ref requests);
        if (Unavailable > 0)
        {
            Unavailable--;
            await Reply(context, 503, """{"error":{"code":"SERVER_ERROR","description":"try again"}}""");
            return;
        }

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(KeyId + ":" + KeySecret));
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (context.Request.Headers.Authorization.ToString() != expected)
        {
            await Reply(context, 401, """{"error":{"code":"BAD_REQUEST_ERROR","description":"The api key provided is invalid"}}""");
            return;
        }

        if (context.Request.Method != "PATCH" || segments is not ["v1", "contacts", var id])
        {
            await Reply(context, 404, """{"error":{"code":"BAD_REQUEST_ERROR","description":"The requested URL was not found on the server."}}""");
            return;
        }

        var body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        if (id is not ("cont_00000000000001" or SandboxContact) || body?["active"] is not JsonValue active || !active.TryGetValue<bool>(out var isActive))
        {
            var error = new JsonObject { ["error"] = new JsonObject { ["code"] = "BAD_REQUEST_ERROR", ["description"] = $"{id} is not a valid id." } };
            await Reply(context, 400, error.ToJsonString());
            return;
        }

        var random = Random.Shared;
        string Word() => string.Concat(Enumerable.Range(0, random.Next(3, 12)).Select(_ => (char)('a' + random.Next(26))));
        var notes = new JsonObject();
        for (var i = random.Next(4); i > 0; i--)
        {
            notes[Word() + "_" + i] = Word() + " " + Word();
        }

        var contact = new JsonObject
        {
            ["id"] = id,
            ["entity"] = "contact",
            ["name"] = Word() + " " + Word(),
            ["contact"] = random.NextInt64(6_000_000_000, 9_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["email"] = Word() + "@" + Word() + ".example",
            ["type"] = Word(),
            ["reference_id"] = Word(),
            ["batch_id"] = random.Next(2) == 0 ? null : "batch_" + Word(),
            ["active"] = isActive,
            ["notes"] = notes,
            ["created_at"] = 1_500_000_000 + number + random.Next(1_000_000),
        };
        await Reply(context, 200, contact.ToJsonString());
    }

    private static Task Reply(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
