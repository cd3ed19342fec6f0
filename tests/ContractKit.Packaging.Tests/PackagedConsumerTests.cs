using System.Xml.Linq;
using ContractKit.Packaging.Tests;
using ContractKit.Testing;

// One pack for every test class of this assembly: packing is the slow part.
[assembly: AssemblyFixture(typeof(PackagedConsumer))]

namespace ContractKit.Packaging.Tests;

/// <summary>
/// Packs the three packages (ContractKit, ContractKit.Testing, ContractKit.Cli) into a local feed (once per run, from a copy of the sources so that the solution's
/// own build is not disturbed) and creates a fresh xunit.v3 project that uses them from the feed alone, and
/// a production class library that uses the generated DTOs and validators from the ContractKit package only.
/// </summary>
public sealed class PackagedConsumer : IDisposable
{
    public PackagedConsumer()
    {
        Root = Directory.CreateTempSubdirectory("ck-e2e-").FullName;
        // A unique version each run: NuGet caches packages by version, and a stale 0.1.0 would hide a change.
        // A stable one (no -label), because the documented `dotnet tool install` without --version takes
        // only stable versions. Assembly versions cannot hold these numbers, so they are fixed (PackArguments).
        Version = $"0.{Environment.ProcessId}.{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        Feed = Path.Combine(Root, "feed");

        // Nothing above the temporary folder may leak build settings into it.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />\n");

        var sources = Sources = Path.Combine(Root, "sources");
        foreach (var entry in new[] { "src", "generators", "docs/packages" })
        {
            CopyDirectory(Repo.PathOf(entry), Path.Combine(sources, entry));
        }

        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
        {
            File.Copy(Repo.PathOf(file), Path.Combine(sources, file));
        }

        foreach (var project in new[] { "src/ContractKit/ContractKit.csproj", "src/ContractKit.Testing/ContractKit.Testing.csproj", "src/ContractKit.Cli/ContractKit.Cli.csproj" })
        {
            PackOutput += Expect(Processes.Dotnet(sources, PackArguments(project, Feed)), "pack " + project);
        }

        Consumer = Path.Combine(Root, "consumer");
        Directory.CreateDirectory(Consumer);
        File.WriteAllText(Path.Combine(Consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(Consumer, "Consumer.Tests.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="xunit.v3" Version="3.2.2" />
                <PackageReference Include="xunit.runner.visualstudio" Version="3.1.5" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
              </ItemGroup>
            </Project>
            """);
        // Code of the consumer's own that uses the generated DTOs, context and validators.
        File.WriteAllText(Path.Combine(Consumer, "UsesTheContracts.cs"), """
            using System.Text;
            using System.Text.Json;
            using Consumer.Tests.Contracts.Razorpay;
            using Xunit;

            namespace Consumer.Tests;

            public sealed class UsesTheContracts
            {
                [Fact]
                public void The_documented_response_reads_into_the_generated_dto()
                {
                    var body = Encoding.UTF8.GetBytes("{\"id\":\"cont_1\",\"entity\":\"contact\",\"name\":\"A\",\"contact\":\"9\",\"email\":\"a@example.com\",\"type\":\"employee\",\"reference_id\":\"r\",\"batch_id\":null,\"active\":true,\"notes\":{},\"created_at\":1545320320}");
                    Assert.True(ActivateContactResponseValidator.IsValid(body));
                    var contact = JsonSerializer.Deserialize(body, RazorpayJsonContext.Default.ActivateContactResponse)!;
                    Assert.Equal("cont_1", contact.Id);
                }
            }
            """);
        foreach (var (vendor, operation, snapshot) in new[]
        {
            ("razorpay", "activate-contact", "ActivateContactContractTests.Success.verified.json"),
            ("instantpay", "update-contact", "UpdateContactContractTests.Success.verified.json"),
        })
        {
            Directory.CreateDirectory(Path.Combine(Consumer, "schemas", vendor));
            File.Copy(Repo.PathOf("schemas", vendor, operation + ".contract.json"), Path.Combine(Consumer, "schemas", vendor, operation + ".contract.json"));
            File.Copy(Repo.PathOf("schemas", vendor, snapshot), Path.Combine(Consumer, "schemas", vendor, snapshot));
        }

        // The test project takes ContractKit.Testing only: it brings ContractKit, and with xUnit beside it
        // the generator emits the contract tests without any setting.
        AddOutput = Expect(Processes.Dotnet(Consumer, "add", "package", "ContractKit.Testing", "--version", Version), "add package ContractKit.Testing");

        Production = Path.Combine(Root, "production");
        Directory.CreateDirectory(Path.Combine(Production, "schemas", "razorpay"));
        File.Copy(Path.Combine(Consumer, "nuget.config"), Path.Combine(Production, "nuget.config"));
        File.Copy(Repo.PathOf("schemas", "razorpay", "activate-contact.contract.json"), Path.Combine(Production, "schemas", "razorpay", "activate-contact.contract.json"));
        File.WriteAllText(Path.Combine(Production, "Payouts.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net8.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Production, "ContactClient.cs"), """
            using System.Text.Json;
            using Payouts.Contracts.Razorpay;

            namespace Payouts;

            public static class ContactClient
            {
                public static ActivateContactResponse? Read(byte[] body) =>
                    ActivateContactResponseValidator.IsValid(body)
                        ? JsonSerializer.Deserialize(body, RazorpayJsonContext.Default.ActivateContactResponse)
                        : null;
            }
            """);
        ProductionAddOutput = Expect(Processes.Dotnet(Production, "add", "package", "ContractKit", "--version", Version), "add package ContractKit (production)");
    }

    /// <summary>A class library (not a test project) that uses the generated code from the ContractKit package alone.</summary>
    public string Production { get; }
    public string ProductionAddOutput { get; }

    /// <summary>
    /// Held while a test installs the tool: two installs of one new version at once race to extract it into
    /// the NuGet cache ("being used by another process"). Once it is there, installs only read it.
    /// </summary>
    public static readonly Lock ToolInstall = new();

    public string[] PackArguments(string project, string output) =>
        ["pack", project, "-c", "Release", "-o", output, $"-p:Version={Version}", "-p:AssemblyVersion=0.1.0.0", "-p:FileVersion=0.1.0.0"];

    /// <summary>
    /// A nuget.config for a scratch repository: the local feed stands in for nuget.org for the ContractKit
    /// packages (and only the feed may provide them), nuget.org provides the rest (xunit.v3 and the test SDK).
    /// </summary>
    public string NuGetConfig => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="local-feed" value="{Feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="local-feed"><package pattern="ContractKit*" /></packageSource>
            <packageSource key="nuget.org"><package pattern="*" /></packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    public string Root { get; }
    public string Sources { get; }
    public string Version { get; }
    public string Feed { get; }
    public string Consumer { get; }
    public string PackOutput { get; } = "";
    public string AddOutput { get; }

    internal static string Expect(ProcessResult result, string what)
    {
        Assert.True(result.ExitCode == 0, $"{what} failed: {result}");
        return result.Output;
    }

    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = Path.GetFileName(directory);
            if (name is not ("bin" or "obj" or "TestResults"))
            {
                CopyDirectory(directory, Path.Combine(to, name));
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file; the folder is temporary anyway.
        }
    }
}

public sealed class PackagedConsumerTests(PackagedConsumer packaged)
{
    private static string NuspecText(System.IO.Compression.ZipArchive archive)
    {
        using var reader = new StreamReader(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public void The_package_holds_the_runtime_the_generator_and_the_build_files()
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(Path.Combine(packaged.Feed, $"ContractKit.{packaged.Version}.nupkg"));
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet();
        foreach (var expected in new[]
        {
            "lib/net8.0/ContractKit.dll", "lib/net10.0/ContractKit.dll", "analyzers/dotnet/cs/ContractKit.Generators.dll",
            "build/ContractKit.props", "build/ContractKit.targets", "buildTransitive/ContractKit.props", "buildTransitive/ContractKit.targets", "README.md",
        })
        {
            Assert.Contains(expected, entries);
        }

        var metadata = XDocument.Parse(NuspecText(archive)).Root!.Elements().First();
        string Value(string name) => metadata.Elements().First(e => e.Name.LocalName == name).Value;
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("contract-testing", Value("tags"), StringComparison.Ordinal);
        Assert.NotEmpty(Value("description"));
        Assert.Equal("https://github.com/contractkit/contractkit", metadata.Elements().First(e => e.Name.LocalName == "repository").Attribute("url")!.Value);
        Assert.True(File.Exists(Path.Combine(packaged.Feed, $"ContractKit.{packaged.Version}.snupkg")));
        Assert.True(File.Exists(Path.Combine(packaged.Feed, $"ContractKit.Cli.{packaged.Version}.snupkg")));
        Assert.True(File.Exists(Path.Combine(packaged.Feed, $"ContractKit.Testing.{packaged.Version}.snupkg")));

        // The runtime package must be usable from production code: no ASP.NET Core, no test framework.
        Assert.DoesNotContain("frameworkReference", NuspecText(archive), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Microsoft.AspNetCore", NuspecText(archive), StringComparison.Ordinal);
        Assert.DoesNotContain(entries, e => e.Contains("ContractKit.Testing", StringComparison.Ordinal) || e.Contains("ContractKit.Tooling", StringComparison.Ordinal));
    }

    [Fact]
    public void The_testing_package_carries_the_stub_and_depends_on_the_runtime_package()
    {
        using var archive = System.IO.Compression.ZipFile.OpenRead(Path.Combine(packaged.Feed, $"ContractKit.Testing.{packaged.Version}.nupkg"));
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net8.0/ContractKit.Testing.dll", entries);
        Assert.Contains("lib/net10.0/ContractKit.Testing.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.DoesNotContain(entries, e => e.EndsWith("/ContractKit.dll", StringComparison.Ordinal) || e.StartsWith("analyzers/", StringComparison.Ordinal));

        var nuspec = XDocument.Parse(NuspecText(archive));
        var dependencies = nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => ((string?)e.Attribute("id"), (string?)e.Attribute("version"))).ToList();
        Assert.Contains(("ContractKit", packaged.Version), dependencies);
        Assert.Contains(nuspec.Descendants().Where(e => e.Name.LocalName == "frameworkReference"), e => (string?)e.Attribute("name") == "Microsoft.AspNetCore.App");
    }

    [Fact]
    public void A_production_library_uses_the_generated_dtos_and_validators_without_aspnetcore_or_tests()
    {
        var build = Processes.Dotnet(packaged.Production, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, $"the production library did not build: {build}");

        // Nothing of ASP.NET Core or of the test side reaches the library's dependency graph.
        // (The SDK lists every targeting pack under downloadDependencies; what counts is what the project and
        // its packages reference.)
        var assets = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(packaged.Production, "obj", "project.assets.json")))!;
        Assert.Equal(["Microsoft.NETCore.App"], assets["project"]!["frameworks"]!["net8.0"]!["frameworkReferences"]!.AsObject().Select(f => f.Key));
        var packages = assets["targets"]!["net8.0"]!.AsObject();
        Assert.Equal(["ContractKit/" + packaged.Version], packages.Select(p => p.Key));
        Assert.DoesNotContain(packages, p => p.Value!["frameworkReferences"] is not null);
        var output = Path.Combine(packaged.Production, "bin", "Release", "net8.0");
        // A class library does not copy its packages to bin; its deps.json names what it runs with.
        var dependencyFile = File.ReadAllText(Path.Combine(output, "Payouts.deps.json"));
        Assert.Contains($"\"ContractKit/{packaged.Version}\"", dependencyFile, StringComparison.Ordinal);
        Assert.DoesNotContain("ContractKit.Testing", dependencyFile, StringComparison.Ordinal);
        Assert.DoesNotContain("AspNetCore", dependencyFile, StringComparison.Ordinal);

        // The DTOs and validators are there; the contract tests are not (no xUnit, no ContractKit.Testing).
        using var peFile = File.OpenRead(Path.Combine(output, "Payouts.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(peFile);
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var names = reader.TypeDefinitions.Select(h => reader.GetString(reader.GetTypeDefinition(h).Name)).ToHashSet();
        Assert.Contains("ActivateContactResponse", names);
        Assert.Contains("ActivateContactResponseValidator", names);
        Assert.DoesNotContain("ActivateContactContractTests", names);
    }

    [Fact]
    public void Packing_again_from_a_clean_tree_gives_the_same_assemblies()
    {
        foreach (var output in Directory.EnumerateDirectories(packaged.Sources, "*", SearchOption.AllDirectories)
            .Where(d => Path.GetFileName(d) is "bin" or "obj").ToList())
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }

        var again = Path.Combine(packaged.Root, "feed-again");
        PackagedConsumer.Expect(Processes.Dotnet(packaged.Sources, packaged.PackArguments("src/ContractKit/ContractKit.csproj", again)), "second pack");

        using var first = System.IO.Compression.ZipFile.OpenRead(Path.Combine(packaged.Feed, $"ContractKit.{packaged.Version}.nupkg"));
        using var second = System.IO.Compression.ZipFile.OpenRead(Path.Combine(again, $"ContractKit.{packaged.Version}.nupkg"));
        foreach (var entry in new[] { "lib/net8.0/ContractKit.dll", "lib/net10.0/ContractKit.dll", "analyzers/dotnet/cs/ContractKit.Generators.dll" })
        {
            Assert.True(Bytes(first, entry).SequenceEqual(Bytes(second, entry)), $"{entry} differs between two builds of the same sources");
        }
    }

    private static byte[] Bytes(System.IO.Compression.ZipArchive archive, string entry)
    {
        using var stream = archive.GetEntry(entry)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public void The_generated_contract_tests_run_and_pass_in_stub_mode_from_the_package()
    {
        var results = Path.Combine(packaged.Consumer, "TestResults");
        var test = Processes.Dotnet(packaged.Consumer, "test", "--logger", "trx;LogFileName=consumer.trx", "--results-directory", results);

        Assert.True(test.ExitCode == 0, test.ToString());
        var trx = XDocument.Load(Path.Combine(results, "consumer.trx"));
        var outcomes = trx.Descendants().Where(e => e.Name.LocalName == "UnitTestResult")
            .ToDictionary(e => e.Attribute("testName")!.Value, e => e.Attribute("outcome")!.Value);
        Assert.Contains(outcomes, o => o.Key.Contains("ActivateContactContractTests.Success", StringComparison.Ordinal) && o.Value == "Passed");
        Assert.Contains(outcomes, o => o.Key.Contains("ActivateContactContractTests.Error4xx", StringComparison.Ordinal) && o.Value == "Passed");
        Assert.Contains(outcomes, o => o.Key.Contains("UpdateContactContractTests.Success", StringComparison.Ordinal) && o.Value == "Passed");
        Assert.Contains(outcomes, o => o.Key.Contains("The_documented_response_reads_into_the_generated_dto", StringComparison.Ordinal) && o.Value == "Passed");
        Assert.All(outcomes, o => Assert.Equal("Passed", o.Value));
    }

    [Fact]
    public void The_generated_contract_tests_write_junit_xml_with_one_case_per_scenario_through_dotnet_test()
    {
        // The setup docs/ci.md gives: JunitXml.TestLogger beside xunit.v3, and the project run by VSTest, so the
        // logger's VSTest half is used (its Microsoft.Testing.Platform half needs MTP 2, xunit.v3 3.2.2 has MTP 1).
        var project = Path.Combine(packaged.Root, "junit-user");
        PackagedConsumer.CopyDirectory(packaged.Consumer, project);
        var csproj = Path.Combine(project, "Consumer.Tests.csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj)
            .Replace("<OutputType>Exe</OutputType>", "<OutputType>Exe</OutputType>\n    <IsTestingPlatformApplication>false</IsTestingPlatformApplication>", StringComparison.Ordinal)
            .Replace("</Project>", "  <ItemGroup>\n    <PackageReference Include=\"JunitXml.TestLogger\" Version=\"8.1.0\" />\n  </ItemGroup>\n</Project>", StringComparison.Ordinal));
        // One scenario drifts from its snapshot, so the file must carry a failure too, not only passes.
        var snapshot = Path.Combine(project, "schemas", "razorpay", "ActivateContactContractTests.Success.verified.json");
        File.WriteAllText(snapshot, File.ReadAllText(snapshot).Replace("\"created_at\": \"integer\"", "\"created_at\": \"string\"", StringComparison.Ordinal));
        var junit = Path.Combine(project, "TestResults", "contract-tests.junit.xml");

        var test = Processes.Dotnet(project, "test", "--logger", $"junit;LogFilePath={junit};FailureBodyFormat=Verbose",
            "--logger", "trx;LogFileName=consumer.trx", "--results-directory", Path.Combine(project, "TestResults"));

        Assert.NotEqual(0, test.ExitCode);
        Assert.True(File.Exists(junit), test.ToString());
        var cases = XDocument.Load(junit).Descendants("testcase").ToList();
        string NameOf(XElement c) => c.Attribute("classname")!.Value + "." + c.Attribute("name")!.Value;
        // Every test dotnet test ran is one case, and each generated scenario appears exactly once.
        var trx = XDocument.Load(Path.Combine(project, "TestResults", "consumer.trx")).Descendants().Count(e => e.Name.LocalName == "UnitTestResult");
        Assert.Equal(trx, cases.Count);
        foreach (var scenario in new[] { "ActivateContactContractTests.Success", "ActivateContactContractTests.Error4xx", "UpdateContactContractTests.Success" })
        {
            Assert.Single(cases, c => NameOf(c).EndsWith(scenario, StringComparison.Ordinal));
        }

        var failed = Assert.Single(cases, c => c.Element("failure") is not null);
        Assert.EndsWith("ActivateContactContractTests.Success", NameOf(failed), StringComparison.Ordinal);
        Assert.Contains("created_at", failed.Element("failure")!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_tool_installs_from_the_feed_and_verifies_the_same_contracts()
    {
        var tools = Path.Combine(packaged.Root, "tool-user");
        PackagedConsumer.CopyDirectory(packaged.Consumer, tools);
        PackagedConsumer.Expect(Processes.Dotnet(tools, "new", "tool-manifest"), "new tool-manifest");
        lock (PackagedConsumer.ToolInstall)
        {
            PackagedConsumer.Expect(Processes.Dotnet(tools, "tool", "install", "--local", "ContractKit.Cli", "--version", packaged.Version), "tool install");
        }


        var verify = Processes.Dotnet(tools, "contractkit", "verify", "--report", "contract-report.xml");

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("razorpay/activate-contact", verify.Output, StringComparison.Ordinal);
        Assert.Contains("instantpay/update-contact", verify.Output, StringComparison.Ordinal);
        var report = XDocument.Load(Path.Combine(tools, "contract-report.xml"));
        var suites = report.Root!.Elements("testsuite").ToList();
        Assert.Equal(2, suites.Count);
        Assert.All(suites, suite => Assert.Equal("0", suite.Attribute("failures")!.Value));

        var help = Processes.Dotnet(tools, "contractkit", "--help");
        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "import", "verify", "diff", "export", "stub", "validate", "accept", "describe" })
        {
            Assert.Contains(command, help.Output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{\n  \"formatVersion\": 1,\n  \"vendor\": \"razorpay\",\n  \"operation\": \n}\n", "CK0001", 5, 1)]
    [InlineData("{\n  \"formatVersion\": 1, \"vendor\": \"razorpay\", \"operation\": \"list-things\",\n  \"http\": { \"method\": \"GET\", \"path\": \"/v1/things\", \"auth\": { \"scheme\": \"none\" }, \"parameters\": [] },\n  \"responses\": [ { \"status\": \"200\", \"schema\": { \"type\": \"object\",\n    \"patternProperties\": { \"^x\": { \"type\": \"string\" } } } } ],\n  \"provenance\": { \"page\": \"p\", \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\" }\n}\n", "CK0003", 5, 5)]
    public void A_broken_contract_fails_the_consumers_build_with_its_diagnostic_at_file_line_and_column(string contract, string id, int line, int column)
    {
        var broken = Path.Combine(packaged.Root, "broken-" + id);
        PackagedConsumer.CopyDirectory(packaged.Consumer, broken);
        var file = Path.Combine(broken, "schemas", "razorpay", "broken.contract.json");
        File.WriteAllText(file, contract);

        var build = Processes.Dotnet(broken, "build");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains($"{file}({line},{column}): error {id}:", build.Output, StringComparison.Ordinal);
        // Failing cleanly: the generator reported a diagnostic, it did not crash.
        Assert.DoesNotContain("CS8785", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", build.Output, StringComparison.Ordinal);
    }
}
