using System.Runtime.CompilerServices;
using System.Text;

namespace ContractKit.Testing;

/// <summary>
/// Snapshot assertions with Verify's conventions: <c>&lt;Class&gt;.&lt;Method&gt;[_param].verified.&lt;ext&gt;</c> beside the
/// test file; on a mismatch the new text is written as <c>.received.&lt;ext&gt;</c> and the failure shows a diff.
/// A missing snapshot fails; it is written as verified only with CONTRACTKIT_ACCEPT=1, and never when CI=true.
/// </summary>
internal static class Snapshot
{
    public static void Verify(string actual, string extension, string? parameter = null,
        [CallerFilePath] string sourceFile = "", [CallerMemberName] string method = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Snapshots");
        var name = $"{Path.GetFileNameWithoutExtension(sourceFile)}.{method}{(parameter is null ? "" : "_" + parameter)}";
        var verified = Path.Combine(directory, $"{name}.verified.{extension}");
        var received = Path.Combine(directory, $"{name}.received.{extension}");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);

        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var accept = !ci && Environment.GetEnvironmentVariable("CONTRACTKIT_ACCEPT") == "1";
        if (!File.Exists(verified))
        {
            Directory.CreateDirectory(directory);
            if (accept)
            {
                File.WriteAllText(verified, actual, new UTF8Encoding(false));
                return;
            }

            File.WriteAllText(received, actual, new UTF8Encoding(false));
            Assert.Fail($"no verified snapshot {Path.GetFileName(verified)}; the output was written to {received}. Review it and accept it (rename, or run with CONTRACTKIT_ACCEPT=1).");
        }

        var expected = File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            if (File.Exists(received))
            {
                File.Delete(received);
            }

            return;
        }

        if (accept)
        {
            File.WriteAllText(verified, actual, new UTF8Encoding(false));
            return;
        }

        File.WriteAllText(received, actual, new UTF8Encoding(false));
        Assert.Fail($"{Path.GetFileName(verified)} differs from the output (written to {received}):\n{Diff(expected, actual)}");
    }

    /// <summary>A short line diff: the first differing lines with a little context.</summary>
    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var first = 0;
        while (first < a.Length && first < b.Length && a[first] == b[first])
        {
            first++;
        }

        var builder = new StringBuilder();
        builder.AppendLine($"@@ line {first + 1} @@");
        for (var i = Math.Max(0, first - 2); i < first; i++)
        {
            builder.AppendLine("  " + a[i]);
        }

        for (var i = first; i < Math.Min(a.Length, first + 6); i++)
        {
            builder.AppendLine("- " + a[i]);
        }

        for (var i = first; i < Math.Min(b.Length, first + 6); i++)
        {
            builder.AppendLine("+ " + b[i]);
        }

        return builder.ToString();
    }
}
