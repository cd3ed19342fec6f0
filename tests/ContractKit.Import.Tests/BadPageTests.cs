using System.Text;
using ContractKit.Contracts;
using ContractKit.Import.Pages;
using static ContractKit.Import.Tests.Pages;

namespace ContractKit.Import.Tests;

public sealed class BadPageTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  \n\n\t\n")]
    public void An_empty_page_is_refused(string text)
    {
        var e = Assert.Throws<PageFormatException>(() => PageImporter.Import(Encoding.UTF8.GetBytes(text), "docs/p.txt", "v", "o"));
        Assert.Equal("docs/p.txt: the page is empty", e.Message);
    }

    [Fact]
    public void A_binary_page_is_refused_with_the_line_of_its_first_nul()
    {
        var bytes = Encoding.UTF8.GetBytes("GET /x\nok\nbad\0byte");
        var e = Assert.Throws<PageFormatException>(() => PageImporter.Import(bytes, "p.bin", "v", "o"));
        Assert.Equal(3, e.Line);
        Assert.StartsWith("p.bin:3: binary content", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_that_is_not_utf8_is_refused_with_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("GET /x\nName: ").Concat(new byte[] { 0xE9, 0x41 }).ToArray();
        var e = Assert.Throws<PageFormatException>(() => PageImporter.Import(bytes, "p.txt", "v", "o"));
        Assert.Equal(2, e.Line);
        Assert.Contains("not UTF-8", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_with_nothing_an_api_page_has_is_unrecognised()
    {
        var e = Assert.Throws<PageFormatException>(() => ImportPage(Lines("Release notes", "", "We fixed bugs and improved speed.")));
        Assert.Contains("not a recognisable API documentation page", e.Message, StringComparison.Ordinal);
        Assert.Null(e.Line);
    }

    [Fact]
    public void A_page_with_fields_but_no_endpoint_is_an_import_error()
    {
        var result = PageImporter.Import(Encoding.UTF8.GetBytes(Lines("Request Parameters", "name", "*", "string", "Name.")), "p.txt", "v", "o");
        Assert.True(result.HasErrors);
        Assert.Equal(FindingSeverity.Error, result.Contract.Finding(FindingCodes.NoEndpoint).Severity);
    }

    [Fact]
    public void A_byte_order_mark_and_crlf_line_ends_are_read_as_plain_text()
    {
        var text = "\uFEFFGET /x\r\nResponse Parameters\r\nid\r\nstring\r\nThe id.\r\n";
        var contract = PageImporter.Import(Encoding.UTF8.GetBytes(text), "p.txt", "v", "o").Contract;
        Assert.Equal("/x", contract.Http.Path);
        Assert.Equal(3, contract.ResponseSchema().Property("id")["x-line"]!.GetValue<int>());
    }
}
