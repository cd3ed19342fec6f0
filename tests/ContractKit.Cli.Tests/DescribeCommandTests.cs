using System.Text.Json.Nodes;
using ContractKit.Testing;

namespace ContractKit.Cli.Tests;

public sealed class DescribeCommandTests : IDisposable
{
    private static readonly string Razorpay = Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json");
    private static readonly string Instantpay = Repo.PathOf("schemas", "instantpay", "update-contact.contract.json");
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Json_format_prints_one_object_per_contract_with_every_field()
    {
        var result = workspace.Run("describe", "--format", "json", Razorpay, Instantpay);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);

        var razorpay = JsonNode.Parse(lines[0])!.AsObject();
        Assert.Equal(["vendor", "operation", "method", "path", "fields"], razorpay.Select(p => p.Key));
        Assert.Equal(("razorpay", "activate-contact", "PATCH", "/v1/contacts/{id}"),
            (razorpay["vendor"]!.GetValue<string>(), razorpay["operation"]!.GetValue<string>(), razorpay["method"]!.GetValue<string>(), razorpay["path"]!.GetValue<string>()));

        var fields = razorpay["fields"]!.AsArray().Select(f => f!.AsObject()).ToList();
        var id = fields.Single(f => f["in"]!.GetValue<string>() == "path");
        Assert.Equal("{\"part\":\"request\",\"status\":null,\"in\":\"path\",\"path\":\"id\",\"type\":\"string\",\"required\":true,\"nullable\":false,\"constraints\":{},\"line\":68,\"volatile\":false,\"secret\":false,\"inferred\":false}",
            id.ToJsonString());
        var batch = fields.Single(f => f["path"]!.GetValue<string>() == "batch_id");
        Assert.Equal(("response", "200", "string", true, true, 126),
            (batch["part"]!.GetValue<string>(), batch["status"]!.GetValue<string>(), batch["type"]!.GetValue<string>(),
             batch["required"]!.GetValue<bool>(), batch["nullable"]!.GetValue<bool>(), batch["line"]!.GetValue<int>()));
        var notes = fields.Single(f => f["path"]!.GetValue<string>() == "notes");
        Assert.Equal("{\"maxProperties\":15,\"additionalProperties\":{\"type\":\"string\",\"maxLength\":256}}", notes["constraints"]!.ToJsonString());

        var instantpay = JsonNode.Parse(lines[1])!.AsObject();
        var tagId = instantpay["fields"]!.AsArray().Single(f => f!["path"]!.GetValue<string>() == "tagDetails[].tagId")!;
        Assert.Equal(("body", true, 10), (tagId["in"]!.GetValue<string>(), tagId["required"]!.GetValue<bool>(), tagId["line"]!.GetValue<int>()));
    }

    [Fact]
    public void Text_format_prints_a_table_per_contract()
    {
        var result = workspace.Run("describe", Instantpay);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("instantpay/update-contact: PATCH /contacts/profile  (Update Contact)", lines[0]);
        Assert.Matches(@"^PART\s+STATUS\s+IN\s+PATH\s+TYPE\s+REQUIRED\s+NULLABLE\s+LINE\s+NOTES$", lines[1]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^request\s+-\s+header\s+X-Ipay-Client-Secret\s+string\s+yes\s+no\s+17\s+secret$"));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^response\s+200\s+body\s+orderid\s+string\s+yes\s+yes\s+61\s+volatile$"));
    }

    [Fact]
    public void A_malformed_contract_is_named_with_line_and_column_and_nothing_is_printed()
    {
        var good = Razorpay;
        var bad = workspace.Write("schemas/x/broken.contract.json", "{\n  \"formatVersion\": 1,\n  \"vendor\": \"x\",,\n}\n");

        var result = workspace.Run("describe", good, bad);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("contractkit describe: schemas/x/broken.contract.json:3:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_contract_of_the_wrong_shape_names_the_member()
    {
        var text = File.ReadAllText(Razorpay).Replace("\"scheme\": \"basic\"", "\"scheme\": 1", StringComparison.Ordinal);
        var path = workspace.Write("c.contract.json", text);
        var result = workspace.Run("describe", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/http/auth/scheme: expected a string, found the number 1", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("describe")]
    [InlineData("describe", "--format", "xml", "x.contract.json")]
    [InlineData("describe", "missing.contract.json")]
    public void Bad_usage_or_input_exits_2(params string[] args)
    {
        var result = workspace.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual("", result.Error);
    }

    [Fact]
    public void Describe_runs_as_a_process()
    {
        var result = workspace.RunProcess("describe", "--format", "json", Razorpay);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("razorpay", JsonNode.Parse(result.Output)!["vendor"]!.GetValue<string>());
    }
}
