using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

/// <summary>Contracts and pages are untrusted: odd or hostile input gets a clear error with exit 2, never a crash or a write elsewhere.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private static string Razorpay => File.ReadAllText(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));

    private static string Instantpay => File.ReadAllText(Repo.PathOf("schemas", "instantpay", "update-contact.contract.json"));

    /// <summary>Writes the two bundled contracts to schemas/, the Razorpay one changed by <paramref name="change"/>.</summary>
    private string WriteContracts(Func<string, string> change)
    {
        workspace.Write("schemas/instantpay/update-contact.contract.json", Instantpay);
        return workspace.Write("schemas/razorpay/activate-contact.contract.json", change(Razorpay));
    }

    private static string Replace(string text, string from, string to)
    {
        Assert.Contains(from, text, StringComparison.Ordinal);
        return text.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_refuses_a_vendor_name_that_leads_out_of_the_output_folder()
    {
        // Written beside out/openapi.json as "openapi.<vendor>.json", this vendor would land in the workspace root.
        WriteContracts(text => Replace(text, "\"vendor\": \"razorpay\"", "\"vendor\": \"/../../PWNED\""));
        var before = workspace.AllFiles();

        var result = workspace.Run("export", "openapi", "--out", "out/openapi.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("activate-contact.contract.json:5:", result.Error, StringComparison.Ordinal);
        Assert.Contains("/vendor: expected a lower-case name of letters, digits and dashes, found \"/../../PWNED\"", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, workspace.AllFiles());
        Assert.False(File.Exists(workspace.PathOf("PWNED.json")));
    }

    [Fact]
    public void A_contract_with_a_path_in_its_operation_name_is_refused_on_read()
    {
        WriteContracts(text => Replace(text, "\"operation\": \"activate-contact\"", "\"operation\": \"../../x\""));

        var result = workspace.Run("validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--body", "schemas/razorpay/activate-contact.contract.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("activate-contact.contract.json:6:", result.Error, StringComparison.Ordinal);
        Assert.Contains("/operation: expected a lower-case name", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_status_that_is_not_a_status_code_is_refused_on_read()
    {
        WriteContracts(text => Replace(text, "\"status\": \"200\",\n      \"description\": \"Success\"", "\"status\": \"abc\",\n      \"description\": \"Success\""));

        var result = workspace.Run("verify", "--schemas", "schemas");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/responses/0/status: expected a status code (\"200\") or class (\"4xx\"), found \"abc\"", result.Error, StringComparison.Ordinal);
    }

    /// <summary>The Razorpay contract with its error response's schema referring to itself.</summary>
    private string WriteCyclicContract() =>
        WriteContracts(text => Replace(text, "\"schema\": {}", "\"schema\": { \"type\": \"object\", \"properties\": { \"error\": { \"$ref\": \"#\" } } }"));

    [Theory]
    [InlineData("verify", "--schemas", "schemas")]
    [InlineData("stub", "--schemas", "schemas", "--port", "0")]
    [InlineData("validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--status", "400", "--body", "body.json")]
    [InlineData("describe", "schemas/razorpay/activate-contact.contract.json")]
    [InlineData("export", "openapi", "--out", "out/openapi.json")]
    public void A_reference_cycle_is_refused_with_its_place_not_a_stack_overflow(params string[] args)
    {
        var path = WriteCyclicContract();
        workspace.Write("body.json", """{ "error": { "error": {} } }""");
        var (line, column) = Find(File.ReadAllText(path), "\"#\"");

        var result = workspace.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"activate-contact.contract.json:{line}:", result.Error, StringComparison.Ordinal);
        Assert.Contains("/responses/1/schema/properties/error/$ref: this $ref leads back to a schema that contains it", result.Error, StringComparison.Ordinal);
        Assert.True(column > 0);
    }

    private static (int Line, int Column) Find(string text, string fragment)
    {
        var index = text.IndexOf(fragment, StringComparison.Ordinal);
        var before = text[..index].ReplaceLineEndings("\n");
        return (before.Count(c => c == '\n') + 1, index - (before.LastIndexOf('\n') + 1) + 1);
    }

    /// <summary>Each: a contract changed in one odd way, the command that crashed on it, and the error it now gets.</summary>
    public static TheoryData<string, string, string, string[]> OddContracts => new()
    {
        { "\"vendor\": \"razorpay\",", "\"vendor\": \"razorpay\", \"vendor\": \"razorpay\",", "the member \"vendor\" appears twice in one object", ["verify", "--schemas", "schemas"] },
        { "\"x-line\": 77", "\"x-line\": 1e400", "/x-line: expected a non-negative integer below 2^31, found the number 1e400", ["describe", "schemas/razorpay/activate-contact.contract.json"] },
        { "\"required\": [\n        \"active\"\n      ]", "\"required\": [5]", "/request/schema/required/0: expected a string, found the number 5", ["describe", "schemas/razorpay/activate-contact.contract.json"] },
        { "\"status\": \"4xx\"", "\"status\": \"200\"", "/responses/1/status: expected each status once, found \"200\" a second time", ["diff", "old.contract.json", "schemas/razorpay/activate-contact.contract.json"] },
        { "\"type\": \"boolean\",\n          \"description\": \"Represents", "\"type\": [5, null],\n          \"description\": \"Represents", "/request/schema/properties/active/type: expected a JSON type name", ["export", "openapi", "--openapi-version", "3.0", "--out", "out/openapi.json"] },
    };

    [Theory]
    [MemberData(nameof(OddContracts))]
    public void An_odd_value_is_a_located_error_not_a_crash(string from, string to, string expected, string[] args)
    {
        workspace.Write("old.contract.json", Razorpay);
        var path = WriteContracts(text => Replace(text, from, to));
        var line = Razorpay[..Razorpay.IndexOf(from, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

        var result = workspace.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Matches($@"activate-contact\.contract\.json:({line}|{line + 1}|{line + 2}):\d+: ", result.Error);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_that_is_not_utf8_inside_a_string_is_a_located_error()
    {
        var path = WriteContracts(text => text);
        var bytes = File.ReadAllBytes(path).ToList();
        var title = bytes.IndexOf((byte)'A'); // "Activate or Deactivate a Contact", the title on line 7
        bytes[title] = 0xFF;
        File.WriteAllBytes(path, [.. bytes]);

        var result = workspace.Run("describe", "schemas/razorpay/activate-contact.contract.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("activate-contact.contract.json:7:", result.Error, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_member_given_twice_in_an_overrides_file_is_a_located_error()
    {
        workspace.Write("schemas/razorpay/activate-contact.overrides.json", "{\n  \"overrides\": [],\n  \"overrides\": []\n}\n");

        var result = workspace.Run("import", "docs/vendors/razorpay/activate-contact.txt");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("activate-contact.overrides.json:3:3: the member \"overrides\" appears twice in one object", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json")));
    }

    [Fact]
    public void A_field_nested_deeper_than_the_limit_is_refused_at_its_line_and_fast()
    {
        var page = workspace.PathOf("docs", "vendors", "razorpay", "activate-contact.txt");
        var deep = string.Join('.', Enumerable.Range(0, 5000).Select(i => "n" + i));
        var text = File.ReadAllText(page);
        var at = text.IndexOf("name\nstring\n", StringComparison.Ordinal);
        File.WriteAllText(page, text[..at] + deep + "\nstring\n\nA deep field.\n\n" + text[at..]);
        var line = text[..at].Count(c => c == '\n') + 1;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = workspace.Run("import", "docs/vendors/razorpay/activate-contact.txt");

        // A hang guard, not a speed target: before the depth check, 2,000 segments took 86 s and time grew faster than the row.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"activate-contact.txt:{line}: the field n0.n1.n2", result.Error, StringComparison.Ordinal);
        Assert.Contains("is nested 5000 levels deep; expected at most 16 dotted segments", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workspace.PathOf("schemas")));
    }

    [Fact]
    public void A_field_at_the_depth_limit_imports_and_exports()
    {
        var page = workspace.PathOf("docs", "vendors", "razorpay", "activate-contact.txt");
        var deep = string.Join('.', Enumerable.Range(0, 16).Select(i => "n" + i));
        var text = File.ReadAllText(page);
        var at = text.IndexOf("name\nstring\n", StringComparison.Ordinal);
        File.WriteAllText(page, text[..at] + deep + "\nstring\n\nA deep field.\n\n" + text[at..]);

        Assert.Equal(0, workspace.Run("import", "docs/vendors/razorpay/activate-contact.txt").ExitCode);
        var export = workspace.Run("export", "openapi", "--out", "out/openapi.json");
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal(0, workspace.Run("describe", "schemas/razorpay/activate-contact.contract.json").ExitCode);
    }

    [Fact]
    public void Validate_with_a_body_that_is_not_json_is_bad_input_with_its_place()
    {
        WriteContracts(text => text);
        workspace.Write("body.json", "{\n  \"id\": \"cont_1\",\n  \"active\": tru\n}");

        var result = workspace.Run("validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--body", "body.json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("contractkit validate: body.json:3:", result.Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_accepts_a_body_saved_with_a_utf8_byte_order_mark()
    {
        WriteContracts(text => text);
        var example = System.Text.Json.Nodes.JsonNode.Parse(Razorpay)!["examples"]!["responses"]![0]!["body"]!.ToJsonString();
        File.WriteAllBytes(workspace.PathOf("body.json"), [.. System.Text.Encoding.UTF8.Preamble, .. System.Text.Encoding.UTF8.GetBytes(example)]);

        var result = workspace.Run("validate", "--contract", "schemas/razorpay/activate-contact.contract.json", "--body", "body.json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
    }

    [Fact]
    public void Import_that_cannot_write_does_not_say_it_wrote()
    {
        // A file where the output folder should be: the folder cannot be created.
        workspace.Write("out", "not a folder");

        var result = workspace.Run("import", "docs/vendors/razorpay/activate-contact.txt", "--out", "out");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("wrote", result.Output, StringComparison.Ordinal);
        Assert.Contains("cannot write the contracts", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_page_saved_as_utf16_imports_like_its_utf8_copy(bool bigEndian)
    {
        var page = workspace.PathOf("docs", "vendors", "razorpay", "activate-contact.txt");
        var encoding = new System.Text.UnicodeEncoding(bigEndian, byteOrderMark: true);
        File.WriteAllBytes(page, [.. encoding.GetPreamble(), .. encoding.GetBytes(File.ReadAllText(page))]);

        var result = workspace.Run("import", "docs/vendors/razorpay/activate-contact.txt");

        Assert.True(result.ExitCode == 0, result.Error);
        var imported = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json")))!;
        var bundled = System.Text.Json.Nodes.JsonNode.Parse(Razorpay)!;
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(bundled["responses"], imported["responses"]));
    }

    [Fact]
    public void A_page_over_the_size_limit_is_refused_at_once()
    {
        var page = workspace.PathOf("docs", "vendors", "razorpay", "activate-contact.txt");
        var text = File.ReadAllText(page);
        File.WriteAllText(page, string.Concat(Enumerable.Repeat(text, (4 * 1024 * 1024 / text.Length) + 1)));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = workspace.Run("import", "docs/vendors/razorpay/activate-contact.txt");

        // A hang guard only; what matters is that the size check comes before parsing.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("docs/vendors/razorpay/activate-contact.txt: the page is ", result.Error, StringComparison.Ordinal);
        Assert.Contains("expected at most 4,194,304 (4 MiB)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contract_over_the_size_limit_is_refused_before_it_is_read()
    {
        var path = WriteContracts(text => text);
        using (var file = new FileStream(path, FileMode.Append))
        {
            file.SetLength(16 * 1024 * 1024 + 1);
        }

        var result = workspace.Run("describe", "schemas/razorpay/activate-contact.contract.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("activate-contact.contract.json:1:1: the file is 16,777,217 bytes; expected a contract of at most 16,777,216 (16 MiB)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_of_repeated_rows_records_at_most_1000_findings()
    {
        var page = workspace.PathOf("docs", "vendors", "razorpay", "activate-contact.txt");
        var text = File.ReadAllText(page);
        var at = text.IndexOf("name\nstring\n", StringComparison.Ordinal);
        File.WriteAllText(page, text[..at] + string.Concat(Enumerable.Repeat("name\nstring\n\nThe contact's name again.\n\n", 1500)) + text[at..]);

        var result = workspace.Run("import", "docs/vendors/razorpay/activate-contact.txt");

        Assert.True(result.ExitCode == 0, result.Error);
        var findings = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(workspace.PathOf("schemas", "razorpay", "activate-contact.contract.json")))!["findings"]!.AsArray();
        Assert.Equal(1001, findings.Count);
        var capped = findings[^1]!;
        Assert.Equal("CKI024", capped["code"]!.GetValue<string>());
        Assert.Matches(@"^\d+ more warnings and notes about this page were not recorded; a contract keeps at most 1000$", capped["message"]!.GetValue<string>());
    }
}
