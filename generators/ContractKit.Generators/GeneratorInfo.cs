using System.Reflection;

namespace ContractKit.Generators;

/// <summary>What generated code says about the generator that wrote it.</summary>
internal static class GeneratorInfo
{
    /// <summary>The package version (Directory.Build.props), without the source-control suffix ("0.1.0", not "0.1.0+a4b0411").</summary>
    public static readonly string Version = ReadVersion();

    /// <summary>The attribute every generated type carries.</summary>
    public static readonly string GeneratedCodeAttribute = $"[global::System.CodeDom.Compiler.GeneratedCode(\"ContractKit.Generators\", \"{Version}\")]";

    private static string ReadVersion()
    {
        var assembly = typeof(GeneratorInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (!string.IsNullOrEmpty(informational))
        {
            var plus = informational!.IndexOf('+');
            return plus < 0 ? informational : informational.Substring(0, plus);
        }

        return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
