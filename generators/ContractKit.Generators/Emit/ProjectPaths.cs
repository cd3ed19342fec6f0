using System;

namespace ContractKit.Generators.Emit;

/// <summary>Paths as generated code writes them: relative to the project, with '/', so that no machine's folders show.</summary>
internal static class ProjectPaths
{
    /// <summary>
    /// The path relative to <paramref name="projectDirectory"/> ("schemas/razorpay/activate-contact.contract.json",
    /// "../../schemas/..."); a relative path as it is; without a project folder, or on another drive, the path unchanged.
    /// </summary>
    public static string Relative(string path, string? projectDirectory)
    {
        var normalized = path.Replace('\\', '/');
        if (projectDirectory is null || !IsRooted(normalized))
        {
            return normalized;
        }

        var from = Segments(projectDirectory.Replace('\\', '/'));
        var to = Segments(normalized);
        var comparison = normalized.Length > 1 && normalized[1] == ':' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        if (from.Length == 0 || to.Length == 0 || !string.Equals(from[0], to[0], comparison) && IsDrive(to[0]))
        {
            return normalized;
        }

        var common = 0;
        while (common < from.Length && common < to.Length && string.Equals(from[common], to[common], comparison))
        {
            common++;
        }

        if (common == 0 && IsDrive(to[0]))
        {
            return normalized;
        }

        var parts = new System.Collections.Generic.List<string>();
        for (var i = common; i < from.Length; i++)
        {
            parts.Add("..");
        }

        for (var i = common; i < to.Length; i++)
        {
            parts.Add(to[i]);
        }

        return parts.Count == 0 ? "." : string.Join("/", parts);
    }

    private static bool IsRooted(string path) => path.StartsWith("/", StringComparison.Ordinal) || (path.Length > 2 && path[1] == ':' && path[2] == '/');

    private static bool IsDrive(string segment) => segment.Length == 2 && segment[1] == ':';

    private static string[] Segments(string path) => path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
}
