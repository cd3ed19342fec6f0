using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ContractKit.Contracts;
using ContractKit.Diff;
using ContractKit.Import.OpenApi;
using ContractKit.IO;

namespace ContractKit.Cli;

/// <summary>Files a command writes together with its contracts, all or nothing (the fetched page and SOURCES.md), and the lines reporting them.</summary>
internal sealed record StagedFiles(IReadOnlyList<(string Path, byte[] Content)> Writes, IReadOnlyList<string> Report);

/// <summary><c>contractkit import &lt;https-url&gt;</c> and <c>import --check &lt;https-url&gt;</c> (docs/cli.md).</summary>
internal static partial class ImportCommand
{
    /// <summary>The options only a URL uses.</summary>
    private sealed class UrlOptions
    {
        private readonly Option<double> timeout = new Option<double>("--timeout")
        {
            Description = $"With a URL: seconds the whole fetch (redirects and body included) may take. Default {FetchLimits.DefaultTimeoutSeconds}.",
            DefaultValueFactory = _ => FetchLimits.DefaultTimeoutSeconds,
        }.Positive(3600, "seconds above 0, at most 3600");

        private readonly Option<long> maxSize = new Option<long>("--max-size")
        {
            Description = $"With a URL: the most bytes the page may have, counted as it is read. Default {FetchLimits.DefaultMaxBytes} (10 MiB).",
            DefaultValueFactory = _ => FetchLimits.DefaultMaxBytes,
        }.Within(1, long.MaxValue, "a number of bytes above 0");

        private readonly Option<int> maxRedirects = new Option<int>("--max-redirects")
        {
            Description = $"With a URL: the most redirects followed. Default {FetchLimits.DefaultMaxRedirects}.",
            DefaultValueFactory = _ => FetchLimits.DefaultMaxRedirects,
        }.Within(0, int.MaxValue, "0 or more");

        private readonly Option<string> store = new("--store")
        {
            Description = "With a URL: the folder of page copies; the page is stored as <store>/<vendor>/<name>.<ext> and listed in <store>/SOURCES.md.",
            DefaultValueFactory = _ => "docs/vendors",
        };

        public sealed record Values(double TimeoutSeconds, long MaxBytes, int MaxRedirects, string Store);

        public static UrlOptions Create() => new();

        public void AddTo(Command command)
        {
            command.Options.Add(timeout);
            command.Options.Add(maxSize);
            command.Options.Add(maxRedirects);
            command.Options.Add(store);
        }

        public Values Read(ParseResult result) =>
            new(result.GetValue(timeout), result.GetValue(maxSize), result.GetValue(maxRedirects), result.GetValue(store)!);
    }

