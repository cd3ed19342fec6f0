namespace ContractKit.Import.Pages;

/// <summary>
/// Copying a rendered code block copies its gutter too: the line numbers end up interleaved with the code,
/// <c>1</c>, <c>{</c>, <c>2</c>, <c>"id": ...</c>. This removes the numbers and keeps each code line
/// with its own page line number, so later stages see the code as it was shown.
/// </summary>
internal static class NumberedCodeBlocks
{
    public static List<PageLine> Strip(IReadOnlyList<PageLine> lines)
    {
        var result = new List<PageLine>(lines.Count);
        var i = 0;
        while (i < lines.Count)
        {
            var run = RunLength(lines, i);
            if (run > 0)
            {
                // Keep the code lines, drop the gutter numbers.
                for (var k = 0; k < run; k++)
                {
                    result.Add(lines[i + (2 * k) + 1]);
                }

                i += 2 * run;
                continue;
            }

            result.Add(lines[i]);
            i++;
        }

        return result;
    }

    /// <summary>How many (number, code) pairs start at <paramref name="start"/>: 0 where no numbered block starts.</summary>
    private static int RunLength(IReadOnlyList<PageLine> lines, int start)
    {
        var count = 0;
        while (start + (2 * count) + 1 < lines.Count
               && GutterNumber(lines[start + (2 * count)]) == count + 1
               && !lines[start + (2 * count) + 1].IsBlank
               && GutterNumber(lines[start + (2 * count) + 1]) is null)
        {
            count++;
        }

        // A lone "1" followed by a line is a numbered block only when that line is clearly code;
        // otherwise it is more likely a list number or a value in prose.
        if (count == 1 && !LooksLikeCode(lines[start + 1].Trimmed))
        {
            return 0;
        }

        return count;
    }

    private static int? GutterNumber(PageLine line)
    {
        var text = line.Trimmed;
        return text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static bool LooksLikeCode(string text) =>
        text.StartsWith('{') || text.StartsWith('[') || text.StartsWith("curl ", StringComparison.Ordinal);
}
