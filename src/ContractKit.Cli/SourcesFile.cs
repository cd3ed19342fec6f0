using System.Text;

namespace ContractKit.Cli;

/// <summary>One page fetched by URL: where it came from, where its copy is (relative to the store), when, and its SHA-256.</summary>
internal sealed record SourceRow(string Url, string File, string Fetched, string Sha256);

/// <summary>
/// The "Fetched by URL" table of SOURCES.md in the folder of page copies (docs/vendors/SOURCES.md). Everything else
/// in the file is left exactly as it is; only that section's table rows are added or replaced.
/// </summary>
internal sealed class SourcesFile
{
    public const string FileName = "SOURCES.md";
    public const string Heading = "## Fetched by URL";
    private const string TableHeader = "| url | file | fetched (UTC) | sha256 |";
    private const string TableRule = "| --- | --- | --- | --- |";

    private readonly List<string> lines;
    private readonly int tableStart; // index of the first row line, -1 when the section does not exist
    private readonly int tableEnd;   // index after the last row line

    private SourcesFile(List<string> lines, string newline, byte[]? original)
    {
        this.lines = lines;
        Newline = newline;
        Original = original;
        tableStart = tableEnd = -1;
        var heading = lines.FindIndex(l => l.TrimEnd() == Heading);
        if (heading < 0)
        {
            return;
        }

        var header = lines.FindIndex(heading + 1, l => l.TrimStart().StartsWith('|'));
        if (header < 0 || header + 1 >= lines.Count || !lines[header + 1].TrimStart().StartsWith("| ---", StringComparison.Ordinal))
        {
            return;
        }

        tableStart = header + 2;
        tableEnd = tableStart;
        while (tableEnd < lines.Count && lines[tableEnd].TrimStart().StartsWith('|'))
        {
            var row = ParseRow(lines[tableEnd]);
            if (row is not null)
            {
                Rows.Add(row);
            }

            tableEnd++;
        }
    }

    public List<SourceRow> Rows { get; } = [];

    public string Newline { get; }

    /// <summary>The file's bytes as read; null when there was no file.</summary>
    public byte[]? Original { get; }

    /// <summary>Reads SOURCES.md from <paramref name="path"/>, or starts an empty one where it does not exist.</summary>
    public static SourcesFile Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return new SourcesFile(["# Where the vendor pages come from", ""], "\n", original: null);
        }

        var bytes = System.IO.File.ReadAllBytes(path);
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(bytes).TrimStart('\uFEFF');
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var split = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (split.Count > 0 && split[^1].Length == 0)
        {
            split.RemoveAt(split.Count - 1);
        }

        return new SourcesFile(split, newline, bytes);
    }

    public SourceRow? Find(string url) => Rows.FirstOrDefault(r => r.Url == url);

    /// <summary>The file with <paramref name="row"/> in place of the row of the same URL (or added at the end of the table).</summary>
    public byte[] With(SourceRow row)
    {
        var rows = Rows.Where(r => r.Url != row.Url).ToList();
        var index = Rows.FindIndex(r => r.Url == row.Url);
        rows.Insert(index < 0 ? rows.Count : index, row);
        var rendered = rows.Select(Format).ToList();

        var result = new List<string>(lines);
        if (tableStart >= 0)
        {
            result.RemoveRange(tableStart, tableEnd - tableStart);
            result.InsertRange(tableStart, rendered);
        }
        else
        {
            if (result.Count > 0 && result[^1].Trim().Length > 0)
            {
                result.Add("");
            }

            result.Add(Heading);
            result.Add("");
            result.Add("Written by `contractkit import <url>`: the copy of each page (under the vendor's folder), the day it");
            result.Add("was fetched and the SHA-256 of its bytes. `contractkit import <file>` re-imports a copy offline;");
            result.Add("`contractkit import --check <url>` compares the live page with it and with the contracts.");
            result.Add("");
            result.Add(TableHeader);
            result.Add(TableRule);
            result.AddRange(rendered);
        }

        var text = Encoding.UTF8.GetBytes(string.Join(Newline, result) + Newline);
        return Original is [0xEF, 0xBB, 0xBF, ..] ? [0xEF, 0xBB, 0xBF, .. text] : text;
    }

    // A URL has no spaces or '|' (Uri escapes them); the file is kebab-case with one extension.
    private static string Format(SourceRow row) => $"| {row.Url.Replace("|", "%7C", StringComparison.Ordinal)} | `{row.File}` | {row.Fetched} | {row.Sha256} |";

    private static SourceRow? ParseRow(string line)
    {
        var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        if (cells.Length != 4 || !PageFetcher.LooksLikeUrl(cells[0]))
        {
            return null;
        }

        return new SourceRow(cells[0], cells[1].Trim('`'), cells[2], cells[3]);
    }
}
