// Shared source: compiled into the runtime library and into the source generator (netstandard2.0). The
// contract-file format (schemas/contract.schema.json) as one table, checked by one walker, so that the build
// (ContractParser, CK0002), ContractReader and every CLI command that reads contracts accept the same files.
// MetaSchemaTests holds the table against the meta-schema.
using System;
using System.Collections.Generic;
using System.Linq;

namespace ContractKit.Schema;

/// <summary>What a member's value must be.</summary>
internal enum MemberKind
{
    /// <summary>Any JSON value (an example body).</summary>
    Any,
    String,

    /// <summary>A string of at least one character.</summary>
    Text,
    Boolean,

    /// <summary>A page line: an integer of at least 1.</summary>
    Line,

    /// <summary>A string from <see cref="MemberRule.Values"/>.</summary>
    Choice,

    /// <summary>The number 1 (formatVersion).</summary>
    One,

    /// <summary>A kebab name (<see cref="Naming.IsKebab"/>).</summary>
    Name,

    /// <summary>A status code or class (<see cref="Naming.IsStatus"/>).</summary>
    Status,

    /// <summary>A string the rule's <see cref="MemberRule.Check"/> accepts.</summary>
    Checked,

    /// <summary>An object with the members of <see cref="MemberRule.Object"/>.</summary>
    Object,

    /// <summary>An array whose items follow <see cref="MemberRule.Items"/>.</summary>
    Array,

    /// <summary>A body or parameter schema: an object, compiled by <see cref="SchemaCompiler"/>.</summary>
    Schema,
}

/// <summary>One member of a contract object.</summary>
internal sealed class MemberRule
{
    public MemberRule(string name, MemberKind kind, bool required = false)
    {
        Name = name;
        Kind = kind;
        Required = required;
    }

    public string Name { get; }

    public MemberKind Kind { get; }

    public bool Required { get; }

    /// <summary>For <see cref="MemberKind.Choice"/>: the allowed strings.</summary>
    public IReadOnlyList<string> Values { get; private set; } = System.Array.Empty<string>();

    /// <summary>For <see cref="MemberKind.Object"/>, and arrays of objects: the object's members.</summary>
    public ObjectRule? Object { get; private set; }

    /// <summary>For <see cref="MemberKind.Array"/>: each item's rule (its name is unused).</summary>
    public MemberRule? Items { get; private set; }

    /// <summary>For <see cref="MemberKind.Checked"/>: the test and what it requires ("a path starting with /").</summary>
    public (Func<string, bool> Test, string Requirement)? Check { get; private set; }

    public static MemberRule Choice(string name, bool required, params string[] values) =>
        new(name, MemberKind.Choice, required) { Values = values };

    public static MemberRule ObjectOf(string name, bool required, ObjectRule rule) =>
        new(name, MemberKind.Object, required) { Object = rule };

    public static MemberRule ArrayOf(string name, bool required, MemberRule item) =>
        new(name, MemberKind.Array, required) { Items = item };

    public static MemberRule Checked(string name, bool required, Func<string, bool> test, string requirement) =>
        new(name, MemberKind.Checked, required) { Check = (test, requirement) };
}

/// <summary>The members an object of the contract format may have.</summary>
internal sealed class ObjectRule
{
    public ObjectRule(string what, params MemberRule[] members)
    {
        What = what;
        Members = members;
    }

    /// <summary>How messages name the object: "the contract", "\"http\"", "a response".</summary>
    public string What { get; }

    public IReadOnlyList<MemberRule> Members { get; }

    public MemberRule? Find(string name) => Members.FirstOrDefault(m => m.Name == name);
}

/// <summary>A place in a contract the format does not allow, and why.</summary>
/// <param name="Pointer">The JSON pointer of the value (or of the object missing a member).</param>
/// <param name="AtName">The problem is the member's name (an unknown member), not its value.</param>
internal sealed record ContractProblem(TextPosition Position, string Pointer, string Problem, bool AtName = false);

/// <summary>The contract-file format: every object, member, requirement and allowed value.</summary>
internal static class ContractRules
{
    public const string SchemaDialect = "https://json-schema.org/draft/2020-12/schema";

