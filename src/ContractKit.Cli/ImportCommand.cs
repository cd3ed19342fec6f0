using System.CommandLine;
using System.Text.RegularExpressions;
using ContractKit.Contracts;
using ContractKit.Diff;
using ContractKit.Import;
using ContractKit.Import.Pages;
using ContractKit.IO;

namespace ContractKit.Cli;

/// <summary><c>contractkit import &lt;page&gt;... [--vendor &lt;name&gt;] [--operation &lt;name&gt;] [--out &lt;dir&gt;]</c></summary>
internal static partial class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var pages = new Argument<string[]>("page")
        {
            Description = "Captured documentation pages (text, Markdown or HTML); a page documenting several endpoints gives one contract per operation. Or one OpenAPI 3.0/3.1 document (JSON or YAML).",
            Arity = ArgumentArity.OneOrMore,
        };
        var vendor = new Option<string?>("--vendor")
        {
            Description = "The vendor's name in lower-case kebab form (razorpay); the contracts go to <out>/<vendor>/. Defaults to the name of each page's folder (docs/vendors/razorpay/...).",
        }.KebabName("razorpay");
        var operation = new Option<string?>("--operation")
        {
            Description = "The operation's name (activate-contact). Defaults to the page's file name without its extension; only with one page. On a page documenting several operations, picks one by the kebab-case name of its heading (fetch-an-order); without it, each gets a contract of its own. For an OpenAPI document: the operationId or \"METHOD /path\" of the one operation to import (default: all).",
        };
        var output = new Option<string>("--out")
        {
            Description = "The directory of contracts.",
            DefaultValueFactory = _ => "schemas",
        };

        var check = new Option<bool>("--check")
        {
            Description = "Write nothing: re-derive the contracts (with their overrides) and compare them with the ones in <out>. Exit 0: identical; 1: they differ (the classified changes are printed); 2: bad input. With a URL: the live page against its stored copy too; 5: the page changed but not the contracts it gives; 4: it cannot be fetched.",
        };
        var diffOptions = DiffOutputOptions.Create().WithFailOnDefault("any");
        var urlOptions = UrlOptions.Create();

        var command = new Command("import", "Derive contracts from vendor documentation pages and write them as <out>/<vendor>/<operation>.contract.json, applying <operation>.overrides.json where it exists. Writes all or nothing; prints the findings. With --check, compares instead of writing. A page given as an https:// URL is fetched, stored under --store with a row in its SOURCES.md, and imported from the stored copy.")
        {
            pages, vendor, operation, output, check,
        };
        diffOptions.AddTo(command);
        urlOptions.AddTo(command);
        command.SetAction(result =>
        {
            if (result.GetValue(pages)!.Any(PageFetcher.LooksLikeUrl))
            {
                var names = new Options(result.GetValue(vendor), result.GetValue(operation), result.GetValue(output)!);
                return RunUrl(context, result.GetValue(pages)!, names, urlOptions.Read(result), result.GetValue(check), diffOptions.Read(result));
            }

            // An OpenAPI document (a top-level "openapi" member) goes to its own importer.
            if (OpenApiImport.Handles(context, result.GetValue(pages)!))
            {
                return OpenApiImport.Run(context, result.GetValue(pages)!, result.GetValue(vendor), result.GetValue(operation), result.GetValue(output)!, result.GetValue(check), diffOptions.Read(result));
            }

            var options = new Options(result.GetValue(vendor), result.GetValue(operation), result.GetValue(output)!);
            return result.GetValue(check)
                ? Check(context, result.GetValue(pages)!, options, diffOptions.Read(result))
                : Run(context, result.GetValue(pages)!, options);
        });
        return command;
    }

    private sealed record Options(string? Vendor, string? Operation, string OutDirectory);

    private sealed record Imported(string Page, string Target, ImportResult Result);

    private static int Run(CliContext context, string[] pages, Options options, IReadOnlyDictionary<string, byte[]>? contents = null, StagedFiles? staged = null)
    {
        var imports = Derive(context, pages, options, out var badInput, contents);
        if (imports is null)
        {
            return badInput;
        }

        PrintFindings(context, imports);
        var failed = imports.Where(i => i.Result.HasErrors).ToList();
        if (failed.Count > 0)
        {
            foreach (var (page, _, result) in failed)
            {
                var errors = result.Contract.Findings.Count(f => f.Severity == FindingSeverity.Error);
                context.Error.WriteLine($"{page}: {errors} error(s); no contract was written{(staged is null ? "" : " and the fetched page was not stored")}");
            }

            return ExitCodes.Failures;
        }

        var writes = new List<(string Path, byte[] Content)>(staged?.Writes ?? []);
        var report = new List<string>(staged?.Report ?? []);
        foreach (var (_, target, result) in imports)
        {
            var content = ContractWriter.ToUtf8Bytes(result.Contract);
            var unchanged = File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(content);
            var counts = Summary(result.Contract.Findings);
            report.Add($"{(unchanged ? "unchanged" : "wrote")} {context.Display(target)} ({counts})");
            if (!unchanged)
            {
                writes.Add((target, content));
            }
        }

        try
        {
            AtomicFiles.WriteAll(writes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return context.BadInput("import", $"cannot write the {(staged is null ? "contracts" : "page copy and contracts")}: {e.Message}; nothing was changed");
        }

        // Only once the files are in place: "wrote" must never be printed for a write that failed.
        foreach (var line in report)
        {
            context.Output.WriteLine(line);
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// <c>import --check</c>: the re-derived contracts against the checked-in ones, through the diff rules, so that
    /// what a re-capture changes without changing the API (line numbers, whitespace, repeated text) is no change.
    /// </summary>
    private static int Check(CliContext context, string[] pages, Options options, DiffOutputOptions.Values output, IReadOnlyDictionary<string, byte[]>? contents = null)
    {
        var imports = Derive(context, pages, options, out var badInput, contents);
        if (imports is null)
        {
            return badInput;
        }

        foreach (var (page, _, result) in imports)
        {
            foreach (var finding in result.Contract.Findings.Where(f => f.Severity != FindingSeverity.Info))
            {
                var where = finding.Line is null ? page : $"{page}:{finding.Line}";
                context.Error.WriteLine($"{where}: {ContractWriter.SeverityName(finding.Severity)} {finding.Code}: {finding.Message}");
            }
        }

        if (imports.FirstOrDefault(i => i.Result.HasErrors) is { } failed)
        {
            return context.BadInput("import", $"{failed.Page}: the page has errors (above); it cannot be compared");
        }

        var endpoints = new List<EndpointDiff>();
        foreach (var (page, target, result) in imports)
        {
            Contract? checkedIn = null;
            if (File.Exists(target))
            {
                checkedIn = ContractFiles.LoadFile(context, "import", target);
                if (checkedIn is null)
                {
                    return ExitCodes.BadInput;
                }
            }

            endpoints.Add(ContractDiff.Compare(checkedIn, checkedIn is null ? null : context.Display(target), result.Contract, page));
        }

        return DiffOutputOptions.Write(context, "import", new DiffResult(endpoints), output);
    }

    /// <summary>Derives every page's contract and applies its overrides; null (and the exit code) on bad input.</summary>
    /// <param name="contents">The bytes of pages that are not (yet) on disk, by the path given: a fetched page read as its stored copy will be.</param>
    private static List<Imported>? Derive(CliContext context, string[] pages, Options options, out int exitCode, IReadOnlyDictionary<string, byte[]>? contents = null)
    {
        exitCode = ExitCodes.BadInput;
        List<Imported>? Bad(string message)
        {
            context.BadInput("import", message);
            return null;
        }

        var (vendorOption, operation, outDirectory) = (options.Vendor, options.Operation, options.OutDirectory);
        if (operation is not null && pages.Length > 1)
        {
            return Bad("--operation names one contract, but more than one page was given; import the pages one at a time or drop --operation");
        }

        if (operation is not null && !ContractNames.IsKebab(operation))
        {
            return Bad($"--operation \"{operation}\": expected a lower-case name of letters, digits and dashes, such as activate-contact");
        }

        var imports = new List<Imported>();
        foreach (var page in pages)
        {
            var display = context.Display(page);
            var vendor = vendorOption ?? Path.GetFileName(Path.GetDirectoryName(context.FullPath(page))) ?? "";
            if (!ContractNames.IsKebab(vendor))
            {
                return Bad($"{display}: cannot take the vendor from the folder name \"{vendor}\"; pass --vendor");
            }

            var name = operation ?? Path.GetFileNameWithoutExtension(page);

            byte[] bytes;
            try
            {
                bytes = contents is not null && contents.TryGetValue(page, out var given) ? given : File.ReadAllBytes(context.FullPath(page));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Bad($"{display}: cannot read the page: {e.Message}");
            }

            try
            {
                var operations = PageImporter.ImportOperations(bytes, display, vendor, name);
                if (operations.Count == 1 && !ContractNames.IsKebab(name))
                {
                    return Bad($"{display}: the file name \"{name}\" is not a valid operation name (lower-case letters, digits and dashes); pass --operation");
                }

                if (operations.Count > 1 && operation is not null)
                {
                    // A page of several operations: --operation picks one of them by its heading's name.
                    operations = operations.Where(o => o.Operation == operation).ToList();
                    if (operations.Count == 0)
                    {
                        var names = PageImporter.ImportOperations(bytes, display, vendor, name).Select(o => o.Operation);
                        return Bad($"{display}: the page documents the operations {string.Join(", ", names)}; --operation \"{operation}\" is none of them");
                    }
                }

                foreach (var (operationName, result) in operations)
                {
                    var target = OutputFolder.Combine(context.FullPath(outDirectory), vendor, operationName + ".contract.json");
                    if (imports.Any(i => i.Target == target))
                    {
                        return Bad($"{display}: another page or operation given also becomes {context.Display(target)}");
                    }

                    imports.Add(new Imported(display, target, result));
                }
            }
            catch (PageFormatException e)
            {
                return Bad(e.Message);
            }
            catch (PathOutsideFolderException e)
            {
                return Bad($"{display}: {e.Message}");
            }
        }

        foreach (var (_, target, result) in imports)
        {
            var overridesPath = ContractOverrides.PathFor(target);
            if (!File.Exists(overridesPath))
            {
                continue;
            }

            try
            {
                var overrides = ContractOverrides.Read(File.ReadAllBytes(overridesPath), context.Display(overridesPath));
                PageImporter.ApplyOverrides(result.Contract, overrides, context.Display(overridesPath));
            }
            catch (ContractFormatException e)
            {
                return Bad($"{e.File}:{e.Line}:{e.Column}: {e.Problem}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Bad($"{context.Display(overridesPath)}: cannot read the overrides: {e.Message}");
            }
        }

        exitCode = ExitCodes.Success;
        return imports;
    }

    private static void PrintFindings(CliContext context, List<Imported> imports)
    {
        foreach (var (page, _, result) in imports)
        {
            foreach (var finding in result.Contract.Findings)
            {
                var where = finding.Line is null ? page : $"{page}:{finding.Line}";
                context.Output.WriteLine($"{where}: {ContractWriter.SeverityName(finding.Severity)} {finding.Code}: {finding.Message}");
            }
        }
    }

    private static string Summary(IReadOnlyCollection<Finding> findings)
    {
        var warnings = findings.Count(f => f.Severity == FindingSeverity.Warning);
        var infos = findings.Count(f => f.Severity == FindingSeverity.Info);
        return $"{warnings} warning(s), {infos} note(s)";
    }
}
