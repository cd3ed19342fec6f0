using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Diff;
using ContractKit.Testing;

namespace ContractKit.Tests;

/// <summary>Every rule of the catalog, each from the smallest edit of a vendor contract that should trigger it.</summary>
public sealed class ContractDiffTests
{
    private static readonly byte[] Razorpay = File.ReadAllBytes(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"));
    private static readonly byte[] Instantpay = File.ReadAllBytes(Repo.PathOf("schemas", "instantpay", "update-contact.contract.json"));

    private static Contract Read(byte[] bytes) => ContractReader.Read(bytes, "contract.json");

    private static JsonObject Response(Contract c) => c.Responses[0].Schema;

    private static JsonObject Field(JsonObject schema, string name) => schema["properties"]![name]!.AsObject();

    private static JsonObject Request(Contract c) => c.Request!.Schema;

    /// <summary>Edits of the Razorpay contract (or of Instantpay's, named so) and the rule each must produce.</summary>
    private static readonly Dictionary<string, (string Rule, Action<Contract> Edit, bool Instantpay)> Edits = new()
    {
        ["method"] = ("CKD003", c => c.Http.Method = "POST", false),
        ["path"] = ("CKD004", c => c.Http.Path = "/v2/contacts/{id}", false),
        ["auth"] = ("CKD005", c => c.Http.Auth.Scheme = AuthSchemes.Bearer, false),
        ["auth headers"] = ("CKD005", c => c.Http.Auth.Headers.Remove("X-Ipay-Auth-Code"), true),
        ["base url"] = ("CKD006", c => c.Http.BaseUrl = "https://api.razorpay.in", false),
        ["sandbox url"] = ("CKD043", c => c.Http.SandboxUrl = "https://sandbox.razorpay.example", false),
        ["content type"] = ("CKD007", c => c.Responses[0].ContentType = "application/xml", false),
        ["response field removed"] = ("CKD008", c => Field(Response(c), "notes").Parent!.AsObject().Remove("notes"), false),
        ["response field added"] = ("CKD009", c => Response(c)["properties"]!["vpa"] = new JsonObject { ["type"] = "string" }, false),
        ["became optional"] = ("CKD010", c => Response(c)["required"]!.AsArray().RemoveAt(0), false),
        ["became required"] = ("CKD011", c => Field(Response(c), "data")["required"] = new JsonArray("userId"), true),
        ["became nullable"] = ("CKD012", c => Field(Response(c), "name")["type"] = new JsonArray("string", "null"), false),
        ["no longer nullable"] = ("CKD013", c => Field(Response(c), "batch_id")["type"] = "string", false),
        ["type changed"] = ("CKD014", c => Field(Response(c), "created_at")["type"] = "string", false),
        ["response enum widened"] = ("CKD015", c => { }, false),
        ["request field added required"] = ("CKD017", c => { Field(Request(c), "active").Parent!["mode"] = new JsonObject { ["type"] = "string" }; Request(c)["required"]!.AsArray().Add("mode"); }, false),
        ["request field added optional"] = ("CKD018", c => Field(Request(c), "active").Parent!["mode"] = new JsonObject { ["type"] = "string" }, false),
        ["request field removed"] = ("CKD019", c => Field(Request(c), "mobile").Parent!.AsObject().Remove("mobile"), true),
        ["request parameter removed"] = ("CKD019", c => c.Http.Parameters.RemoveAt(0), false),
        ["request became required"] = ("CKD020", c => { }, false),
        ["request became optional"] = ("CKD021", c => Request(c)["required"]!.AsArray().RemoveAt(0), false),
        ["request no longer nullable"] = ("CKD022", c => { }, false),
        ["request became nullable"] = ("CKD023", c => Field(Request(c), "active")["type"] = new JsonArray("boolean", "null"), false),
        ["request enum value removed"] = ("CKD024", c => { }, true),
        ["request enum value added"] = ("CKD025", c => { }, true),
        ["request tightened"] = ("CKD026", c => Field(Request(c), "name")["maxLength"] = 50, true),
        ["request loosened"] = ("CKD027", c => { }, true),
        ["response loosened"] = ("CKD028", c => Field(Response(c), "notes")["maxProperties"] = 30, false),
        ["response tightened"] = ("CKD029", c => Field(Response(c), "notes")["maxProperties"] = 10, false),
        ["pattern changed"] = ("CKD030", c => Field(Response(c), "timestamp")["pattern"] = "^\\d+$", true),
        ["error added"] = ("CKD031", c => c.Responses.Add(new ResponseSpec { Status = "5xx", Schema = [] }), false),
        ["error removed"] = ("CKD032", c => c.Responses.RemoveAt(1), false),
        ["success removed"] = ("CKD033", c => c.Responses[0].Status = "201", false),
        ["default changed"] = ("CKD035", c => Field(Request(c), "active")["default"] = false, false),
        ["deprecated"] = ("CKD036", c => Field(Response(c), "batch_id")["deprecated"] = true, false),
        ["example changed"] = ("CKD038", c => c.Examples.Request!.Body = new JsonObject { ["active"] = true }, false),
        ["volatile mark"] = ("CKD039", c => Field(Response(c), "name")["x-volatile"] = true, false),
        ["quirk added"] = ("CKD041", c => Field(Response(c), "notes")["x-quirks"] = JsonNode.Parse("""[{"kind": "empty-array-as-object", "reason": "r", "override": "a.overrides.json:2"}]"""), false),
        ["description"] = ("CKD040", c => Field(Response(c), "name")["description"] = "Who the contact is.", false),
    };

    /// <summary>Edits whose "before" needs a change too (an enum to extend, a bound to loosen, a field to undeprecate).</summary>
    private static readonly Dictionary<string, (Action<Contract> Before, Action<Contract> After)> Pairs = new()
    {
        ["response enum widened"] = (c => Field(Response(c), "entity")["enum"] = new JsonArray("contact"), c => Field(Response(c), "entity")["enum"] = new JsonArray("contact", "fund_account")),
        ["request no longer nullable"] = (c => Field(Request(c), "active")["type"] = new JsonArray("boolean", "null"), c => Field(Request(c), "active")["type"] = "boolean"),
        ["request enum value removed"] = (c => Field(Request(c), "name")["enum"] = new JsonArray("a", "b"), c => Field(Request(c), "name")["enum"] = new JsonArray("a")),
        ["request enum value added"] = (c => Field(Request(c), "name")["enum"] = new JsonArray("a"), c => Field(Request(c), "name")["enum"] = new JsonArray("a", "b")),
        ["request loosened"] = (c => Field(Request(c), "name")["maxLength"] = 10, c => Field(Request(c), "name")["maxLength"] = 20),
        ["response enum value removed"] = (c => Field(Response(c), "entity")["enum"] = new JsonArray("contact", "x"), c => Field(Response(c), "entity")["enum"] = new JsonArray("contact")),
        ["no longer deprecated"] = (c => Field(Response(c), "batch_id")["deprecated"] = true, c => Field(Response(c), "batch_id").Remove("deprecated")),
        ["success added"] = (c => { }, c => c.Responses.Add(new ResponseSpec { Status = "202", Schema = [] })),
        ["request became required"] = (c => Request(c)["required"]!.AsArray().RemoveAt(0), c => Request(c)["required"] = new JsonArray("active")),
        ["quirk removed"] = (c => Field(Response(c), "created_at")["x-quirks"] = JsonNode.Parse("""[{"kind": "date-format", "reason": "r", "override": "a.overrides.json:2", "formats": ["sql-datetime"]}]"""),
                             c => Field(Response(c), "created_at").Remove("x-quirks")),
    };

    public static TheoryData<string> EditNames => new(Edits.Keys.Concat(Pairs.Keys).Distinct());

    private static readonly Dictionary<string, string> PairRules = new()
    {
        ["response enum value removed"] = "CKD016",
        ["no longer deprecated"] = "CKD037",
        ["success added"] = "CKD034",
        ["quirk removed"] = "CKD042",
    };

    [Theory]
    [MemberData(nameof(EditNames))]
    public void Each_edit_is_classified_by_its_rule(string name)
    {
        var instantpay = Edits.TryGetValue(name, out var edit) && edit.Instantpay;
        var bytes = instantpay ? Instantpay : Razorpay;
        var before = Read(bytes);
        var after = Read(bytes);
        if (Pairs.TryGetValue(name, out var pair))
        {
            pair.Before(before);
            pair.Before(after);
            pair.After(after);
        }
        else
        {
            edit.Edit(after);
        }

        var rule = PairRules.GetValueOrDefault(name) ?? edit.Rule;
        var changes = ContractDiff.Compare(before, "old", after, "new").Changes;
        Assert.Contains(changes, c => c.Rule.Id == rule);
        Assert.All(changes, c => Assert.True(c.Rule.Id == rule || c.Rule.Class <= DiffRules.All.Single(r => r.Id == rule).Class, $"{name}: unexpected {c.Rule.Id} {c.Message}"));
    }

    [Fact]
    public void Every_rule_in_the_catalog_is_triggered_here_and_documented()
    {
        var triggered = Edits.Values.Select(e => e.Rule).Concat(PairRules.Values).Concat(["CKD001", "CKD002"]).ToHashSet();
        Assert.Equal(DiffRules.All.Select(r => r.Id).Order(), triggered.Order());
        Assert.Equal(DiffRules.All.Count, DiffRules.All.Select(r => r.Id).Distinct().Count());

        var doc = File.ReadAllText(Repo.PathOf("docs", "diff-rules.md"));
        foreach (var rule in DiffRules.All)
        {
            Assert.Contains($"## {rule.Id} {rule.Name}", doc, StringComparison.Ordinal);
            Assert.Contains($"{rule.Id}: **{DiffRules.Label(rule.Class)}**", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Endpoints_pair_by_vendor_and_operation_and_one_side_only_is_added_or_removed()
    {
        var razorpay = Read(Razorpay);
        var instantpay = Read(Instantpay);

        var result = ContractDiff.Compare([(razorpay, "a")], [(Read(Razorpay), "b"), (instantpay, "c")]);
        Assert.Equal(["instantpay/update-contact", "razorpay/activate-contact"], result.Endpoints.Select(e => e.Name));
        Assert.Equal("CKD001", Assert.Single(result.Endpoints[0].Changes).Rule.Id);
        Assert.Empty(result.Endpoints[1].Changes);

        var removed = ContractDiff.Compare([(razorpay, "a")], []);
        Assert.Equal("CKD002", Assert.Single(removed.Changes).Rule.Id);
    }

    [Fact]
    public void Positions_hash_findings_and_wrapped_whitespace_are_not_changes()
    {
        var before = Read(Razorpay);
        var after = Read(Razorpay);
        Field(Response(after), "name")["x-line"] = 999;
        after.Provenance.Sha256 = new string('f', 64);
        after.Findings.Clear();
        after.Responses[0].Line = 1;
        Field(Response(after), "name")["description"] = "The contact's  name.\nFor example,   Gaurav Kumar.";

        Assert.Empty(ContractDiff.Compare(before, "old", after, "new").Changes);
    }

    [Fact]
    public void Each_format_renders_the_same_changes()
    {
        var before = Read(Razorpay);
        var after = Read(Razorpay);
        Field(Response(after), "notes").Parent!.AsObject().Remove("notes");
        var result = new DiffResult([ContractDiff.Compare(before, "old", after, "new")]);
        var report = new DiffReport(result, FailOn.Breaking, verbose: false);

        Assert.True(report.Fails);
        Assert.Contains("breaking              CKD008  response 200 notes: field removed (page line 139)", report.Render(DiffFormat.Text), StringComparison.Ordinal);
        Assert.Equal("CKD008", JsonNode.Parse(report.Render(DiffFormat.Json))!["endpoints"]![0]!["changes"]![0]!["rule"]!.GetValue<string>());
        Assert.Contains("| **breaking** | [CKD008](https://github.com/contractkit/contractkit/blob/main/docs/diff-rules.md#ckd008-response-field-removed) | response 200 | `notes` | field removed | 139 |", report.Render(DiffFormat.Markdown), StringComparison.Ordinal);
        Assert.Contains("<failure type=\"breaking\" message=\"response 200 notes: field removed (page line 139)\">", report.Render(DiffFormat.Junit), StringComparison.Ordinal);
        Assert.False(new DiffReport(result, FailOn.Breaking, false).Render(DiffFormat.Json).Contains("\r", StringComparison.Ordinal));
        Assert.NotEmpty(Encoding.UTF8.GetBytes(report.Render(DiffFormat.Junit)));
    }

    [Fact]
    public void Every_rule_link_in_a_markdown_report_points_at_its_published_heading()
    {
        // GitHub's anchor for a heading: lower case, spaces as '-'.
        var anchors = File.ReadLines(Repo.PathOf("docs", "diff-rules.md"))
            .Where(l => l.StartsWith("## ", StringComparison.Ordinal))
            .Select(l => "#" + l[3..].Trim().ToLowerInvariant().Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.All(DiffRules.All, rule =>
        {
            var link = DiffReport.RuleLink(rule);
            Assert.StartsWith("https://github.com/contractkit/contractkit/blob/main/docs/diff-rules.md#", link, StringComparison.Ordinal);
            Assert.Contains(link[link.IndexOf('#', StringComparison.Ordinal)..], anchors);
        });
    }
}
