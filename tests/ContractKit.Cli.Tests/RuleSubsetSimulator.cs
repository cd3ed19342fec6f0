using System.Net;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Testing;
using ContractKit.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContractKit.Cli.Tests;

/// <summary>
/// A loopback vendor for one contract that enforces only some of its documented rules, and one rule of its own:
/// it checks its credentials (canary values) and the body against the contract, except the documented rules named
/// in <see cref="Unenforced"/> and the required headers in <see cref="UnenforcedHeaders"/>; and it refuses any
/// string at <see cref="LimitedField"/> longer than <see cref="UndocumentedLimit"/>, which the docs do not say.
/// </summary>
internal sealed class RuleSubsetSimulator : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Contract contract;
    private readonly SchemaInterpreter body;
    private int requests;

    private RuleSubsetSimulator(WebApplication app, Contract contract, Uri baseAddress)
    {
        this.app = app;
        this.contract = contract;
        body = SchemaInterpreter.Create(contract.Request!.Schema);
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Requests => requests;

    /// <summary>(instance location, keyword) of documented body rules this vendor does not check.</summary>
    public HashSet<(string Location, string Keyword)> Unenforced { get; } = [];

    public HashSet<string> UnenforcedHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string LimitedField { get; set; } = "";

    public int UndocumentedLimit { get; set; } = int.MaxValue;

    public static string Credential(string header) => "CANARY-" + header.ToUpperInvariant() + "-never-printed";

    public static async Task<RuleSubsetSimulator> StartAsync(string contractFile)
    {
        var contract = ContractReader.Read(File.ReadAllBytes(Repo.PathOf(contractFile.Split('/'))), contractFile);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        RuleSubsetSimulator? simulator = null;
        app.Run(context => simulator!.Handle(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator = new RuleSubsetSimulator(app, contract, new Uri(address + "/"));
        return simulator;
    }

    /// <summary>The live settings of this vendor: its base URL, its credentials, and the write opt-in if asked.</summary>
    public Dictionary<string, string> LiveEnvironment(bool allowWrites)
    {
        var prefix = ContractKit.Http.LiveSettings.Prefix(contract.Vendor);
        var environment = new Dictionary<string, string> { [prefix + "BASE_URL"] = BaseAddress.ToString() };
        foreach (var header in contract.Http.Auth.Headers)
        {
            environment[prefix + ContractKit.Http.LiveSettings.VariableFor(header)] = Credential(header);
        }

        if (allowWrites)
        {
            environment[ContractKit.Http.LiveSettings.AllowWritesVariable] = "true";
        }

        return environment;
    }

    private async Task Handle(HttpContext context)
    {
        Interlocked.Increment(ref requests);
        if (context.Request.Path.Value?.Trim('/') != contract.Http.Path.Trim('/') || context.Request.Method != contract.Http.Method)
        {
            await Reply(context, 404, "not_found", "no such endpoint");
            return;
        }

        if (contract.Http.Auth.Headers.Any(h => context.Request.Headers[h].ToString() != Credential(h)))
        {
            await Reply(context, 401, "authentication_error", "authentication Failed");
            return;
        }

        foreach (var header in contract.Http.Parameters.Where(p => p.In == ParameterLocations.Header && p.Required && !UnenforcedHeaders.Contains(p.Name)))
        {
            if (string.IsNullOrEmpty(context.Request.Headers[header.Name].ToString()))
            {
                await Reply(context, 400, "request_failed", $"{header.Name} header missing in request");
                return;
            }
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var errors = body.Validate(buffer.ToArray()).Errors.Where(e => !Unenforced.Contains((e.InstanceLocation, e.Keyword))).ToList();
        if (errors.Count > 0)
        {
            await Reply(context, 400, "invalid_request_error", $"{errors[0].InstanceLocation} is invalid");
            return;
        }

        var sent = JsonNode.Parse(buffer.ToArray());
        if (LimitedField.Length > 0 && Reach(sent, LimitedField) is JsonValue value && value.GetValue<string>().Length > UndocumentedLimit)
        {
            await Reply(context, 400, "invalid_request_error", $"{LimitedField.Replace('/', '.').TrimStart('.')} : should not be more than {UndocumentedLimit} characters");
            return;
        }

        var success = contract.Responses.First(r => r.Status.StartsWith('2'));
        var answer = new SchemaInstances(new Random(0)).Generate(success.Schema);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer?.ToJsonString() ?? "{}");
    }

    private static JsonNode? Reach(JsonNode? node, string pointer)
    {
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node;
    }

    private static Task Reply(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["message"] = message, ["code"] = "request_failed", ["type"] = type }.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
