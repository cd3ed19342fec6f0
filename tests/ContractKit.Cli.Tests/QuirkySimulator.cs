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

namespace ContractKit.Cli.Tests;

/// <summary>
/// A loopback Razorpay contacts API with PHP habits: it answers the documented PATCH with the documented
/// contact, reshaped by <see cref="Quirk"/> (notes as [], a quoted timestamp, a missing field).
/// </summary>
internal sealed class QuirkySimulator : IAsyncDisposable
{
    private const string KeyId = "rzp_test_QUIRKY000001";
    private const string KeySecret = "quirky-secret";
    private readonly WebApplication app;

    private QuirkySimulator(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>What the simulator does to the documented contact before sending it.</summary>
    public Action<JsonObject> Quirk { get; set; } = _ => { };

    public int Requests { get; private set; }

    /// <summary>The live settings that point triage at this simulator.</summary>
    public Func<string, string?> Environment => name => name switch
    {
        "CONTRACTKIT_RAZORPAY_BASE_URL" => BaseAddress.ToString(),
        "CONTRACTKIT_RAZORPAY_KEY_ID" => KeyId,
        "CONTRACTKIT_RAZORPAY_KEY_SECRET" => KeySecret,
        "CONTRACTKIT_LIVE_ALLOW_WRITES" => "true",
        _ => null,
    };

    public static async Task<QuirkySimulator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        QuirkySimulator? simulator = null;
        app.Run(context => simulator!.Handle(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator = new QuirkySimulator(app, new Uri(address + "/"));
        return simulator;
    }

    private async Task Handle(HttpContext context)
    {
        Requests++;
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(KeyId + ":" + KeySecret));
        if (context.Request.Method != "PATCH" || context.Request.Headers.Authorization.ToString() != expected)
        {
            await Reply(context, 401, """{"error":{"code":"BAD_REQUEST_ERROR","description":"The api key provided is invalid"}}""");
            return;
        }

        var contact = new JsonObject
        {
            ["id"] = "cont_00000000000001",
            ["entity"] = "contact",
            ["name"] = "Gaurav Kumar",
            ["contact"] = "9000090000",
            ["email"] = "gaurav.kumar@example.com",
            ["type"] = "employee",
            ["reference_id"] = "Acme Contact ID 12345",
            ["batch_id"] = null,
            ["active"] = false,
            ["notes"] = new JsonObject { ["notes_key_1"] = "Tea, Earl Grey, Hot" },
            ["created_at"] = 1545320320,
        };
        Quirk(contact);
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
