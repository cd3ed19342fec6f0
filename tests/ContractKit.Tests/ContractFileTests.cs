using System.Text;
using ContractKit.Contracts;
using ContractKit.Testing;

namespace ContractKit.Tests;

public sealed class ContractFileTests
{
    private static readonly string RazorpayPath = Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json");

    [Theory]
    [InlineData("razorpay/activate-contact")]
    [InlineData("instantpay/update-contact")]
    public void Reading_and_writing_a_checked_in_contract_gives_the_same_bytes(string name)
    {
        var path = Repo.PathOf("schemas", name + ".contract.json");
        var original = File.ReadAllBytes(path);
        var contract = ContractReader.Read(original, path);
        Assert.Equal(Encoding.UTF8.GetString(original), Encoding.UTF8.GetString(ContractWriter.ToUtf8Bytes(contract)));
    }

    [Fact]
    public void Written_contract_uses_lf_line_ends_no_bom_and_a_final_newline()
    {
        var bytes = ContractWriter.ToUtf8Bytes(ContractReader.ReadFile(RazorpayPath));
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        Assert.Equal((byte)'\n', bytes[^1]);
        Assert.NotEqual((byte)'\n', bytes[^2]);
    }

    [Fact]
    public void Reader_gives_the_model_of_the_razorpay_contract()
    {
        var contract = ContractReader.ReadFile(RazorpayPath);
        Assert.Equal("razorpay", contract.Vendor);
        Assert.Equal("PATCH", contract.Http.Method);
        Assert.Equal("/v1/contacts/{id}", contract.Http.Path);
        Assert.Equal(AuthSchemes.Basic, contract.Http.Auth.Scheme);
        Assert.Equal(["200", "4xx"], contract.Responses.Select(r => r.Status));
        Assert.Equal("[YOUR_KEY_ID]", contract.Examples.Request!.BasicAuth!.Username);
        Assert.Contains(contract.Findings, f => f.Code == "CKI002" && f.Field == "batch_id" && f.Severity == FindingSeverity.Warning);
    }

    [Fact]
    public void Syntax_error_names_file_line_and_column()
    {
        var text = "{\n  \"formatVersion\": 1,\n  \"vendor\": \"x\"\n  \"operation\": \"y\"\n}\n";
        var e = Assert.Throws<ContractFormatException>(() => ContractReader.Read(Encoding.UTF8.GetBytes(text), "broken.contract.json"));
        Assert.Equal("broken.contract.json", e.File);
        Assert.Equal(4, e.Line);
        Assert.StartsWith("broken.contract.json:4:", e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", e.Problem, StringComparison.Ordinal);
        // The position is reported once, 1-based; the reader's own 0-based suffix is dropped.
        Assert.DoesNotContain("LineNumber", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_names_the_member_its_line_and_what_was_found()
    {
        var text = File.ReadAllText(RazorpayPath).Replace("\"method\": \"PATCH\"", "\"method\": 42", StringComparison.Ordinal);
        var expectedLine = text.Split('\n').ToList().FindIndex(l => l.Contains("\"method\": 42", StringComparison.Ordinal)) + 1;
        var e = Assert.Throws<ContractFormatException>(() => ContractReader.Read(Encoding.UTF8.GetBytes(text), "c.json"));
        Assert.Equal(expectedLine, e.Line);
        Assert.Contains("/http/method", e.Problem, StringComparison.Ordinal);
        Assert.Contains("expected a string, found the number 42", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_member_is_reported_at_its_parent()
    {
        var text = File.ReadAllText(RazorpayPath).Replace("\"vendor\": \"razorpay\",", "", StringComparison.Ordinal);
        var e = Assert.Throws<ContractFormatException>(() => ContractReader.Read(Encoding.UTF8.GetBytes(text), "c.json"));
        Assert.Equal(1, e.Line);
        Assert.Contains("expected a member \"vendor\"", e.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public void Empty_file_is_an_error(string text)
    {
        var e = Assert.Throws<ContractFormatException>(() => ContractReader.Read(Encoding.UTF8.GetBytes(text), "empty.json"));
        Assert.Contains("empty file", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_format_version_is_refused()
    {
        var text = File.ReadAllText(RazorpayPath).Replace("\"formatVersion\": 1", "\"formatVersion\": 7", StringComparison.Ordinal);
        var e = Assert.Throws<ContractFormatException>(() => ContractReader.Read(Encoding.UTF8.GetBytes(text), "c.json"));
        Assert.Equal(3, e.Line);
        Assert.Contains("found 7", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_contract_error_naming_it()
    {
        var e = Assert.Throws<ContractFormatException>(() => ContractReader.ReadFile("/nonexistent/x.contract.json"));
        Assert.Equal("/nonexistent/x.contract.json", e.File);
    }
}
