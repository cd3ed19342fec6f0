using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContractKit.Stubs;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, built from contracts. Each vendor's endpoints are
/// served under <c>/&lt;vendor&gt;</c> (so <see cref="BaseAddressFor"/> stands in for the vendor's base URL).
/// A request that matches its documented endpoint, auth scheme, required headers and body schema gets the
/// documented success example; a wrong one gets the documented error status and shape; any other route 404.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication app;

    /// <summary>The largest request body the stub reads; a larger one is answered 413 (docs/runtime.md).</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private StubServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Signalled when the host begins to stop: on SIGINT (Ctrl+C), SIGTERM or SIGQUIT, or on disposal.</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    /// <summary>The address that plays the vendor's base URL: requests go to it plus the contract's path.</summary>
    public Uri BaseAddressFor(string vendor) => new(BaseAddress, vendor + "/");

    /// <param name="port">The port on 127.0.0.1; 0 (the default) picks a free one.</param>
    public static async Task<StubServer> StartAsync(IEnumerable<Contract> contracts, CancellationToken cancellationToken = default, int port = 0)
    {
        var routes = contracts.Select(c => new StubRoute(c)).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            options.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        var app = builder.Build();
        app.Run(context => Handle(context, routes));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StubServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    private static async Task Handle(HttpContext context, StubRoute[] routes)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        StubRoute? route = null;
        var onPath = false;
        foreach (var candidate in routes)
        {
            if (candidate.MatchesPath(path))
            {
                onPath = true;
                if (string.Equals(candidate.Method, method, StringComparison.OrdinalIgnoreCase))
                {
                    route = candidate;
                    break;
                }
            }
        }

        if (route is null)
        {
            var documented = routes.Where(r => r.MatchesPath(path)).Select(r => r.Method);
            await Write(context, onPath ? 405 : 404, Encoding.UTF8.GetBytes(new JsonObject
            {
                ["message"] = onPath
                    ? $"{method} is not documented for {path}; documented: {string.Join(", ", documented)}"
                    : $"no documented endpoint for {method} {path}",
            }.ToJsonString())).ConfigureAwait(false);
            return;
        }

        byte[] body;
        int length;
        try
        {
            (body, length) = await ReadBody(context.Request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Write(context, 413, TooLarge).ConfigureAwait(false);
            return;
        }

        List<JsonObject>? problems;
        try
        {
            problems = route.Check(context.Request, body.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body);
        }

        if (problems is not null)
        {
            var (status, errorBody) = route.ErrorResponse(problems);
            context.Response.Headers["X-ContractKit-Stub"] = "rejected";
            // The rules broken, where the documented error body cannot say (contractkit probe reads it).
            context.Response.Headers["X-ContractKit-Stub-Rules"] = StubRoute.RulesHeader(problems);
            await Write(context, status, errorBody).ConfigureAwait(false);
            return;
        }

        await Write(context, route.SuccessStatus, route.SuccessBody).ConfigureAwait(false);
    }

    private static readonly byte[] TooLarge = Encoding.UTF8.GetBytes(new JsonObject
    {
        ["message"] = $"the request body is larger than the stub reads ({MaxRequestBodyBytes} bytes)",
    }.ToJsonString());

    /// <summary>
    /// The request body in a pooled buffer (return it), never more than <see cref="MaxRequestBodyBytes"/>:
    /// Kestrel throws 413 at the limit, whether the body declares its length or comes in chunks, so a
    /// large body is refused after at most 1 MiB is held.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBody(HttpRequest request, CancellationToken cancellationToken)
    {
        // A declared length over the limit makes Kestrel throw on the first read, before any byte is held.
        var declared = request.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 and <= MaxRequestBodyBytes ? (int)declared.Value : 4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, (int)MaxRequestBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static Task Write(HttpContext context, int status, byte[] json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, 0, json.Length, context.RequestAborted);
    }
}

/// <summary>One contract's endpoint as the stub serves it.</summary>
internal sealed class StubRoute
{
    private readonly Contract contract;
    private readonly string[] template;
    private readonly SchemaInterpreter? requestBody;
    private readonly Dictionary<string, SchemaInterpreter> pathParameters;

    public StubRoute(Contract contract)
    {
        this.contract = contract;
        template = ("/" + contract.Vendor + contract.Http.Path).Split('/', StringSplitOptions.RemoveEmptyEntries);
        requestBody = contract.Request is null ? null : SchemaInterpreter.Create(contract.Request.Schema);
        pathParameters = contract.Http.Parameters.Where(p => p.In == ParameterLocations.Path)
            .ToDictionary(p => p.Name, p => SchemaInterpreter.Create(p.Schema), StringComparer.Ordinal);

        // The answers are the same for every request: serialised once.
        var success = contract.Responses.FirstOrDefault(r => r.Status.StartsWith('2'));
        SuccessStatus = success is null ? 200 : StatusCode(success.Status);
        var example = contract.Examples.Responses.FirstOrDefault(e => e.Status == (success?.Status ?? "200"));
        SuccessBody = Encoding.UTF8.GetBytes(example?.Body?.ToJsonString() ?? "{}");
    }

    /// <summary>The documented success: the first 2xx response's status.</summary>
    public int SuccessStatus { get; }