    public static readonly string[] Methods = { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" };

    public static readonly string[] AuthSchemes = { "none", "basic", "bearer", "headers" };

    public static readonly string[] ParameterLocations = { "path", "query", "header" };

    public static readonly string[] Severities = { "error", "warning", "info" };

    private static readonly ObjectRule Auth = new("\"auth\"",
        Choice("scheme", true, AuthSchemes),
        MemberRule.ArrayOf("headers", false, new MemberRule("(header)", MemberKind.Text)),
        new MemberRule("line", MemberKind.Line));

    private static readonly ObjectRule Parameter = new("a parameter",
        new MemberRule("name", MemberKind.Text, true),
        Choice("in", true, ParameterLocations),
        new MemberRule("required", MemberKind.Boolean, true),
        new MemberRule("secret", MemberKind.Boolean),
        new MemberRule("description", MemberKind.String),
        new MemberRule("line", MemberKind.Line),
        new MemberRule("schema", MemberKind.Schema, true));

    private static readonly ObjectRule Http = new("\"http\"",
        Choice("method", true, Methods),
        MemberRule.Checked("path", true, path => path.StartsWith("/", StringComparison.Ordinal), "a path starting with /"),
        MemberRule.Checked("baseUrl", false, IsBaseUrl, "an http:// or https:// URL with a host"),
        MemberRule.Checked("sandboxUrl", false, IsBaseUrl, "an http:// or https:// URL with a host"),
        MemberRule.ObjectOf("auth", true, Auth),
        MemberRule.ArrayOf("parameters", true, MemberRule.ObjectOf("(parameter)", false, Parameter)));

    private static readonly ObjectRule Request = new("\"request\"",
        new MemberRule("contentType", MemberKind.Text, true),
        new MemberRule("schema", MemberKind.Schema, true));

    private static readonly ObjectRule Response = new("a response",
        new MemberRule("status", MemberKind.Status, true),
        new MemberRule("description", MemberKind.String),
        new MemberRule("message", MemberKind.String),
        new MemberRule("line", MemberKind.Line),
        new MemberRule("contentType", MemberKind.Text, true),
        new MemberRule("schema", MemberKind.Schema, true));

    private static readonly ObjectRule ExampleHeader = new("an example header",
        new MemberRule("name", MemberKind.String, true),
        new MemberRule("value", MemberKind.String, true));

    private static readonly ObjectRule BasicAuth = new("\"basicAuth\"",
        new MemberRule("username", MemberKind.String, true),
        new MemberRule("password", MemberKind.String, true));

    private static readonly ObjectRule RequestExample = new("the request example",
        Choice("source", true, "curl", "http"),
        new MemberRule("line", MemberKind.Line, true),
        new MemberRule("method", MemberKind.String, true),
        new MemberRule("url", MemberKind.String, true),
        MemberRule.ArrayOf("headers", true, MemberRule.ObjectOf("(header)", false, ExampleHeader)),
        MemberRule.ObjectOf("basicAuth", false, BasicAuth),
        new MemberRule("body", MemberKind.Any));

    private static readonly ObjectRule ResponseExample = new("a response example",
        new MemberRule("status", MemberKind.Status, true),
        new MemberRule("line", MemberKind.Line, true),
        new MemberRule("body", MemberKind.Any, true));

    private static readonly ObjectRule Examples = new("\"examples\"",
        MemberRule.ObjectOf("request", false, RequestExample),
        MemberRule.ArrayOf("responses", true, MemberRule.ObjectOf("(response example)", false, ResponseExample)));

    private static readonly ObjectRule Provenance = new("\"provenance\"",
        new MemberRule("page", MemberKind.Text, true),
        MemberRule.Checked("sha256", true, IsSha256, "64 lower-case hexadecimal digits"));

    private static readonly ObjectRule Finding = new("a finding",
        MemberRule.Checked("code", true, IsFindingCode, "a finding code (CKI001)"),
        Choice("severity", true, Severities),
        new MemberRule("message", MemberKind.Text, true),
        new MemberRule("line", MemberKind.Line),
        new MemberRule("field", MemberKind.String));

    /// <summary>The top level of a contract file.</summary>
    public static readonly ObjectRule Contract = new("the contract",
        new MemberRule("$schema", MemberKind.String),
        new MemberRule("formatVersion", MemberKind.One, true),
        Choice("schemaDialect", true, SchemaDialect),
        new MemberRule("vendor", MemberKind.Name, true),
        new MemberRule("operation", MemberKind.Name, true),
        new MemberRule("title", MemberKind.String),
        new MemberRule("summary", MemberKind.String),
        MemberRule.ObjectOf("http", true, Http),
        MemberRule.ObjectOf("request", false, Request),
        MemberRule.ArrayOf("responses", true, MemberRule.ObjectOf("(response)", false, Response)),
        MemberRule.ObjectOf("examples", false, Examples),
        MemberRule.ObjectOf("provenance", true, Provenance),
        MemberRule.ArrayOf("findings", false, MemberRule.ObjectOf("(finding)", false, Finding)));

    private static MemberRule Choice(string name, bool required, params string[] values) => MemberRule.Choice(name, required, values);

    private static bool IsBaseUrl(string url)
    {
        var rest = url.StartsWith("https://", StringComparison.Ordinal) ? url.Substring(8)
            : url.StartsWith("http://", StringComparison.Ordinal) ? url.Substring(7)
            : null;
        return rest is { Length: > 0 } && rest[0] != '/';
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static bool IsFindingCode(string code) =>
        code.Length == 6 && code.StartsWith("CKI", StringComparison.Ordinal) && code.Skip(3).All(c => c is >= '0' and <= '9');

    /// <summary>Every place the contract breaks the format, in document order. Body schemas are checked to be objects; their keywords are the compiler's.</summary>
    public static List<ContractProblem> Check(JsonNodeBase root)
    {
        var problems = new List<ContractProblem>();
        if (root is JsonObjectNode contract)
        {
            CheckObject(contract, Contract, "", problems);
        }
        else
        {
            problems.Add(new ContractProblem(At(root), "", $"expected an object, found {root.KindName}"));
        }

        return problems;
    }

    private static void CheckObject(JsonObjectNode obj, ObjectRule rule, string pointer, List<ContractProblem> problems)
    {
        foreach (var member in obj.Members)
        {
            var memberPointer = pointer + "/" + Escape(member.Name);
            if (rule.Find(member.Name) is { } memberRule)
            {
                CheckValue(member.Value, memberRule, memberPointer, problems);
            }
            else
            {
                problems.Add(new ContractProblem(member.NamePosition, memberPointer,
                    $"{rule.What} has the member \"{member.Name}\", which the contract format does not define", AtName: true));
            }
        }

        foreach (var required in rule.Members.Where(m => m.Required && obj.Find(m.Name) is null))
        {
            problems.Add(new ContractProblem(At(obj), pointer, $"the member \"{required.Name}\" is missing"));
        }
    }

    private static void CheckValue(JsonNodeBase value, MemberRule rule, string pointer, List<ContractProblem> problems)
    {
        void Fail(string expected) =>
            problems.Add(new ContractProblem(At(value), pointer, $"\"{Unescape(pointer)}\" must be {expected}, found {Describe(value)}"));

        var wantsString = rule.Kind is MemberKind.String or MemberKind.Text or MemberKind.Choice or MemberKind.Name or MemberKind.Status or MemberKind.Checked;
        if (wantsString && value is not JsonStringNode)
        {
            Fail("a string");
            return;
        }

        switch (rule.Kind)
        {
            case MemberKind.Text when value is not JsonStringNode { Value.Length: > 0 }:
                Fail("a non-empty string");
                return;
            case MemberKind.Boolean when value is not JsonLiteralNode { Value: not null }:
                Fail("true or false");
                return;
            case MemberKind.Line when !(value is JsonNumberNode line && line.TryGetNonNegativeInteger(out var number) && number >= 1):
                Fail("a line number (an integer of at least 1)");
                return;
            case MemberKind.One when !(value is JsonNumberNode version && version.Text == "1"):
                Fail("1 (the only format version this version of ContractKit knows)");
                return;
            case MemberKind.Choice when !(value is JsonStringNode choice && rule.Values.Contains(choice.Value)):
                Fail("one of " + string.Join(", ", rule.Values.Select(v => "\"" + v + "\"")));
                return;
            case MemberKind.Name when !(value is JsonStringNode name && Naming.IsKebab(name.Value)):
                Fail("a lower-case name of letters, digits and dashes");
                return;
            case MemberKind.Status when !(value is JsonStringNode status && Naming.IsStatus(status.Value)):
                Fail("a status code (\"200\") or class (\"4xx\")");
                return;
            case MemberKind.Checked when !(value is JsonStringNode text && rule.Check!.Value.Test(text.Value)):
                Fail(rule.Check!.Value.Requirement);
                return;
            case MemberKind.Schema when value is not JsonObjectNode:
                Fail("a schema object");
                return;
            case MemberKind.Object:
                if (value is JsonObjectNode obj)
                {
                    CheckObject(obj, rule.Object!, pointer, problems);
                }
                else
                {
                    Fail("an object");
                }

                return;
            case MemberKind.Array:
                if (value is JsonArrayNode array)
                {
                    for (var i = 0; i < array.Items.Count; i++)
                    {
                        CheckValue(array.Items[i], rule.Items!, pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), problems);
                    }
                }
                else
                {
                    Fail("an array");
                }

                return;
        }
    }

    /// <summary>Where a value is reported: an object or array at its opening bracket only, not across its whole text.</summary>
    private static TextPosition At(JsonNodeBase value)
    {
        var p = value.Position;
        return value is JsonObjectNode or JsonArrayNode ? new TextPosition(p.Start, p.Start + 1, p.StartLine, p.StartColumn, p.StartLine, p.StartColumn + 1) : p;
    }

    /// <summary>The member's name, or the array index, that the pointer ends with.</summary>
    private static string Unescape(string pointer)
    {
        var last = pointer.Substring(pointer.LastIndexOf('/') + 1);
        return last.Replace("~1", "/").Replace("~0", "~");
    }

    private static string Escape(string segment) => segment.Replace("~", "~0").Replace("/", "~1");

    /// <summary>A string value quoted and escaped, shortened to one line; any other value by its kind ("a number").</summary>
    private static string Describe(JsonNodeBase value)
    {
        if (value is not JsonStringNode text)
        {
            return value.KindName;
        }

        var quoted = new System.Text.StringBuilder();
        SchemaCompiler.WriteString(text.Value, quoted);
        return SchemaMessages.Shorten(quoted.ToString());
    }
}
