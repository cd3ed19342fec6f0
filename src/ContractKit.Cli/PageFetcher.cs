using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace ContractKit.Cli;

/// <summary>How far a fetch may go: the whole exchange's time, the body's size, and the redirects followed.</summary>
internal sealed record FetchLimits(TimeSpan Timeout, long MaxBytes, int MaxRedirects)
{
    public const int DefaultTimeoutSeconds = 30;
    public const long DefaultMaxBytes = 10 * 1024 * 1024;
    public const int DefaultMaxRedirects = 5;
}

/// <summary>A fetched page: its bytes (UTF-8 when the server named another charset), and the file extension its type gives.</summary>
internal sealed record FetchedPage(Uri Url, Uri FinalUrl, string MediaType, string Extension, byte[] Bytes);

/// <summary>Why a URL was not fetched. <see cref="BadUrl"/> is bad input (exit 2); the others are fetch failures (exit 4).</summary>
internal enum FetchFailure
{
    BadUrl,
    Network,
    Timeout,
    TooLarge,
    Redirects,
    Status,
    UnsupportedType,
}

/// <summary>A fetch that failed; the message names the URL and says what went wrong in one line.</summary>
internal sealed class FetchException(FetchFailure failure, string message) : Exception(message)
{
    public FetchFailure Failure { get; } = failure;
}

