using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using ContractKit.Contracts;
using ContractKit.Diff;
using ContractKit.Import;
using ContractKit.Import.OpenApi;
using ContractKit.Import.Pages;
using ContractKit.IO;

namespace ContractKit.Cli;

/// <summary>
/// <c>contractkit compare &lt;page-contract-or-page&gt; &lt;openapi-doc&gt; [--operation ...]</c>: where a vendor's
/// documentation page and the vendor's OpenAPI document disagree about one operation, classified by the diff rules
/// (docs/diff-rules.md) as if the page were the old version and the OpenAPI document the new one.
/// </summary>
internal static partial class CompareCommand
{
    public static Command Create(CliContext context)
    {
        var page = new Argument<string>("page-contract-or-page")
        {
            Description = "The page side: a contract (*.contract.json) or a captured documentation page (text or Markdown).",
        };
        var document = new Argument<string>("openapi-document")
        {
            Description = "The vendor's OpenAPI 3.0 or 3.1 document (JSON or YAML).",
        };
        var operation = new Option<string?>("--operation")
        {
            Description = "The OpenAPI operation to compare with (operationId or \"METHOD /path\"). Default: the one with the page's method and path.",
        };
        var vendor = new Option<string?>("--vendor")
        {
            Description = "The vendor's name, when a page is given and its folder is not named after the vendor.",
        }.KebabName("razorpay");
        var options = DiffOutputOptions.Create().WithFailOnDefault("any");
        var command = new Command("compare", "List where a vendor's documentation page and its OpenAPI document disagree about an operation, each difference classified by the diff rules (page as old, OpenAPI as new). Exit 0: no difference at the --fail-on level (default any); 1: a difference; 2: bad input.")
        {
            page, document, operation, vendor,
        };
        options.AddTo(command);
        command.SetAction(result => Run(context, result.GetValue(page)!, result.GetValue(document)!, result.GetValue(operation), result.GetValue(vendor), options.Read(result)));
        return command;
    }

    private static int Run(CliContext context, string pageFile, string documentFile, string? operation, string? vendorOption, DiffOutputOptions.Values output)
    {
        var pageDisplay = context.Display(pageFile);
        if (!File.Exists(context.FullPath(pageFile)))
        {
            return context.BadInput("compare", $"{pageDisplay}: no such file");
        }

        if (!OpenApiImport.IsOpenApi(context, documentFile))
        {
            return context.BadInput("compare", $"{context.Display(documentFile)}: not an OpenAPI document (it has no top-level \"openapi\" member, or cannot be read)");
        }

        var left = PageSide(context, pageFile, vendorOption);
        if (left is null)
        {
            return ExitCodes.BadInput;
        }

        // The page's method and path pick the operation unless one is named; "{id}" and ":id" are the same segment.
        var selector = operation ?? $"{left.Http.Method} {left.Http.Path}";
        var imports = OpenApiImport.Derive(context, "compare", documentFile, left.Vendor, operation, ".", applyOverrides: false);
        if (imports is null)
        {
            return ExitCodes.BadInput;
        }

        var matching = imports.Where(i => operation is not null || (i.Import.Method == left.Http.Method && SamePath(i.Import.Path, left.Http.Path))).ToList();
        if (matching.Count != 1)
        {
            return context.BadInput("compare", $"{context.Display(documentFile)}: {(matching.Count == 0 ? "no operation" : "more than one operation")} matches {selector}; name one with --operation (operationId or \"METHOD /path\")");
        }

        var right = matching[0].Import.Result.Contract;
        if (matching[0].Import.Result.HasErrors)
        {
            foreach (var finding in right.Findings.Where(f => f.Severity == FindingSeverity.Error))
            {
                context.Error.WriteLine($"{context.Display(documentFile)}:{finding.Line}: error {finding.Code}: {finding.Message}");
            }

            return context.BadInput("compare", $"{context.Display(documentFile)}: the operation has errors (above); it cannot be compared");
        }

        // Only what the API does is compared: the two sources name the operation in their own ways.
        right.Operation = left.Operation;
        var endpoint = ContractDiff.Compare(left, pageDisplay, right, context.Display(documentFile));
        return Write(context, new DiffResult([endpoint]), output);
    }

    /// <summary>The page side as a contract: read as one, or imported from the page.</summary>
    private static Contract? PageSide(CliContext context, string file, string? vendorOption)
    {
        if (file.EndsWith(".contract.json", StringComparison.OrdinalIgnoreCase))
        {
            return ContractFiles.LoadFile(context, "compare", file);
        }

        var display = context.Display(file);
        var vendor = vendorOption ?? Path.GetFileName(Path.GetDirectoryName(context.FullPath(file))) ?? "";
        if (!ContractNames.IsKebab(vendor))
        {
            context.BadInput("compare", $"{display}: cannot take the vendor from the folder name \"{vendor}\"; pass --vendor");
            return null;
        }

        var name = Path.GetFileNameWithoutExtension(file);
        try
        {
            var result = PageImporter.Import(File.ReadAllBytes(context.FullPath(file)), display, vendor, ContractNames.IsKebab(name) ? name : "page");
            if (result.HasErrors)
            {
                context.BadInput("compare", $"{display}: the page has errors; import it on its own to see them");
                return null;
            }

            return result.Contract;
        }
        catch (PageFormatException e)
        {
            context.BadInput("compare", e.Message);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.BadInput("compare", $"{display}: cannot read the page: {e.Message}");
            return null;
        }
    }

    private static bool SamePath(string a, string b) => Template().Replace(a, "{}") == Template().Replace(b, "{}");

    [GeneratedRegex(@"\{[^}/]*\}|(?<=/):[^/]+")]
    private static partial Regex Template();

    private static int Write(CliContext context, DiffResult result, DiffOutputOptions.Values values)
    {
        var report = new DiffReport(result, values.FailOn, values.Verbose, "vendor page against its OpenAPI document (compare)");
        var rendered = report.Render(values.Format);
        if (values.Output is null)
        {
            context.Output.Write(rendered);
        }
        else
        {
            try
            {
                AtomicFiles.WriteAll([(context.FullPath(values.Output), Encoding.UTF8.GetBytes(rendered))]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return context.BadInput("compare", $"cannot write {context.Display(values.Output)}: {e.Message}");
            }

            context.Output.WriteLine($"{report.Summary()}; report written to {context.Display(values.Output)}");
        }

        return report.Fails ? ExitCodes.Failures : ExitCodes.Success;
    }
}
