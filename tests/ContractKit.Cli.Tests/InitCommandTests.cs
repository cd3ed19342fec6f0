using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace ContractKit.Cli.Tests;

/// <summary><c>contractkit init</c>: a test project set up for the generated contract tests, and the tool in the manifest.</summary>
public sealed class InitCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    private static string Property(XDocument project, string name) =>
        project.Root!.Elements("PropertyGroup").Elements(name).Single().Value;

    private static Dictionary<string, string?> References(XDocument project) =>
        project.Root!.Elements("ItemGroup").Elements("PackageReference").ToDictionary(r => (string)r.Attribute("Include")!, r => (string?)r.Attribute("Version"));

    [Fact]
    public void A_missing_project_is_created_as_an_xunit_v3_project_wired_to_the_schema_folder()
    {
        var result = workspace.Run("init", "tests/MyApi.Tests");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Equal(
            ["created tests/MyApi.Tests/MyApi.Tests.csproj", "created dotnet-tools.json", "created schemas/", "no contracts in schemas yet: contractkit import <page> writes them there"],
            result.Output.TrimEnd().Split('\n'));
        var project = XDocument.Load(workspace.PathOf("tests", "MyApi.Tests", "MyApi.Tests.csproj"));
        // Tests are emitted because xUnit and ContractKit.Testing are referenced; no setting is needed.
        Assert.Empty(project.Root!.Descendants("ContractKitEmitTests"));
        Assert.Equal("Exe", Property(project, "OutputType"));
        Assert.Equal("$(MSBuildThisFileDirectory)../../schemas", Property(project, "ContractKitSchemaDirectory"));
        var references = References(project);
        Assert.Equal(InitCommand.ToolVersion(), references["ContractKit.Testing"]);
        Assert.DoesNotContain("ContractKit", references.Keys);
        Assert.Contains("xunit.v3", references.Keys);
        Assert.Contains("Microsoft.NET.Test.Sdk", references.Keys);

        var manifest = JsonNode.Parse(File.ReadAllText(workspace.PathOf("dotnet-tools.json")))!;
        Assert.Equal(InitCommand.ToolVersion(), (string?)manifest["tools"]!["contractkit.cli"]!["version"]);
        Assert.Equal("contractkit", (string?)manifest["tools"]!["contractkit.cli"]!["commands"]![0]);
    }

    [Fact]
    public void Running_it_again_changes_nothing()
    {
        workspace.Write("schemas/razorpay/activate-contact.contract.json", "{}");
        Assert.Equal(0, workspace.Run("init", "tests/MyApi.Tests").ExitCode);
        var before = workspace.AllFiles().ToDictionary(f => f, f => File.ReadAllBytes(workspace.PathOf(f)));

        var again = workspace.Run("init", "tests/MyApi.Tests");

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("tests/MyApi.Tests/MyApi.Tests.csproj is already set up; nothing changed", again.Output, StringComparison.Ordinal);
        Assert.Contains("1 contract(s) in schemas become contract tests in tests/MyApi.Tests/MyApi.Tests.csproj", again.Output, StringComparison.Ordinal);
        Assert.Equal(before.Keys, workspace.AllFiles());
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(workspace.PathOf(file.Key))));
    }

    [Fact]
    public void An_existing_xunit_project_gets_only_what_it_lacks_and_keeps_the_rest()
    {
        var original = """
            <Project Sdk="Microsoft.NET.Sdk">
                <!-- our own settings -->
                <PropertyGroup>
                    <TargetFramework>net8.0</TargetFramework>
                    <ContractKitEmitTests>false</ContractKitEmitTests>
                </PropertyGroup>
                <ItemGroup>
                    <PackageReference Include="xunit" Version="2.9.3" />
                </ItemGroup>
            </Project>
            """;
        workspace.Write("tests/Old.Tests/Old.Tests.csproj", original);
        workspace.Write(".config/dotnet-tools.json", """{ "version": 1, "isRoot": true, "tools": { "dotnet-ef": { "version": "9.0.0", "commands": ["dotnet-ef"] } } }""");

        var result = workspace.Run("init", "tests/Old.Tests", "--schemas", "tests/Old.Tests/schemas");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        Assert.Contains("updated tests/Old.Tests/Old.Tests.csproj", result.Output, StringComparison.Ordinal);
        Assert.Contains("updated .config/dotnet-tools.json", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf("dotnet-tools.json")));
        var text = File.ReadAllText(workspace.PathOf("tests", "Old.Tests", "Old.Tests.csproj"));
        Assert.Contains("<!-- our own settings -->", text, StringComparison.Ordinal);
        Assert.Contains("        <PackageReference Include=\"ContractKit.Testing\"", text, StringComparison.Ordinal);
        var project = XDocument.Parse(text);
        Assert.Equal("true", Property(project, "ContractKitEmitTests"));
        Assert.Empty(project.Root!.Descendants("ContractKitSchemaDirectory")); // schemas/ beside the project is the default
        Assert.Equal(["xunit", "ContractKit.Testing"], References(project).Keys);
        var tools = JsonNode.Parse(File.ReadAllText(workspace.PathOf(".config", "dotnet-tools.json")))!["tools"]!.AsObject();
        Assert.Equal(["dotnet-ef", "contractkit.cli"], tools.Select(t => t.Key));
    }

    [Fact]
    public void A_project_file_that_is_not_well_formed_is_refused_with_its_line_and_nothing_is_written()
    {
        var broken = workspace.Write("tests/Broken.Tests/Broken.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n</Project>\n");
        var before = workspace.AllFiles();

        var result = workspace.Run("init", "tests/Broken.Tests");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("contractkit init: tests/Broken.Tests/Broken.Tests.csproj:3:", result.Error, StringComparison.Ordinal);
        Assert.EndsWith("nothing was changed\n", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, workspace.AllFiles());
        Assert.Equal("<Project Sdk=\"Microsoft.NET.Sdk\">\n  <PropertyGroup>\n</Project>\n", File.ReadAllText(broken));
    }

    [Fact]
    public void Central_package_versions_without_contractkit_are_refused_naming_the_file_and_the_line_to_add()
    {
        workspace.Write("Directory.Packages.props", "<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        workspace.Write("tests/Cpm.Tests/Cpm.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"xunit.v3\" />\n  </ItemGroup>\n</Project>\n");

        var result = workspace.Run("init", "tests/Cpm.Tests");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Directory.Packages.props: package versions are managed centrally; add <PackageVersion Include=\"ContractKit.Testing\" Version=\"{InitCommand.ToolVersion()}\" /> there", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf("dotnet-tools.json")));
    }

    [Fact]
    public void Two_projects_in_the_folder_are_refused_until_one_is_named()
    {
        workspace.Write("tests/Two/A.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        workspace.Write("tests/Two/B.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");

        var refused = workspace.Run("init", "tests/Two");
        var named = workspace.Run("init", "tests/Two/B.csproj");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("tests/Two: more than one project (A.csproj, B.csproj); name the .csproj", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, named.ExitCode);
        Assert.Contains("ContractKit", File.ReadAllText(workspace.PathOf("tests", "Two", "B.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void Printed_paths_are_normalised_whatever_was_typed()
    {
        var init = workspace.Run("init", "tests/../tests/./MyApi.Tests", "--schemas", "tests/MyApi.Tests/../../schemas");
        var import = workspace.Run("import", "docs/vendors/../vendors/razorpay/activate-contact.txt", "--out", "tests/MyApi.Tests/../../schemas");

        Assert.Equal(0, init.ExitCode);
        Assert.Equal(0, import.ExitCode);
        Assert.Contains("created tests/MyApi.Tests/MyApi.Tests.csproj\n", init.Output, StringComparison.Ordinal);
        Assert.Contains("wrote schemas/razorpay/activate-contact.contract.json", import.Output, StringComparison.Ordinal);
        Assert.StartsWith("docs/vendors/razorpay/activate-contact.txt:", import.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("..", init.Output + import.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Central_versions_turned_on_in_Directory_Build_props_give_references_without_versions()
    {
        workspace.Write("Directory.Build.props", "<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup></Project>");
        workspace.Write("Directory.Packages.props", $"<Project><ItemGroup><PackageVersion Include=\"xunit.v3\" Version=\"3.2.2\" /><PackageVersion Include=\"ContractKit.Testing\" Version=\"{InitCommand.ToolVersion()}\" /></ItemGroup></Project>");
        workspace.Write("tests/Cpm.Tests/Cpm.Tests.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <ItemGroup>\n    <PackageReference Include=\"xunit.v3\" />\n  </ItemGroup>\n</Project>\n");

        var result = workspace.Run("init", "tests/Cpm.Tests");

        Assert.Equal((0, ""), (result.ExitCode, result.Error));
        var references = References(XDocument.Load(workspace.PathOf("tests", "Cpm.Tests", "Cpm.Tests.csproj")));
        Assert.Equal([("xunit.v3", (string?)null), ("ContractKit.Testing", null)], references.Select(r => (r.Key, r.Value)));
    }

    [Fact]
    public void A_schema_folder_that_is_a_file_is_refused_before_anything_is_written()
    {
        workspace.Write("schemas", "not a folder");
        var before = workspace.AllFiles();

        var result = workspace.Run("init", "tests/MyApi.Tests");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("contractkit init: schemas: --schemas names a file; expected the folder of contracts; nothing was changed\n", result.Error);
        Assert.Equal(before, workspace.AllFiles());
    }
}
