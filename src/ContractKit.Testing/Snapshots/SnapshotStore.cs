using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.IO;

namespace ContractKit.Snapshots;

/// <summary>How a comparison with the verified snapshot came out.</summary>
public enum SnapshotOutcome
{
    Matched,
    /// <summary>There was no verified snapshot; it was written because accepting is on.</summary>
    Accepted,
    Missing,
    Mismatched,
}

public sealed record SnapshotResult(SnapshotOutcome Outcome, string VerifiedPath, string? ReceivedPath, string? Diff)
{
    public bool Passed => Outcome is SnapshotOutcome.Matched or SnapshotOutcome.Accepted;
}

/// <summary>A snapshot that does not match, or is missing: the message says where the received file is.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);

/// <summary>
/// Snapshots with Verify's conventions: <c>&lt;Class&gt;.&lt;Method&gt;.verified.json</c> in a folder; a differing or
/// missing result is written beside it as <c>.received.json</c>, with a unified diff in the failure. Accepting
/// (CONTRACTKIT_ACCEPT=1, or <c>contractkit accept</c>) makes the received file the verified one; with
/// CI=true nothing is ever accepted automatically. Every write is atomic (temporary file, then rename), so
/// tests running in parallel never leave a half-written snapshot.
/// </summary>
public sealed class SnapshotStore(string directory, bool autoAccept)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A store configured from the environment: accepting only with CONTRACTKIT_ACCEPT=1 and never when CI=true.</summary>
    public static SnapshotStore FromEnvironment(string directory)
    {
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        var accept = Environment.GetEnvironmentVariable("CONTRACTKIT_ACCEPT") == "1";
        return new SnapshotStore(directory, accept && !ci);
    }

    public string Directory { get; } = directory;

    /// <summary>The snapshot text for a JSON value: two-space indented, LF line ends, final newline.</summary>
    public static string Format(JsonNode? value) => (value?.ToJsonString(Indented) ?? "null").Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    public SnapshotResult Compare(string name, JsonNode? actual) => Compare(name, Format(actual));

    /// <summary>Compares with the verified snapshot and writes nothing: Matched, Missing or Mismatched (with the diff).</summary>
    public SnapshotResult Peek(string name, string actual)
    {
        var verified = OutputFolder.Combine(Directory, name + ".verified.json");
        if (!File.Exists(verified))
        {
            return new SnapshotResult(SnapshotOutcome.Missing, verified, null, null);
        }

        var expected = File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal);
        return expected == actual
            ? new SnapshotResult(SnapshotOutcome.Matched, verified, null, null)
            : new SnapshotResult(SnapshotOutcome.Mismatched, verified, null, UnifiedDiff.Create(expected, actual, Path.GetFileName(verified), name + ".received.json"));
    }

    public SnapshotResult Compare(string name, string actual)
    {
        var peeked = Peek(name, actual);
        var verified = peeked.VerifiedPath;
        var received = OutputFolder.Combine(Directory, name + ".received.json");
        var bytes = new UTF8Encoding(false).GetBytes(actual);
        if (peeked.Outcome == SnapshotOutcome.Missing)
        {
            if (autoAccept)
            {
                AtomicFiles.Write(verified, bytes);
                DeleteIfPresent(received);
                return new SnapshotResult(SnapshotOutcome.Accepted, verified, null, null);
            }

            AtomicFiles.Write(received, bytes);
            return new SnapshotResult(SnapshotOutcome.Missing, verified, received, null);
        }

        if (peeked.Outcome == SnapshotOutcome.Matched)
        {
            DeleteIfPresent(received);
            return peeked;
        }

        var diff = peeked.Diff;
        if (autoAccept)
        {
            AtomicFiles.Write(verified, bytes);
            DeleteIfPresent(received);
            return new SnapshotResult(SnapshotOutcome.Accepted, verified, null, diff);
        }

        AtomicFiles.Write(received, bytes);
        return new SnapshotResult(SnapshotOutcome.Mismatched, verified, received, diff);
    }

    /// <summary>Compares and throws <see cref="SnapshotMismatchException"/> unless it passed.</summary>
    public void Verify(string name, JsonNode? actual)
    {
        var result = Compare(name, actual);
        switch (result.Outcome)
        {
            case SnapshotOutcome.Missing:
                throw new SnapshotMismatchException(
                    $"no verified snapshot {result.VerifiedPath}; the result was written to {result.ReceivedPath}. Review it, then accept it (contractkit accept, or CONTRACTKIT_ACCEPT=1 outside CI).");
            case SnapshotOutcome.Mismatched:
                throw new SnapshotMismatchException($"{result.VerifiedPath} does not match; the result was written to {result.ReceivedPath}:\n{result.Diff}");
        }
    }

    /// <summary>Makes every received snapshot in the folder the verified one; returns the names accepted.</summary>
    public IReadOnlyList<string> AcceptAll()
    {
        var accepted = new List<string>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return accepted;
        }

        foreach (var received in System.IO.Directory.EnumerateFiles(Directory, "*.received.json").Order(StringComparer.Ordinal))
        {
            var verified = received[..^".received.json".Length] + ".verified.json";
            File.Move(received, verified, overwrite: true);
            accepted.Add(Path.GetFileName(verified));
        }

        return accepted;
    }

    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
