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
    /// Derives a contract from a page's bytes.
    /// </summary>
    /// <param name="pagePath">The page's path as recorded in the contract's provenance (and named in errors).</param>
    /// <exception cref="PageFormatException">The page is empty, binary, not UTF-8, or not an API documentation page.</exception>
    public static ImportResult Import(byte[] pageBytes, string pagePath, string vendor, string operation)
    {
        var page = PageText.FromBytes(pageBytes, pagePath);
        var model = TextPageReader.Read(page);
        if (model.IsEmpty)
        {
            throw new PageFormatException(pagePath, null,
                "not a recognisable API documentation page: found no endpoint, parameter section, table or sample");
        }

        return new ImportResult(ContractDeriver.Derive(model, vendor, operation, pagePath, page.Sha256));
    }
}