    /// <summary>The documented success: that response's example, as the page gives it (UTF-8).</summary>
    public byte[] SuccessBody { get; }

    public string Method => contract.Http.Method;

    /// <summary>Whether the path has the template's segments (empty segments ignored); allocates nothing.</summary>
    public bool MatchesPath(string path)
    {
        var rest = path.AsSpan();
        foreach (var expected in template)
        {
            rest = rest.TrimStart('/');
            if (rest.IsEmpty)
            {
                return false;
            }

            var end = rest.IndexOf('/');
            var segment = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[end..];
            var placeholder = expected.StartsWith('{') && expected.EndsWith('}');
            if (!placeholder && !segment.SequenceEqual(expected))
            {
                return false;
            }
        }

        return rest.TrimStart('/').IsEmpty;
    }

    /// <summary>What is wrong with a request: auth, required headers, the body. Null when it is as documented.</summary>
    public List<JsonObject>? Check(HttpRequest request, ReadOnlySpan<byte> body)
    {
        List<JsonObject>? problems = null;
        void Problem(string location, string keyword, string message) =>
            (problems ??= []).Add(new JsonObject { ["instanceLocation"] = location, ["keyword"] = keyword, ["message"] = message });

        // Path parameters arrive as text; each is checked as a JSON string against its documented schema.
        var segments = (request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < template.Length && i < segments.Length; i++)
        {
            if (template[i].StartsWith('{') && pathParameters.TryGetValue(template[i][1..^1], out var schema))
            {
                var value = JsonValue.Create(Uri.UnescapeDataString(segments[i])).ToJsonString();
                foreach (var error in schema.Validate(Encoding.UTF8.GetBytes(value)).Errors)
                {
                    Problem("path:" + template[i][1..^1], error.Keyword, error.Message);
                }
            }
        }

        var authorization = request.Headers.Authorization.ToString();
        switch (contract.Http.Auth.Scheme)
        {
            case AuthSchemes.Basic when !IsBasic(authorization):
                Problem("header:Authorization", "auth", "HTTP basic credentials are required");
                break;
            case AuthSchemes.Bearer when !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7:
                Problem("header:Authorization", "auth", "a bearer token is required");
                break;
        }

        foreach (var header in contract.Http.Parameters.Where(p => p.In == ParameterLocations.Header && p.Required))
        {
            if (string.IsNullOrWhiteSpace(request.Headers[header.Name].ToString()))
            {
                Problem("header:" + header.Name, "required", $"the header {header.Name} is required");
            }
        }

        foreach (var query in contract.Http.Parameters.Where(p => p.In == ParameterLocations.Query))
        {
            if (!request.Query.TryGetValue(query.Name, out var values))
            {
                if (query.Required)
                {
                    Problem("query:" + query.Name, "required", $"the query parameter {query.Name} is required");
                }

                continue;
            }

            // Each value is checked as a string, or as its JSON literal (a number, true) where no string is documented.
            var textual = query.Schema["type"] is not { } type || type.ToJsonString().Contains("\"string\"", StringComparison.Ordinal);
            foreach (var value in values)
            {
                var text = value ?? "";
                var literal = !textual && IsJson(text) ? text : JsonValue.Create(text).ToJsonString();
                foreach (var error in SchemaInterpreter.Create(query.Schema).Validate(Encoding.UTF8.GetBytes(literal)).Errors)
                {
                    Problem("query:" + query.Name, error.Keyword, error.Message);
                }
            }
        }

        if (requestBody is not null)
        {
            var result = requestBody.Validate(body);
            foreach (var error in result.Errors)
            {
                Problem("body:" + error.InstanceLocation, error.Keyword, error.Message);
            }
        }

        return problems;
    }

    private static bool IsJson(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonValue;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>"location keyword" for each problem, ASCII only (a header value): <c>body:/order_note maxLength, header:Authorization auth</c>.</summary>
    public static string RulesHeader(List<JsonObject> problems) =>
        new(string.Join(", ", problems.Select(p => p["instanceLocation"]!.GetValue<string>() + " " + p["keyword"]!.GetValue<string>()))
            .Select(c => c is >= ' ' and <= '~' ? c : '?').ToArray());

    private static bool IsBasic(string authorization)
    {
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// The documented error: its status (a class such as 4xx answers its first code, 400) and its example
    /// body where the page gives one; otherwise the documented message, with what was wrong.
    /// </summary>
    public (int Status, byte[] Body) ErrorResponse(List<JsonObject> problems)
    {
        var error = contract.Responses.FirstOrDefault(r => r.Status[0] is '4');
        var status = error is null ? 400 : StatusCode(error.Status);
        var example = error is null ? null : contract.Examples.Responses.FirstOrDefault(e => e.Status == error.Status);
        if (example?.Body is { } documented)
        {
            return (status, Encoding.UTF8.GetBytes(documented.ToJsonString()));
        }

        var body = new JsonObject
        {
            ["message"] = error?.Message ?? "the request does not match the documented contract",
            ["errors"] = new JsonArray(problems.Select(p => (JsonNode?)p).ToArray()),
        };
        return (status, Encoding.UTF8.GetBytes(body.ToJsonString()));
    }

    private static int StatusCode(string status) =>
        int.TryParse(status.Replace("xx", "00", StringComparison.Ordinal), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 200;
}
