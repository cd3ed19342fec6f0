using System.Text.RegularExpressions;
using System.Xml.Linq;
using ContractKit.Testing;

namespace ContractKit.Tests;

/// <summary>docs/configuration.md names every MSBuild property the package defines and every variable the code reads.</summary>
public sealed partial class ConfigurationDocTests
{
    private static readonly string Doc = File.ReadAllText(Repo.PathOf("docs", "configuration.md"));

    [GeneratedRegex("\"(CONTRACTKIT_[A-Z_]+)\"")]
    private static partial Regex VariableLiteral();

    [Fact]
    public void Every_msbuild_property_of_the_package_is_documented()
    {
        var props = XDocument.Load(Repo.PathOf("generators", "build", "ContractKit.props"));
        var properties = props.Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup").Select(e => e.Name.LocalName).ToList();
        Assert.NotEmpty(properties);
        foreach (var property in properties)
        {
            Assert.Contains($"`{property}`", Doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_environment_variable_the_code_reads_is_documented()
    {
        var sources = Directory.EnumerateFiles(Repo.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var variables = sources.SelectMany(f => VariableLiteral().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(v => !v.EndsWith('_'))
            .ToHashSet();
        Assert.Contains("CONTRACTKIT_MODE", variables);
        foreach (var variable in variables)
        {
            Assert.Contains($"`{variable}`", Doc, StringComparison.Ordinal);
        }

        foreach (var pattern in new[] { "CONTRACTKIT_<VENDOR>_BASE_URL", "CONTRACTKIT_<VENDOR>_KEY_ID", "CONTRACTKIT_<VENDOR>_<HEADER>", "`CI`" })
        {
            Assert.Contains(pattern, Doc, StringComparison.Ordinal);
        }
    }
}
