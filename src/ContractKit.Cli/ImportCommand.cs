using System.CommandLine;
using System.Text.RegularExpressions;
using ContractKit.Contracts;
using ContractKit.Import;
using ContractKit.Import.Pages;
using ContractKit.IO;

namespace ContractKit.Cli;

/// <summary><c>contractkit import &lt;page&gt;... [--vendor &lt;name&gt;] [--operation &lt;name&gt;] [--out &lt;dir&gt;]</c></summary>
internal static partial class ImportCommand
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabName();

    public static Command Create(CliContext context)
    {
        var pages = new Argument<string[]>("page")
        {
            Description = "Captured documentation pages (text or Markdown), one endpoint each.",
            Arity = ArgumentArity.OneOrMore,
        };
        var vendor = new Option<string?>("--vendor")
        {
            Description = "The vendor's name in lower-case kebab form (razorpay); the contracts go to <out>/<vendor>/. Defaults to the name of each page's folder (docs/vendors/razorpay/...).",
        };
        var operation = new Option<string?>("--operation")
        {
            Description = "The operation's name (activate-contact). Defaults to the page's file name without its extension; only with one page.",
        };
        var output = new Option<string>("--out")
        {
            Description = "The directory of contracts.",
            DefaultValueFactory = _ => "schemas",
        };

        var command = new Command("import", "Derive contracts from vendor documentation pages and write them as <out>/<vendor>/<operation>.contract.json. Writes all or nothing; prints the findings.")
        {
            pages, vendor, operation, output,
        };
        command.SetAction(result => Run(context, result.GetValue(pages)!, result.GetValue(vendor), result.GetValue(operation), result.GetValue(output)!));
        return command;
    }

    private static int Run(CliContext context, string[] pages, string? vendorOption, string? operation, string outDirectory)
    {
        if (vendorOption is not null && !KebabName().IsMatch(vendorOption))
        {
            return BadInput(context, $"--vendor \"{vendorOption}\": expected a lower-case name of letters, digits and dashes, such as razorpay");
        }

        if (operation is not null && pages.Length > 1)
        {
            return BadInput(context, "--operation names one contract, but more than one page was given; import the pages one at a time or drop --operation");
        }

        if (operation is not null && !KebabName().IsMatch(operation))
        {
            return BadInput(context, $"--operation \"{operation}\": expected a lower-case name of letters, digits and dashes, such as activate-contact");
        }

        var imports = new List<(string Page, string Target, ImportResult Result)>();
        foreach (var page in pages)
        {
            var display = context.Display(page);
            var vendor = vendorOption ?? Path.GetFileName(Path.GetDirectoryName(context.FullPath(page))) ?? "";
            if (!KebabName().IsMatch(vendor))
            {
                return BadInput(context, $"{display}: cannot take the vendor from the folder name \"{vendor}\"; pass --vendor");
            }

            var name = operation ?? Path.GetFileNameWithoutExtension(page);
            if (!KebabName().IsMatch(name))
            {
                return BadInput(context, $"{display}: the file name \"{name}\" is not a valid operation name (lower-case letters, digits and dashes); pass --operation");
            }

            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(context.FullPath(page));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return BadInput(context, $"{display}: cannot read the page: {e.Message}");
            }

            try
            {
                var result = PageImporter.Import(bytes, display, vendor, name);
                var target = Path.Combine(context.FullPath(outDirectory), vendor, name + ".contract.json");
                if (imports.Any(i => i.Target == target))
                {
                    return BadInput(context, $"{display}: another page given also becomes {context.Display(target)}");
                }

                imports.Add((display, target, result));
            }
            catch (PageFormatException e)
            {
                return BadInput(context, e.Message);
            }
        }

        foreach (var (page, _, result) in imports)
        {
            foreach (var finding in result.Contract.Findings)
            {
                var where = finding.Line is null ? page : $"{page}:{finding.Line}";
                context.Output.WriteLine($"{where}: {ContractWriter.SeverityName(finding.Severity)} {finding.Code}: {finding.Message}");
            }
        }

        var failed = imports.Where(i => i.Result.HasErrors).ToList();
        if (failed.Count > 0)
        {
            foreach (var (page, _, result) in failed)
            {
                var errors = result.Contract.Findings.Count(f => f.Severity == FindingSeverity.Error);
                context.Error.WriteLine($"{page}: {errors} error(s); no contract was written");
            }

            return ExitCodes.Failures;
        }

        var writes = new List<(string Path, byte[] Content)>();
        foreach (var (_, target, result) in imports)
        {
            var content = ContractWriter.ToUtf8Bytes(result.Contract);
            var unchanged = File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(content);
            var counts = Summary(result.Contract.Findings);
            context.Output.WriteLine($"{(unchanged ? "unchanged" : "wrote")} {context.Display(target)} ({counts})");
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
            return BadInput(context, $"cannot write the contracts: {e.Message}; nothing was changed");
        }

        return ExitCodes.Success;
    }

    private static string Summary(IReadOnlyCollection<Finding> findings)
    {
        var warnings = findings.Count(f => f.Severity == FindingSeverity.Warning);
        var infos = findings.Count(f => f.Severity == FindingSeverity.Info);
        return $"{warnings} warning(s), {infos} note(s)";
    }

    private static int BadInput(CliContext context, string message)
    {
        context.Error.WriteLine($"contractkit import: {message}");
        return ExitCodes.BadInput;
    }
}
