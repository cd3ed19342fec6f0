using ContractKit.Contracts;
using ContractKit.Diff;
using ContractKit.Import;
using ContractKit.Import.OpenApi;
using ContractKit.Import.Pages;
using ContractKit.IO;

namespace ContractKit.Cli;

/// <summary>
/// <c>contractkit import &lt;openapi.json|yaml&gt; [--operation &lt;operationId or "METHOD /path"&gt;]</c>: a vendor's
/// OpenAPI 3.0 or 3.1 document as contracts, one per operation (or the one named). The import command hands a file
/// here when it has a top-level <c>openapi</c> member; writing, overrides and <c>--check</c> work as for pages.
/// </summary>
internal static class OpenApiImport
{
    /// <summary>Whether any of the given files is an OpenAPI document (files that cannot be read are left to the page import to report).</summary>
    public static bool Handles(CliContext context, string[] files) => files.Any(f => IsOpenApi(context, f));

    public static bool IsOpenApi(CliContext context, string file)
    {
        try
        {
            var full = context.FullPath(file);
            return File.Exists(full) && OpenApiImporter.IsOpenApiDocument(File.ReadAllBytes(full));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Reads the document's operations as contracts (overrides applied); null (message printed) on bad input.</summary>
    public static IReadOnlyList<(OpenApiOperationImport Import, string Target)>? Derive(CliContext context, string command, string document, string? vendorOption, string? operation, string outDirectory, bool applyOverrides = true, byte[]? documentBytes = null)
    {
        var display = context.Display(document);
        var vendor = vendorOption ?? Path.GetFileName(Path.GetDirectoryName(context.FullPath(document))) ?? "";
        if (!ContractNames.IsKebab(vendor))
        {
            return Bad(context, command, vendorOption is null
                ? $"{display}: cannot take the vendor from the folder name \"{vendor}\"; pass --vendor"
                : $"--vendor \"{vendor}\": expected a lower-case name of letters, digits and dashes, such as razorpay");
        }

        IReadOnlyList<OpenApiOperationImport> imports;
        try
        {
            imports = OpenApiImporter.Import(documentBytes ?? File.ReadAllBytes(context.FullPath(document)), display, vendor, operation);
        }
        catch (PageFormatException e)
        {
            return Bad(context, command, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Bad(context, command, $"{display}: cannot read the document: {e.Message}");
        }

        var result = new List<(OpenApiOperationImport, string)>();
        foreach (var import in imports)
        {
            string target;
            try
            {
                target = OutputFolder.Combine(context.FullPath(outDirectory), vendor, import.Name + ".contract.json");
            }
            catch (PathOutsideFolderException e)
            {
                return Bad(context, command, $"{display}: {e.Message}");
            }

            var overridesPath = ContractOverrides.PathFor(target);
            if (applyOverrides && File.Exists(overridesPath))
            {
                try
                {
                    var overrides = ContractOverrides.Read(File.ReadAllBytes(overridesPath), context.Display(overridesPath));
                    PageImporter.ApplyOverrides(import.Result.Contract, overrides, context.Display(overridesPath));
                }
                catch (ContractFormatException e)
                {
                    return Bad(context, command, $"{e.File}:{e.Line}:{e.Column}: {e.Problem}");
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return Bad(context, command, $"{context.Display(overridesPath)}: cannot read the overrides: {e.Message}");
                }
            }

            result.Add((import, target));
        }

        return result;
    }

    public static int Run(CliContext context, string[] files, string? vendor, string? operation, string outDirectory, bool check, DiffOutputOptions.Values diffOutput, byte[]? documentBytes = null, StagedFiles? staged = null)
    {
        if (files.Length != 1)
        {
            Bad(context, "import", "an OpenAPI document is imported on its own: give one document (and no pages) per run");
            return ExitCodes.BadInput;
        }

        var display = context.Display(files[0]);
        if (Derive(context, "import", files[0], vendor, operation, outDirectory, documentBytes: documentBytes) is not { } imports)
        {
            return ExitCodes.BadInput;
        }

        foreach (var (import, _) in imports)
        {
            foreach (var finding in import.Result.Contract.Findings.Where(f => !check || f.Severity != FindingSeverity.Info))
            {
                var where = finding.Line is null ? display : $"{display}:{finding.Line}";
                (check ? context.Error : context.Output).WriteLine($"{where}: {import.Name}: {ContractWriter.SeverityName(finding.Severity)} {finding.Code}: {finding.Message}");
            }
        }

        if (imports.FirstOrDefault(i => i.Import.Result.HasErrors) is { Import: { } failed })
        {
            context.Error.WriteLine($"{display}: {failed.Method} {failed.Path} ({failed.Name}) has errors; no contract was written");
            return check ? ExitCodes.BadInput : ExitCodes.Failures;
        }

        if (check)
        {
            var endpoints = new List<EndpointDiff>();
            foreach (var (import, target) in imports)
            {
                Contract? checkedIn = null;
                if (File.Exists(target) && (checkedIn = ContractFiles.LoadFile(context, "import", target)) is null)
                {
                    return ExitCodes.BadInput;
                }

                endpoints.Add(ContractDiff.Compare(checkedIn, checkedIn is null ? null : context.Display(target), import.Result.Contract, display));
            }

            return DiffOutputOptions.Write(context, "import", new DiffResult(endpoints), diffOutput);
        }

        var writes = new List<(string Path, byte[] Content)>(staged?.Writes ?? []);
        var report = new List<string>(staged?.Report ?? []);
        foreach (var (import, target) in imports)
        {
            var content = ContractWriter.ToUtf8Bytes(import.Result.Contract);
            var unchanged = File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(content);
            var findings = import.Result.Contract.Findings;
            report.Add($"{(unchanged ? "unchanged" : "wrote")} {context.Display(target)} ({import.Method} {import.Path}; {findings.Count(f => f.Severity == FindingSeverity.Warning)} warning(s), {findings.Count(f => f.Severity == FindingSeverity.Info)} note(s))");
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
            Bad(context, "import", $"cannot write the contracts: {e.Message}; nothing was changed");
            return ExitCodes.BadInput;
        }

        foreach (var line in report)
        {
            context.Output.WriteLine(line);
        }

        return ExitCodes.Success;
    }

    private static IReadOnlyList<(OpenApiOperationImport, string)>? Bad(CliContext context, string command, string message)
    {
        context.Error.WriteLine($"contractkit {command}: {message}");
        return null;
    }
}
