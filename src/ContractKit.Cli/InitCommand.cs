using System.CommandLine;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using ContractKit.IO;

namespace ContractKit.Cli;

/// <summary>
/// <c>contractkit init &lt;test-project&gt; [--schemas &lt;dir&gt;]</c>: creates or updates an xunit.v3 test project so
/// that it runs the generated contract tests (the ContractKit package, ContractKitEmitTests, the schema
/// folder), and puts the contractkit tool in the repository's tool manifest. Running it again changes nothing.
/// </summary>
internal static class InitCommand
{
    /// <summary>The test packages a new project gets; the versions the packaging test builds a consumer with.</summary>
    private static readonly (string Id, string Version)[] XunitPackages =
    [
        ("xunit.v3", "3.2.2"),
        ("xunit.runner.visualstudio", "3.1.5"),
        ("Microsoft.NET.Test.Sdk", "18.0.1"),
    ];

    private const string ToolPackage = "contractkit.cli";

    public static Command Create(CliContext context)
    {
        var project = new Argument<string>("test-project")
        {
            Description = "The test project's folder (created if missing) or its .csproj, e.g. tests/MyApi.Tests.",
        };
        var schemas = new Option<string>("--schemas")
        {
            Description = "The directory of contracts the tests are generated from (created if missing).",
            DefaultValueFactory = _ => "schemas",
        };
        var command = new Command("init", "Create or update an xunit.v3 test project that runs the generated contract tests, and add contractkit to the tool manifest. Exit 0: done (or nothing to do); 2: a file that cannot be updated.")
        {
            project, schemas,
        };
        command.SetAction(result => Run(context, result.GetValue(project)!, result.GetValue(schemas)!));
        return command;
    }

