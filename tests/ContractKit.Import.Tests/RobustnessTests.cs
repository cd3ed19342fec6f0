using System.Text;
using ContractKit.Import;
using ContractKit.Import.Pages;
using ContractKit.Testing;

namespace ContractKit.Import.Tests;

/// <summary>
/// The importer never throws on arbitrary input: random bytes, random JSON and mutated real pages each give a
/// contract or a <see cref="PageFormatException"/> that names the page (bounded property runs, docs/negative-testing.md).
/// </summary>
public sealed class RobustnessTests
{
    private static readonly string[] Pages = Directory.GetFiles(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures"), "*.md", SearchOption.AllDirectories)
        .Concat(Directory.GetFiles(Repo.PathOf("docs", "vendors"), "*.txt", SearchOption.AllDirectories))
        .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    [Fact]
    public void Random_bytes_give_a_contract_or_a_located_error() =>
        PropertyRuns.Check(RandomInputs.Bytes, bytes => ImportOrRefuse(bytes, "docs/vendors/random/page.txt"), iterations: 150);

    [Fact]
    public void Random_json_gives_a_contract_or_a_located_error() =>
        PropertyRuns.Check(RandomInputs.Json, json => ImportOrRefuse(Encoding.UTF8.GetBytes(json), "docs/vendors/random/page.md"), iterations: 150);

    [Fact]
    public void Mutated_pages_give_a_contract_or_a_located_error()
    {
        Assert.True(Pages.Length >= 8);
        PropertyRuns.Check(RandomInputs.Mutated(Pages), text =>
        {
            ImportOrRefuse(Encoding.UTF8.GetBytes(text), "docs/vendors/mutated/page.md");
            ImportOrRefuse(Encoding.UTF8.GetBytes(text), "docs/vendors/mutated/page.txt");
        }, iterations: 100);
    }

    private static void ImportOrRefuse(byte[] page, string path)
    {
        try
        {
            var result = PageImporter.Import(page, path, "random", "operation");
            Assert.NotNull(result.Contract);
        }
        catch (PageFormatException e)
        {
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
    }
}

/// <summary>Inputs the robustness properties found that once crashed the importer.</summary>
public sealed class RobustnessRegressionTests
{
    [Theory]
    [InlineData("# Fetch\nGET /v1/customers/{customer}\n```json")]
    [InlineData("# Fetch\nGET /v1/customers/{customer}\n```")]
    public void A_code_fence_opened_on_the_last_line_is_read_without_a_crash(string page)
    {
        try
        {
            Assert.NotNull(PageImporter.Import(Encoding.UTF8.GetBytes(page), "docs/vendors/stripe/page.md", "stripe", "retrieve-customer").Contract);
        }
        catch (PageFormatException e)
        {
            Assert.Contains("page.md", e.Message, StringComparison.Ordinal);
        }
    }
}