/// <summary>
/// Fetches one documentation page for <c>import &lt;url&gt;</c>: https only (http only from the loopback host),
/// redirects followed by hand (counted, never from https to http), a total timeout, the body counted against
/// the cap while it streams, and only the content types the importer reads.
/// </summary>
internal static partial class PageFetcher
{
    private static readonly string UserAgent =
        $"ContractKit/{typeof(PageFetcher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0"} (contractkit import; +https://github.com/contractkit)";

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*://")]
    private static partial Regex SchemePrefix();

    /// <summary>Whether a command-line operand is meant as a URL (it starts with a scheme and "://") rather than a file.</summary>
    public static bool LooksLikeUrl(string operand) => SchemePrefix().IsMatch(operand);

    /// <summary>The URL as it is fetched and recorded (no fragment); throws <see cref="FetchFailure.BadUrl"/> for what is never fetched.</summary>
    public static Uri Parse(string operand)
    {
        if (!Uri.TryCreate(operand, UriKind.Absolute, out var uri))
        {
            throw new FetchException(FetchFailure.BadUrl, $"{operand}: not a valid URL");
        }

        CheckScheme(uri, operand);
        if (uri.Host.Length == 0)
        {
            throw new FetchException(FetchFailure.BadUrl, $"{operand}: not a valid URL (no host)");
        }
        if (uri.UserInfo.Length > 0)
        {
            throw new FetchException(FetchFailure.BadUrl, $"{Redacted(uri)}: the URL carries a user name or password; it would be written to SOURCES.md, so it is refused");
        }

        return new UriBuilder(uri) { Fragment = "" }.Uri;
    }

    private static void CheckScheme(Uri uri, string shown)
    {
        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            return;
        }

        throw new FetchException(FetchFailure.BadUrl, uri.Scheme == Uri.UriSchemeHttp
            ? $"{shown}: only https:// pages are fetched (http:// only from the loopback host: localhost, 127.0.0.1, [::1])"
            : $"{shown}: the scheme \"{uri.Scheme}\" is not fetched; expected an https:// URL");
    }

    private static string Redacted(Uri uri) => new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri;

    public static FetchedPage Fetch(Uri url, FetchLimits limits) =>
        Task.Run(() => FetchAsync(url, limits)).GetAwaiter().GetResult();

    public static async Task<FetchedPage> FetchAsync(Uri url, FetchLimits limits)
    {
        using var timeout = new CancellationTokenSource(limits.Timeout);
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            UseProxy = true,
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var current = url;
        var redirects = 0;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            request.Headers.TryAddWithoutValidation("Accept", "text/html, text/markdown, text/plain;q=0.9, application/json;q=0.8, application/yaml;q=0.8, */*;q=0.1");
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is 301 or 302 or 303 or 307 or 308)
                {
                    current = NextLocation(url, current, response, ++redirects, limits);
                    continue;
                }

                if (status is < 200 or > 299)
                {
                    var reason = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? "" : " " + response.ReasonPhrase;
                    throw new FetchException(FetchFailure.Status, $"{Where(url, current)}: the server answered {status}{reason}; expected 2xx");
                }

                var (mediaType, extension) = Classify(url, current, response.Content.Headers.ContentType);
                if (response.Content.Headers.ContentLength is { } length && length > limits.MaxBytes)
                {
                    throw TooLarge(url, current, limits, $"it announces {length} bytes");
                }

                var body = await ReadCapped(url, current, response.Content, limits, timeout.Token).ConfigureAwait(false);
                return new FetchedPage(url, current, mediaType, extension, Decode(url, current, body, response.Content.Headers.ContentType?.CharSet));
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new FetchException(FetchFailure.Timeout, $"{Where(url, current)}: no complete answer within {limits.Timeout.TotalSeconds:0.###} s (--timeout)");
            }
            catch (HttpRequestException e)
            {
                throw new FetchException(FetchFailure.Network, $"{Where(url, current)}: {Describe(current, e)}");
            }
            catch (IOException e)
            {
                throw new FetchException(FetchFailure.Network, $"{Where(url, current)}: the connection failed while the page was read: {e.Message}");
            }
        }
    }

    private static string Where(Uri url, Uri current) =>
        url == current ? url.AbsoluteUri : $"{url.AbsoluteUri} (redirected to {current.AbsoluteUri})";

    internal static Uri NextLocation(Uri url, Uri current, HttpResponseMessage response, int redirects, FetchLimits limits)
    {
        var location = response.Headers.Location
                       ?? throw new FetchException(FetchFailure.Status, $"{Where(url, current)}: the server answered {(int)response.StatusCode} (a redirect) without a Location header");
        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
        if (redirects > limits.MaxRedirects)
        {
            throw new FetchException(FetchFailure.Redirects, $"{url.AbsoluteUri}: more than {limits.MaxRedirects} redirects (--max-redirects); the last one was to {next.AbsoluteUri}");
        }

        if (current.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
        {
            throw new FetchException(FetchFailure.Redirects, $"{Where(url, current)}: redirected from https to {next.Scheme} ({next.AbsoluteUri}); a downgrade is refused");
        }

        try
        {
            CheckScheme(next, next.AbsoluteUri);
        }
        catch (FetchException e)
        {
            throw new FetchException(FetchFailure.Redirects, $"{Where(url, current)}: redirected to {e.Message}");
        }

        return new UriBuilder(next) { Fragment = "" }.Uri;
    }

    /// <summary>The media type and the extension the stored copy gets (the importer picks its reader by it).</summary>
    private static (string MediaType, string Extension) Classify(Uri url, Uri current, MediaTypeHeaderValue? contentType)
    {
        var media = contentType?.MediaType?.ToLowerInvariant()
                    ?? throw new FetchException(FetchFailure.UnsupportedType, $"{Where(url, current)}: the server sent no Content-Type; expected text/html, text/markdown, text/plain, or JSON or YAML (an OpenAPI document)");
        var pathExtension = Path.GetExtension(current.AbsolutePath).ToLowerInvariant();
        var extension = media switch
        {
            "text/html" or "application/xhtml+xml" => ".html",
            "text/markdown" or "text/x-markdown" => ".md",
            // Raw file hosts serve Markdown, JSON and YAML as text/plain: the URL's own extension says which.
            "text/plain" => pathExtension switch
            {
                ".md" or ".markdown" => ".md",
                ".json" => ".json",
                ".yaml" or ".yml" => ".yaml",
                _ => ".txt",
            },
            "application/json" or "text/json" or "application/vnd.oai.openapi+json" => ".json",
            "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" or "application/vnd.oai.openapi" => ".yaml",
            _ => null,
        };
        return extension is null
            ? throw new FetchException(FetchFailure.UnsupportedType, $"{Where(url, current)}: the content type {media} is not a page the importer reads; expected text/html, text/markdown, text/plain, or JSON or YAML (an OpenAPI document)")
            : (media, extension);
    }

    private static FetchException TooLarge(Uri url, Uri current, FetchLimits limits, string detail) =>
        new(FetchFailure.TooLarge, $"{Where(url, current)}: the page is larger than {limits.MaxBytes} bytes ({detail}; --max-size)");

    /// <summary>Reads the body, counting every byte as it arrives: a missing or false Content-Length does not get past the cap.</summary>
    private static async Task<byte[]> ReadCapped(Uri url, Uri current, HttpContent content, FetchLimits limits, CancellationToken cancel)
    {
        await using var stream = await content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
            {
                throw TooLarge(url, current, limits, "counted while it was read");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The body as UTF-8: UTF-8 and ASCII (or no charset) as sent, any other charset the server names decoded and re-encoded.</summary>
    private static byte[] Decode(Uri url, Uri current, byte[] body, string? charset)
    {
        var name = charset?.Trim().Trim('"', '\'').ToLowerInvariant();
        if (name is null or "" or "utf-8" or "utf8" or "us-ascii" or "ascii")
        {
            return body;
        }

        Encoding encoding;
        try
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            encoding = Encoding.GetEncoding(name, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            throw new FetchException(FetchFailure.UnsupportedType, $"{Where(url, current)}: the charset \"{charset}\" is not one .NET knows; expected UTF-8 or a named code page such as ISO-8859-1");
        }

        try
        {
            var text = encoding.GetString(body);
            return Encoding.UTF8.GetBytes(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text);
        }
        catch (DecoderFallbackException e)
        {
            throw new FetchException(FetchFailure.UnsupportedType, $"{Where(url, current)}: the body is not valid {charset} (byte {e.Index})");
        }
    }

    private static string Describe(Uri current, HttpRequestException e)
    {
        var endpoint = $"{current.Host}:{current.Port}";
        var inner = e.InnerException is SocketException socket ? socket.Message : e.InnerException?.Message ?? e.Message;
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => $"cannot resolve the host name {current.Host}",
            HttpRequestError.ConnectionError => $"cannot connect to {endpoint}: {inner}",
            HttpRequestError.SecureConnectionError => $"the TLS handshake with {endpoint} failed: {inner}",
            HttpRequestError.ResponseEnded => $"the server closed the connection before its answer was complete",
            HttpRequestError.InvalidResponse => $"the server's answer is not valid HTTP: {inner}",
            _ => e.Message,
        };
    }
}