    /// <summary>The version of this tool, which is also the version of the ContractKit package it goes with.</summary>
    internal static string ToolVersion()
    {
        var informational = typeof(InitCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }

    private sealed class InitException(string message) : Exception(message);

    private static int Run(CliContext context, string projectArgument, string schemasArgument)
    {
        var planned = new List<(string Path, byte[] Content, string Verb)>();
        try
        {
            var (projectFile, exists) = LocateProject(context, projectArgument);
            var schemaDirectory = context.FullPath(schemasArgument);
            if (File.Exists(schemaDirectory))
            {
                throw new InitException($"{context.Display(schemaDirectory)}: --schemas names a file; expected the folder of contracts");
            }

            var projectText = exists ? UpdatedProject(context, projectFile, schemaDirectory) : NewProject(context, projectFile, schemaDirectory);
            if (projectText is not null)
            {
                planned.Add((projectFile, Utf8(projectText), exists ? "updated" : "created"));
            }

            if (Manifest(context) is { } manifest)
            {
                planned.Add(manifest);
            }

            // Only now, when every file is known to be updatable, does anything change on disk.
            AtomicFiles.WriteAll(planned.Select(p => (p.Path, p.Content)).ToList());
            var createdSchemas = !Directory.Exists(schemaDirectory);
            Directory.CreateDirectory(schemaDirectory);

            foreach (var (path, _, verb) in planned)
            {
                context.Output.WriteLine($"{verb} {context.Display(path)}");
            }

            if (createdSchemas)
            {
                context.Output.WriteLine($"created {context.Display(schemaDirectory)}/");
            }

            if (planned.Count == 0 && !createdSchemas)
            {
                context.Output.WriteLine($"{context.Display(projectFile)} is already set up; nothing changed");
            }

            var contracts = Directory.EnumerateFiles(schemaDirectory, "*.contract.json", SearchOption.AllDirectories).Count();
            context.Output.WriteLine(contracts == 0
                ? $"no contracts in {context.Display(schemaDirectory)} yet: contractkit import <page> writes them there"
                : $"{contracts} contract(s) in {context.Display(schemaDirectory)} become contract tests in {context.Display(projectFile)}");
            return ExitCodes.Success;
        }
        catch (InitException e)
        {
            context.Error.WriteLine($"contractkit init: {e.Message}; nothing was changed");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"contractkit init: {e.Message}; nothing was changed");
            return ExitCodes.BadInput;
        }
    }

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    /// <summary>The .csproj to update, or where to create one (named after its folder).</summary>
    private static (string File, bool Exists) LocateProject(CliContext context, string argument)
    {
        var full = context.FullPath(argument);
        if (full.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
        {
            return (full, File.Exists(full));
        }

        if (File.Exists(full))
        {
            throw new InitException($"{context.Display(full)}: expected a test project's folder or its .csproj");
        }

        var projects = Directory.Exists(full) ? Directory.GetFiles(full, "*.csproj") : [];
        return projects.Length switch
        {
            0 => (Path.Combine(full, Path.GetFileName(Path.TrimEndingDirectorySeparator(full)) + ".csproj"), false),
            1 => (projects[0], true),
            _ => throw new InitException($"{context.Display(full)}: more than one project ({string.Join(", ", projects.Select(Path.GetFileName).Order(StringComparer.Ordinal))}); name the .csproj"),
        };
    }

    /// <summary>The schema folder as the project sees it, or null when it is the default (schemas/ beside the project).</summary>
    private static string? SchemaDirectoryProperty(string projectFile, string schemaDirectory)
    {
        var projectDirectory = Path.GetDirectoryName(projectFile)!;
        if (string.Equals(Path.TrimEndingDirectorySeparator(schemaDirectory), Path.Combine(projectDirectory, "schemas"), StringComparison.Ordinal))
        {
            return null;
        }

        return "$(MSBuildThisFileDirectory)" + Path.GetRelativePath(projectDirectory, schemaDirectory).Replace('\\', '/');
    }

    private static string NewProject(CliContext context, string projectFile, string schemaDirectory)
    {
        var central = CentralPackageVersions(Path.GetDirectoryName(projectFile)!);
        var packages = XunitPackages.Append(("ContractKit", ToolVersion())).ToList();
        RequireCentralVersions(context, central, packages);
        var references = packages.Select(p => $"    {PackageReference(p.Item1, p.Item2, central).ToString(SaveOptions.DisableFormatting)}\n");
        var schemas = SchemaDirectoryProperty(projectFile, schemaDirectory) is { } property
            ? $"    <ContractKitSchemaDirectory>{property}</ContractKitSchemaDirectory>\n"
            : "";
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <!-- xunit.v3 test projects are programs. -->
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                <!-- ContractKit: a contract-test class per contract under the schema folder. -->
                <ContractKitEmitTests>true</ContractKitEmitTests>

            """ + schemas + """
              </PropertyGroup>
              <ItemGroup>

            """ + string.Concat(references) + """
              </ItemGroup>
            </Project>

            """;
    }

    /// <summary>
    /// The project with what is missing added (null when nothing is), keeping the rest of the file as it is.
    /// </summary>
    private static string? UpdatedProject(CliContext context, string projectFile, string schemaDirectory)
    {
        var shown = context.Display(projectFile);
        XDocument document;
        try
        {
            document = XDocument.Parse(File.ReadAllText(projectFile), LoadOptions.PreserveWhitespace | LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new InitException($"{shown}:{e.LineNumber}:{e.LinePosition}: not a well-formed project file: {e.Message}");
        }

        var root = document.Root!;
        if (root.Name.LocalName != "Project" || root.Name.Namespace != XNamespace.None || root.Attribute("Sdk") is null)
        {
            throw new InitException($"{shown}:{((IXmlLineInfo)root).LineNumber}: not an SDK-style project (<Project Sdk=\"Microsoft.NET.Sdk\">); init updates only those");
        }

        var references = root.Elements("ItemGroup").Elements("PackageReference")
            .Select(r => (string?)r.Attribute("Include") ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var properties = root.Elements("PropertyGroup").Elements().ToList();
        var changed = false;

        var addProperties = new List<XElement>();
        var emit = properties.LastOrDefault(p => p.Name.LocalName == "ContractKitEmitTests");
        if (emit is null)
        {
            addProperties.Add(new XElement("ContractKitEmitTests", "true"));
        }
        else if (!string.Equals(emit.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            emit.Value = "true";
            changed = true;
        }

        if (!properties.Any(p => p.Name.LocalName == "ContractKitSchemaDirectory") && SchemaDirectoryProperty(projectFile, schemaDirectory) is { } schemas)
        {
            addProperties.Add(new XElement("ContractKitSchemaDirectory", schemas));
        }

        var hasXunit = references.Any(r => r.Equals("xunit", StringComparison.OrdinalIgnoreCase) || r.StartsWith("xunit.v3", StringComparison.OrdinalIgnoreCase));
        if (!hasXunit && !properties.Any(p => p.Name.LocalName == "OutputType"))
        {
            addProperties.Add(new XElement("OutputType", "Exe"));
        }

        var needed = (hasXunit ? [] : XunitPackages.Where(p => !references.Contains(p.Id)))
            .Append(("ContractKit", ToolVersion()))
            .Where(p => !references.Contains(p.Item1))
            .ToList();
        var central = needed.Count > 0 ? CentralPackageVersions(Path.GetDirectoryName(projectFile)!, document) : null;
        RequireCentralVersions(context, central, needed);

        var indent = Indentation(root);
        if (addProperties.Count > 0)
        {
            Append(root, new XElement("PropertyGroup", addProperties), indent);
            changed = true;
        }

        if (needed.Count > 0)
        {
            Append(root, new XElement("ItemGroup", needed.Select(p => PackageReference(p.Item1, p.Item2, central))), indent);
            changed = true;
        }

        if (!changed)
        {
            return null;
        }

        var declaration = document.Declaration is null ? "" : document.Declaration + "\n";
        var text = declaration + document.Root!.ToString(SaveOptions.DisableFormatting);
        return text.EndsWith('\n') ? text : text + "\n";
    }

    /// <summary>With central package management, a reference without a version needs a PackageVersion in the central file.</summary>
    private static void RequireCentralVersions(CliContext context, (string File, HashSet<string> Ids)? central, IEnumerable<(string Id, string Version)> needed)
    {
        if (central is { } versions && needed.Where(p => !versions.Ids.Contains(p.Id)).ToList() is { Count: > 0 } missing)
        {
            throw new InitException($"{context.Display(versions.File)}: package versions are managed centrally; add {string.Join(" and ", missing.Select(p => $"<PackageVersion Include=\"{p.Id}\" Version=\"{p.Version}\" />"))} there, then run init again");
        }
    }

    private static XElement PackageReference(string id, string version, (string File, HashSet<string> Ids)? central) =>
        central is null
            ? new XElement("PackageReference", new XAttribute("Include", id), new XAttribute("Version", version))
            : new XElement("PackageReference", new XAttribute("Include", id));

    /// <summary>The file's own indentation step (two spaces unless the project uses another).</summary>
    private static string Indentation(XElement root)
    {
        var first = root.Nodes().OfType<XText>().Select(t => t.Value).FirstOrDefault(v => v.Contains('\n', StringComparison.Ordinal));
        var step = first is null ? "" : first[(first.LastIndexOf('\n') + 1)..];
        return step.Length > 0 && step.All(c => c is ' ' or '\t') ? step : "  ";
    }

    /// <summary>Appends a group before the closing tag, indented like the rest of the file.</summary>
    private static void Append(XElement root, XElement group, string indent)
    {
        var children = group.Elements().ToList();
        group.RemoveNodes();
        foreach (var child in children)
        {
            group.Add(new XText("\n" + indent + indent), child);
        }

        group.Add(new XText("\n" + indent));
        if (root.LastNode is XText trailing && string.IsNullOrWhiteSpace(trailing.Value))
        {
            trailing.AddBeforeSelf(new XText("\n" + indent), new XComment(" Added by contractkit init "), new XText("\n" + indent), group);
        }
        else
        {
            root.Add(new XText("\n" + indent), group, new XText("\n"));
        }
    }

    /// <summary>
    /// The nearest Directory.Packages.props with the packages it versions, when central package management is on
    /// (ManagePackageVersionsCentrally=true there, in the nearest Directory.Build.props, or in the project);
    /// null when versions belong in the project.
    /// </summary>
    private static (string File, HashSet<string> Ids)? CentralPackageVersions(string projectDirectory, XDocument? project = null)
    {
        var props = Nearest(projectDirectory, "Directory.Packages.props");
        if (props is null)
        {
            return null;
        }

        var packages = LoadOrNull(props);
        var enabled = TurnsOnCentralVersions(packages) || TurnsOnCentralVersions(project)
                      || (Nearest(projectDirectory, "Directory.Build.props") is { } build && TurnsOnCentralVersions(LoadOrNull(build)));
        return enabled
            ? (props, packages?.Root?.Descendants("PackageVersion").Select(e => (string?)e.Attribute("Include") ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [])
            : null;
    }

    private static string? Nearest(string directory, string fileName)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static XDocument? LoadOrNull(string file)
    {
        try
        {
            return XDocument.Load(file);
        }
        catch (XmlException)
        {
            return null; // Not ours to judge; the build reports it.
        }
    }

    private static bool TurnsOnCentralVersions(XDocument? document) =>
        document?.Root?.Elements("PropertyGroup").Elements("ManagePackageVersionsCentrally")
            .Any(e => string.Equals(e.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>
    /// The tool manifest with contractkit in it: the one dotnet finds from here (./dotnet-tools.json, as
    /// <c>dotnet new tool-manifest</c> writes it on SDK 10, or .config/dotnet-tools.json, in this folder or
    /// above), or a new ./dotnet-tools.json. Null when contractkit is already there.
    /// </summary>
    private static (string Path, byte[] Content, string Verb)? Manifest(CliContext context)
    {
        string? found = null;
        for (var directory = new DirectoryInfo(context.WorkingDirectory); directory is not null && found is null; directory = directory.Parent)
        {
            found = new[] { Path.Combine(directory.FullName, ".config", "dotnet-tools.json"), Path.Combine(directory.FullName, "dotnet-tools.json") }
                .FirstOrDefault(File.Exists);
        }

        var entry = new JsonObject
        {
            ["version"] = ToolVersion(),
            ["commands"] = new JsonArray("contractkit"),
            ["rollForward"] = false,
        };
        var indented = new JsonSerializerOptions { WriteIndented = true };
        if (found is null)
        {
            var manifest = new JsonObject { ["version"] = 1, ["isRoot"] = true, ["tools"] = new JsonObject { [ToolPackage] = entry } };
            return (Path.Combine(context.WorkingDirectory, "dotnet-tools.json"), Utf8(manifest.ToJsonString(indented) + "\n"), "created");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllBytes(found)) as JsonObject
                   ?? throw new InitException($"{context.Display(found)}:1: expected a tool manifest (a JSON object)");
        }
        catch (JsonException e)
        {
            throw new InitException($"{context.Display(found)}:{(e.LineNumber ?? 0) + 1}: not valid JSON: {e.Message}");
        }

        if (root["tools"] is not JsonObject tools)
        {
            if (root["tools"] is not null)
            {
                throw new InitException($"{context.Display(found)}: \"tools\" is not an object");
            }

            root["tools"] = tools = new JsonObject();
        }

        if (tools.Any(t => string.Equals(t.Key, ToolPackage, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        tools[ToolPackage] = entry;
        return (found, Utf8(root.ToJsonString(indented) + "\n"), "updated");
    }
}
