using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContractKit.Cli.Tests;

/// <summary>
/// A loopback documentation site for <c>import &lt;url&gt;</c>: pages that can be changed between requests, and the
/// ways a real site fails (redirect chains and loops, slow answers, bodies without a length, error statuses, other types).
/// </summary>
internal sealed class PageServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (string ContentType, byte[] Body)> pages = new(StringComparer.Ordinal);

    private PageServer(WebApplication app, Uri baseAddress)
    {
        this.app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Requests;

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).AbsoluteUri;

    /// <summary>Serves <paramref name="body"/> at /pages/<paramref name="name"/> (replacing what was there).</summary>
    public void Page(string name, string contentType, string body) => pages[name] = (contentType, Encoding.UTF8.GetBytes(body));

    public void Page(string name, string contentType, byte[] body) => pages[name] = (contentType, body);

    public static async Task<PageServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        PageServer? server = null;
        app.Run(context => server!.Handle(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new PageServer(app, new Uri(address + "/"));
        return server;
    }

    private async Task Handle(HttpContext context)
    {
        Interlocked.Increment(ref Requests);
        var path = context.Request.Path.Value ?? "";
        var response = context.Response;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["pages", var name] when pages.TryGetValue(name, out var page):
                response.ContentType = page.ContentType;
                response.ContentLength = page.Body.Length;
                await response.Body.WriteAsync(page.Body);
                return;
            case ["hostile", ..]:
                // Any path at all answers with the page "hostile".
                response.ContentType = pages["hostile"].ContentType;
                await response.Body.WriteAsync(pages["hostile"].Body);
                return;
            case ["redirect", var count, var name]:
                // /redirect/3/x -> /redirect/2/x -> ... -> /pages/x (relative Location headers, as sites send them)
                var left = int.Parse(count, System.Globalization.CultureInfo.InvariantCulture);
                response.StatusCode = 302;
                response.Headers.Location = left <= 1 ? $"/pages/{name}" : $"/redirect/{left - 1}/{name}";
                return;
            case ["loop"]:
                response.StatusCode = 301;
                response.Headers.Location = "/loop";
                return;
            case ["no-location"]:
                response.StatusCode = 302;
                return;
            case ["to-ftp"]:
                response.StatusCode = 302;
                response.Headers.Location = "ftp://127.0.0.1/page.md";
                return;
            case ["slow"]:
                // Headers at once, then a body that never finishes: only the total timeout ends it.
                response.ContentType = "text/markdown";
                await response.Body.WriteAsync("# Slow\n"u8.ToArray());
                await response.Body.FlushAsync();
                await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ContinueWith(_ => { });
                return;
            case ["endless"]:
                // Chunked (no Content-Length), and larger than any cap a test sets.
                response.ContentType = "text/plain";
                var chunk = Encoding.ASCII.GetBytes(new string('x', 16 * 1024) + "\n");
                for (var i = 0; i < 256 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await response.Body.WriteAsync(chunk, context.RequestAborted).AsTask().ContinueWith(_ => { });
                }

                return;
            case ["announced-large"]:
                response.ContentType = "text/plain";
                response.ContentLength = 50_000_000;
                await response.Body.FlushAsync();
                return;
            case ["status", var code]:
                response.StatusCode = int.Parse(code, System.Globalization.CultureInfo.InvariantCulture);
                response.ContentType = "text/html";
                if (response.StatusCode == 204)
                {
                    return;
                }

                await response.WriteAsync("<html><body>nothing here</body></html>");
                return;
            case ["no-type"]:
                await response.Body.WriteAsync("GET /v1/x\n"u8.ToArray());
                return;
            default:
                response.StatusCode = 404;
                return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
