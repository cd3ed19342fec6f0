using System.Net;

// bare-kestrel --port <n> --body <file> [--status <code>]: the same Kestrel set-up as ContractKit's stub
// (slim builder, no logging, 127.0.0.1, 1 MiB body limit) answering every request with one file's bytes,
// after reading the request body as any server must. Stops on Ctrl+C or SIGTERM.
var port = int.Parse(Arg("--port") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
var body = File.ReadAllBytes(Arg("--body") ?? throw new ArgumentException("--body <file> is required"));
var status = int.Parse(Arg("--status") ?? "200", System.Globalization.CultureInfo.InvariantCulture);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(options =>
{
    options.Listen(IPAddress.Loopback, port);
    options.Limits.MaxRequestBodySize = 1024 * 1024;
});
var app = builder.Build();
app.Run(async context =>
{
    await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
    context.Response.StatusCode = status;
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body, context.RequestAborted);
});
await app.StartAsync();
Console.WriteLine("listening on " + string.Join(", ", app.Urls));
await app.WaitForShutdownAsync();

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
