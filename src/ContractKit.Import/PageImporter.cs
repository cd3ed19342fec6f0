using ContractKit.Contracts;
using ContractKit.Import.Derivation;
using ContractKit.Import.Pages;

namespace ContractKit.Import;

/// <summary>The outcome of importing one page: the derived contract, with its findings in it.</summary>
public sealed record ImportResult(Contract Contract)
{
    public bool HasErrors => Contract.Findings.Any(f => f.Severity == FindingSeverity.Error);
}

/// <summary>Imports captured vendor documentation pages into contracts.</summary>
public static class PageImporter
{
    /// <summary>
    /// Derives a contract from a page's bytes. On a page of several operations, <paramref name="operation"/> names the
    /// one to derive (from its heading, in kebab case).
    /// </summary>
    /// <param name="pagePath">The page's path as recorded in the contract's provenance (and named in errors).</param>
    /// <exception cref="PageFormatException">The page is empty, binary, not UTF-8, or not an API documentation page;
    /// or it documents several operations and none is named <paramref name="operation"/>.</exception>
    public static ImportResult Import(byte[] pageBytes, string pagePath, string vendor, string operation)
    {
        var operations = ImportOperations(pageBytes, pagePath, vendor, operation);
        if (operations.Count == 1)
        {
            return operations[0].Result;
        }

        return operations.FirstOrDefault(o => o.Operation == operation).Result
               ?? throw new PageFormatException(pagePath, null,
                   $"the page documents {operations.Count} operations ({string.Join(", ", operations.Select(o => o.Operation))}) and none is named \"{operation}\"; pass one of them");
    }

    /// <summary>
    /// Derives one contract per operation the page documents: one, named <paramref name="defaultOperation"/>, for a
    /// page of one endpoint; for a page of several, each named from its heading in kebab case.
    /// </summary>
    public static IReadOnlyList<(string Operation, ImportResult Result)> ImportOperations(byte[] pageBytes, string pagePath, string vendor, string defaultOperation)
    {
        var page = PageText.FromBytes(pageBytes, pagePath);
        var html = HtmlPageReader.IsHtml(pagePath, page.Lines);
        var markdown = !html && MarkdownPageReader.IsMarkdown(pagePath, page.Lines);
        var models = html ? HtmlPageReader.Read(page) : markdown ? MarkdownPageReader.Read(page) : [TextPageReader.Read(page)];
        if (models.Count == 1 && models[0].IsEmpty)
        {
            throw new PageFormatException(pagePath, null, html
                ? "not a recognisable API documentation page: read as HTML, it has no endpoint (such as \"POST /v1/orders\" in a heading, a paragraph or code), no field table (a <table> with Name and Type columns), no field blocks (a name, then a type and a description) and no JSON, curl or HTTP sample in a <pre>"
                : markdown
                ? "not a recognisable API documentation page: read as Markdown, it has no endpoint line (such as \"POST /v1/orders\"), no field table (a pipe table with Name and Type columns), no definition list of fields and no fenced JSON, curl or HTTP sample"
                : "not a recognisable API documentation page: found no endpoint, parameter section, table or sample");
        }

        var results = new List<(string, ImportResult)>();
        var servers = ServerUrls.Find(page.Lines);
        foreach (var model in models)
        {
            model.Servers = servers;
            var name = models.Count == 1 ? defaultOperation : model.OperationName;
            if (name is null)
            {
                throw new PageFormatException(pagePath, model.Endpoint?.Line,
                    $"the page documents {models.Count} operations, but the one at {model.Endpoint?.Method} {model.Endpoint?.Path} has no heading to name it; expected a heading such as \"Create an order\" before each endpoint");
            }

            if (results.Any(r => r.Item1 == name))
            {
                throw new PageFormatException(pagePath, model.Endpoint?.Line, $"two operations on the page are both named \"{name}\" from their headings; give them different headings");
            }

            try
            {
                results.Add((name, new ImportResult(ContractDeriver.Derive(model, vendor, name, pagePath, page.Sha256))));
            }
            catch (FieldTooDeepException e)
            {
                throw new PageFormatException(pagePath, e.Line, e.Message);
            }
        }

        return results;
    }

    /// <summary>
    /// Applies a team's overrides to a derived contract and records, per override, a finding: applied (with what
    /// changed), stale (the page no longer documents the field) or unneeded (the page already says the same).
    /// </summary>
    /// <param name="overridesDisplay">The overrides file as a person reads it, named in each finding.</param>
    public static void ApplyOverrides(Contract contract, ContractOverrides overrides, string overridesDisplay)
    {
        foreach (var outcome in overrides.ApplyTo(contract))
        {
            var entry = outcome.Override;
            var where = $"{overridesDisplay}:{entry.Line}";
            var finding = outcome switch
            {
                { Stale: true } => new Finding(FindingCodes.OverrideStale, FindingSeverity.Warning,
                    $"the override at {where} names {entry.Target}, which the page no longer documents; it was not applied", null, entry.Field),
                { Applied: true } => new Finding(FindingCodes.OverrideApplied, FindingSeverity.Info,
                    $"override at {where} applied to {entry.Target}: {string.Join(", ", outcome.Changes)} ({entry.Reason})", outcome.PageLine, entry.Field),
                _ => new Finding(FindingCodes.OverrideUnneeded, FindingSeverity.Info,
                    $"the override at {where} changes nothing in {entry.Target}: the page now says the same; consider removing it", outcome.PageLine, entry.Field),
            };
            contract.Findings.Add(finding);
        }
    }
}