    private static int RunUrl(CliContext context, string[] operands, Options options, UrlOptions.Values url, bool check, DiffOutputOptions.Values diffOutput)
    {
        if (operands.Length != 1)
        {
            return context.BadInput("import", "a URL is imported on its own: give one URL (and no files) per run");
        }

        Uri uri;
        try
        {
            uri = PageFetcher.Parse(operands[0]);
        }
        catch (FetchException e)
        {
            return context.BadInput("import", e.Message);
        }

        var storeRoot = context.FullPath(url.Store);
        var sourcesPath = Path.Combine(storeRoot, SourcesFile.FileName);
        SourcesFile sources;
        try
        {
            sources = SourcesFile.Read(sourcesPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.BadInput("import", $"{context.Display(sourcesPath)}: cannot read it: {e.Message}");
        }

        var limits = new FetchLimits(TimeSpan.FromSeconds(url.TimeoutSeconds), url.MaxBytes, url.MaxRedirects);
        return check
            ? CheckUrl(context, uri, options, limits, storeRoot, sources, sourcesPath, diffOutput)
            : ImportUrl(context, uri, options, limits, storeRoot, sources, sourcesPath, diffOutput);
    }

    private static FetchedPage? TryFetch(CliContext context, Uri uri, FetchLimits limits, out int exitCode)
    {
        try
        {
            exitCode = ExitCodes.Success;
            return PageFetcher.Fetch(uri, limits);
        }
        catch (FetchException e)
        {
            context.BadInput("import", e.Message);
            exitCode = e.Failure == FetchFailure.BadUrl ? ExitCodes.BadInput : ExitCodes.FetchFailed;
            return null;
        }
    }

    private static int ImportUrl(CliContext context, Uri uri, Options options, FetchLimits limits, string storeRoot, SourcesFile sources, string sourcesPath, DiffOutputOptions.Values diffOutput)
    {
        var key = uri.AbsoluteUri;
        var row = sources.Find(key);

        // The vendor (the copy's folder): --vendor, the folder of the copy fetched before, or the host's name. Known before anything is fetched.
        var vendor = options.Vendor ?? (row?.File.Split('/') is [var folder, _] && ContractNames.IsKebab(folder) ? folder : StoreNames.VendorFromHost(uri.Host));
        if (vendor is null)
        {
            return context.BadInput("import", $"{key}: cannot take the vendor from the host \"{uri.Host}\"; pass --vendor");
        }

        var page = TryFetch(context, uri, limits, out var failed);
        if (page is null)
        {
            return failed;
        }

        var openApi = OpenApiImporter.IsOpenApiDocument(page.Bytes);
        if (!openApi && options.Operation is not null && !ContractNames.IsKebab(options.Operation))
        {
            // (For an OpenAPI document --operation may also be an operationId or "METHOD /path".)
            return context.BadInput("import", $"--operation \"{options.Operation}\": expected a lower-case name of letters, digits and dashes, such as activate-contact");
        }

        // Where the copy goes: where it went before (same type, no new names asked for), or <vendor>/<name>.<ext>.
        string relative;
        if (row is not null && options.Vendor is null && options.Operation is null
            && string.Equals(Path.GetExtension(row.File), page.Extension, StringComparison.Ordinal))
        {
            relative = row.File;
        }
        else
        {
            // An OpenAPI document's --operation picks an operation in it; it does not name the copy.
            var name = options.Operation is not null && !openApi ? options.Operation : StoreNames.FromUrlPath(uri);
            relative = $"{vendor}/{name}{page.Extension}";
        }

        string stored;
        try
        {
            stored = OutputFolder.Combine(storeRoot, relative.Split('/'));
        }
        catch (PathOutsideFolderException e)
        {
            return context.BadInput("import", $"{context.Display(sourcesPath)}: the copy of {key}: {e.Message}");
        }

        var display = context.Display(stored);
        var claimedBy = sources.Rows.FirstOrDefault(r => r.File == relative && r.Url != key);
        if (claimedBy is not null)
        {
            return context.BadInput("import", $"{key}: its copy would be {display}, which is the stored copy of {claimedBy.Url} ({context.Display(sourcesPath)}); pass --operation to store it under another name");
        }

        byte[]? existing;
        try
        {
            existing = File.Exists(stored) ? File.ReadAllBytes(stored) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.BadInput("import", $"{display}: cannot read it: {e.Message}");
        }

        var sameBytes = existing is not null && existing.AsSpan().SequenceEqual(page.Bytes);
        if (existing is not null && !sameBytes && row?.File != relative)
        {
            return context.BadInput("import", $"{key}: {display} exists and is not a copy fetched from this URL ({context.Display(sourcesPath)} does not list it for it); it is left alone: pass --operation to store the page under another name, or --store");
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(page.Bytes));
        var unchanged = sameBytes && row is not null && row.File == relative && row.Sha256 == sha;
        var newRow = unchanged ? row! : new SourceRow(key, relative, DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), sha);
        var sourcesBytes = sources.With(newRow);

        var writes = new List<(string Path, byte[] Content)>();
        var report = new List<string>();
        var redirected = page.FinalUrl == uri ? "" : $", redirected to {page.FinalUrl.AbsoluteUri}";
        if (sameBytes)
        {
            report.Add($"unchanged {display} (the page at {key} is the stored copy{redirected})");
        }
        else
        {
            writes.Add((stored, page.Bytes));
            report.Add($"stored {display} ({page.Bytes.Length} bytes, {page.MediaType}, sha256 {sha[..12]}) from {key}{redirected}");
        }

        var oldSources = sources.Original;
        if (oldSources is null || !oldSources.AsSpan().SequenceEqual(sourcesBytes))
        {
            writes.Add((sourcesPath, sourcesBytes));
            report.Add($"{(oldSources is null ? "wrote" : "updated")} {context.Display(sourcesPath)}");
        }

        var staged = new StagedFiles(writes, report);
        var contents = new Dictionary<string, byte[]> { [stored] = page.Bytes };
        var vendorName = Path.GetFileName(Path.GetDirectoryName(stored))!;
        return openApi
            ? OpenApiImport.Run(context, [stored], vendorName, options.Operation, options.OutDirectory, check: false, diffOutput, page.Bytes, staged)
            : Run(context, [stored], options with { Vendor = vendorName }, contents, staged);
    }

