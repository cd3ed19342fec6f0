using System.Reflection;
using System.Text.Json.Nodes;
using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>
/// The JSON Schema test suite (draft 2020-12) as read from ../shared: its groups, the ones ContractKit refuses,
/// and every group compiled once through the generator. Shared by the conformance, interpreter and oracle tests.
/// </summary>
internal static class JsonSchemaSuite
{
    /// <summary>Groups whose schemas use keywords ContractKit does not support; the generator refuses them (CK0003).</summary>
    internal static readonly Dictionary<string, string> Excluded = new(StringComparer.Ordinal)
    {
        ["additionalProperties.json: additionalProperties being false does not allow other properties"] = "uses patternProperties",
        ["additionalProperties.json: non-ASCII pattern with additionalProperties"] = "uses patternProperties",
        ["additionalProperties.json: additionalProperties does not look in applicators"] = "uses allOf",
        ["additionalProperties.json: additionalProperties with propertyNames"] = "uses propertyNames",
        ["additionalProperties.json: dependentSchemas with additionalProperties"] = "uses dependentSchemas",
        ["items.json: items and subitems"] = "uses prefixItems",
        ["items.json: prefixItems with no additional items allowed"] = "uses prefixItems",
        ["items.json: items does not look in applicators, valid case"] = "uses prefixItems and allOf",
        ["items.json: prefixItems validation adjusts the starting index for items"] = "uses prefixItems",
        ["items.json: items with heterogeneous array"] = "uses prefixItems",
        ["properties.json: properties, patternProperties, additionalProperties interaction"] = "uses patternProperties",
    };

    private static string? SuiteDirectory => Repo.Shared is { } shared && Directory.Exists(Path.Combine(shared, "json-schema-test-suite", "draft2020-12"))
        ? Path.Combine(shared, "json-schema-test-suite", "draft2020-12")
        : null;

    internal sealed record Group(string File, int Index, string Description, JsonNode Schema, JsonArray Tests)
    {
        public string Key => $"{File}: {Description}";

        public string Operation => "g" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static IReadOnlyList<Group> Groups()
    {
        if (SuiteDirectory is not { } directory)
        {
            return [];
        }

        var groups = new List<Group>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(directory, file).Replace('\\', '/');
            var array = JsonNode.Parse(File.ReadAllText(file))!.AsArray();
            for (var i = 0; i < array.Count; i++)
            {
                var group = array[i]!;
                groups.Add(new Group(name, groups.Count, group["description"]!.GetValue<string>(), group["schema"]!, group["tests"]!.AsArray()));
            }
        }

        return groups;
    }

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        var groups = Groups();
        if (groups.Count == 0)
        {
            data.Add("(suite absent)", -1);
            return data;
        }

        foreach (var group in groups)
        {
            for (var t = 0; t < group.Tests.Count; t++)
            {
                data.Add(group.Key, t);
            }
        }

        return data;
    }

    internal static readonly Lazy<(Assembly Assembly, GeneratorRun Run)> Compiled = new(() =>
    {
        var contracts = Groups()
            .Where(g => !Excluded.ContainsKey(g.Key))
            .Select(g => (g.Operation + ".contract.json", GeneratorHarness.ContractWithResponseSchema("suite", g.Operation, g.Schema.ToJsonString())))
            .ToArray();
        var run = GeneratorHarness.Run(contracts);
        // Field names such as "foo\nbar" and "foo\"bar" collide as C# names: a CK0006 warning, not an error.
        Assert.Empty(run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        return (run.Load(), run);
    });

    /// <summary>The C# name the generator gives an operation's types.</summary>
    internal static string Names(string operation) => string.Concat(operation.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
