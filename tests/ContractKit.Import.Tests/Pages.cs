using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;

namespace ContractKit.Import.Tests;

/// <summary>Imports small pages written for a test.</summary>
internal static class Pages
{
    public static Contract ImportPage(string page, string vendor = "acme", string operation = "op") =>
        PageImporter.Import(Encoding.UTF8.GetBytes(page.Replace("\r\n", "\n", StringComparison.Ordinal)), "page.txt", vendor, operation).Contract;

    /// <summary>Joins lines with '\n', so that a test page shows its line numbers plainly.</summary>
    public static string Lines(params string[] lines) => string.Join('\n', lines);

    public static JsonObject RequestSchema(this Contract contract) => contract.Request!.Schema;

    public static JsonObject ResponseSchema(this Contract contract, string status = "200") =>
        contract.Responses.Single(r => r.Status == status).Schema;

    public static JsonObject Property(this JsonObject schema, string dottedPath)
    {
        var node = schema;
        foreach (var segment in dottedPath.Split('.'))
        {
            if (segment.EndsWith("[]", StringComparison.Ordinal))
            {
                node = node["properties"]![segment[..^2]]!["items"]!.AsObject();
            }
            else
            {
                node = node["properties"]![segment]!.AsObject();
            }
        }

        return node;
    }

    public static string[] Required(this JsonObject schema) =>
        (schema["required"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToArray() ?? [];

    public static string TypeText(this JsonObject schema) => schema["type"]!.ToJsonString();

    public static Finding Finding(this Contract contract, string code) =>
        Assert.Single(contract.Findings, f => f.Code == code);
}