    /// <summary>
    /// <c>import --check &lt;url&gt;</c>: the live page against its stored copy (by bytes) and, through the diff rules,
    /// the contracts the live page gives against the checked-in ones. Writes nothing.
    /// </summary>
    private static int CheckUrl(CliContext context, Uri uri, Options options, FetchLimits limits, string storeRoot, SourcesFile sources, string sourcesPath, DiffOutputOptions.Values diffOutput)
    {
        var key = uri.AbsoluteUri;
        if (sources.Find(key) is not { } row)
        {
            return context.BadInput("import", $"{key}: not listed in {context.Display(sourcesPath)}; import it first: {CliApp.ToolName} import {key}");
        }

        string stored;
        byte[] storedBytes;
        try
        {
            stored = OutputFolder.Combine(storeRoot, row.File.Split('/'));
            storedBytes = File.ReadAllBytes(stored);
        }
        catch (PathOutsideFolderException e)
        {
            return context.BadInput("import", $"{context.Display(sourcesPath)}: the copy of {key}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.BadInput("import", $"{context.Display(sourcesPath)}: the stored copy {row.File} of {key} cannot be read: {e.Message}");
        }

        var page = TryFetch(context, uri, limits, out var failed);
        if (page is null)
        {
            return failed;
        }

        var display = context.Display(stored);
        var same = storedBytes.AsSpan().SequenceEqual(page.Bytes);
        var liveSha = Convert.ToHexStringLower(SHA256.HashData(page.Bytes));
        var storedSha = Convert.ToHexStringLower(SHA256.HashData(storedBytes));
        context.Error.WriteLine(same
            ? $"{key}: the live page is the stored copy {display} (fetched {row.Fetched})"
            : $"{key}: the live page differs from the stored copy {display} (fetched {row.Fetched}; sha256 {storedSha[..12]} -> {liveSha[..12]}, {storedBytes.Length} -> {page.Bytes.Length} bytes)");

        var code = OpenApiImporter.IsOpenApiDocument(page.Bytes)
            ? OpenApiImport.Run(context, [stored], options.Vendor, options.Operation, options.OutDirectory, check: true, diffOutput, page.Bytes)
            : Check(context, [stored], options, diffOutput, new Dictionary<string, byte[]> { [stored] = page.Bytes });
        if (code == ExitCodes.Success && !same)
        {
            context.Error.WriteLine($"{key}: the page changed, but the contracts it gives did not (at --fail-on {FailOnName(diffOutput.FailOn)}); refresh the copy: {CliApp.ToolName} import {key}");
            return ExitCodes.PageChanged;
        }

        return code;
    }

    private static string FailOnName(FailOn failOn) => failOn switch
    {
        FailOn.Any => "any",
        FailOn.PotentiallyBreaking => "potentially-breaking",
        _ => "breaking",
    };
}

/// <summary>The names a fetched page is stored under: always lower-case kebab, so a hostile URL cannot name a path.</summary>
internal static class StoreNames
{
    private const int MaxName = 80;

    private static readonly string[] SecondLevel = ["co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"];

    /// <summary>razorpay.com and docs.razorpay.com give razorpay, developers.example.co.in gives example; an IP address or one-label host gives null.</summary>
    public static string? VendorFromHost(string host)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out _))
        {
            return null;
        }

        var labels = host.TrimEnd('.').Split('.').ToList();
        if (labels.Count < 2)
        {
            return null;
        }

        labels.RemoveAt(labels.Count - 1);
        if (labels.Count >= 2 && SecondLevel.Contains(labels[^1], StringComparer.OrdinalIgnoreCase))
        {
            labels.RemoveAt(labels.Count - 1);
        }

        var name = Kebab(labels[^1]);
        return ContractNames.IsKebab(name) ? name : null;
    }

    /// <summary>The last non-empty path segment, unescaped, without a page extension, in kebab case ("index" for none).</summary>
    public static string FromUrlPath(Uri uri)
    {
        var segment = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        segment = Uri.UnescapeDataString(segment);
        var extension = Path.GetExtension(segment).ToLowerInvariant();
        if (extension is ".html" or ".htm" or ".xhtml" or ".md" or ".markdown" or ".txt" or ".json" or ".yaml" or ".yml" or ".php" or ".aspx")
        {
            segment = segment[..^extension.Length];
        }

        var name = Kebab(segment);
        return ContractNames.IsKebab(name) ? name : "index";
    }

    private static string Kebab(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var name = builder.ToString();
        if (name.Length > MaxName)
        {
            name = name[..MaxName];
        }

        return name.Trim('-');
    }
}
