using System.Text.RegularExpressions;

namespace ContractKit.Import.Pages;

/// <summary>
/// Reads fields written one attribute per line, as many documentation sites render them:
/// the name, an optional <c>*</c> (required) line, the type, then the description, which may hold a
/// "Possible values" list.
/// </summary>
internal static partial class ParameterBlocks
{
    [GeneratedRegex(@"^\s*[•·▪◦‣*-]\s+(?<item>.+)$")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"(possible|allowed|supported|accepted|valid)\s+values|one\s+of|following\s+(\w+\s+)?(values|states|options)", RegexOptions.IgnoreCase)]
    private static partial Regex ValuesIntroduction();

    [GeneratedRegex(@"^\s*(:|are\b|is\b|include\b)\s*:?", RegexOptions.IgnoreCase)]
    private static partial Regex ListLead();

    [GeneratedRegex(@"^[`""']?(?<value>[^`""'\s:(]+)[`""']?\s*(?<default>\(default\))?\s*(?:[:–—-]\s*(?<meaning>.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ValueItem();

    /// <summary>Whether a field block starts at <paramref name="index"/>: a name line, then [*], then a type line.</summary>
    public static bool StartsField(IReadOnlyList<PageLine> lines, int index, int end) =>
        TryReadHead(lines, index, end, out _, out _, out _);

    /// <summary>
    /// Reads the fields between <paramref name="start"/> and <paramref name="end"/> (exclusive).
    /// Lines before the first field that are not part of one are left to the caller.
    /// </summary>
    public static List<DocumentedField> Read(IReadOnlyList<PageLine> lines, int start, int end)
    {
        var fields = new List<DocumentedField>();
        var i = start;
        while (i < end)
        {
            if (!TryReadHead(lines, i, end, out var required, out var typeWord, out var next))
            {
                i++;
                continue;
            }

            var name = lines[i].Trimmed;
            var line = lines[i].Number;
            var descriptionEnd = next;
            while (descriptionEnd < end && !TryReadHead(lines, descriptionEnd, end, out _, out _, out _))
            {
                descriptionEnd++;
            }

            var descriptionLines = lines.Skip(next).Take(descriptionEnd - next).Where(l => !l.IsBlank).Select(l => l.Trimmed).ToList();
            fields.Add(new DocumentedField(name, typeWord, required, string.Join("\n", descriptionLines),
                PossibleValues(descriptionLines), line));
            i = descriptionEnd;
        }

        return fields;
    }

    /// <summary>
    /// The values of a list introduced by "Possible values:" (or "can have the following states:"), written as
    /// bullets (<c>• true (default) : active</c>) or inline (<c>Possible values: a, b, c</c>).
    /// </summary>
    public static List<PossibleValue> PossibleValues(IReadOnlyList<string> descriptionLines)
    {
        var values = new List<PossibleValue>();
        for (var i = 0; i < descriptionLines.Count; i++)
        {
            var line = descriptionLines[i];
            var introduction = ValuesIntroduction().Match(line);
            if (!introduction.Success)
            {
                continue;
            }

            // "Possible values: a, b" or "Possible values are a, b or c."; a list of bullets follows a bare colon.
            var rest = line[(introduction.Index + introduction.Length)..];
            var inline = ListLead().Replace(rest, "").Trim().TrimEnd('.');
            if (inline.Length > 0 && !rest.TrimStart().StartsWith(':') && !ListLead().IsMatch(rest))
            {
                continue;
            }
            if (inline.Length > 0)
            {
                foreach (var part in Regex.Split(inline, @",\s*|\s+or\s+|\s+and\s+"))
                {
                    if (ValueItem().Match(part.Trim()) is { Success: true } item)
                    {
                        values.Add(new PossibleValue(item.Groups["value"].Value, item.Groups["default"].Success, null));
                    }
                }

                continue;
            }

            for (var k = i + 1; k < descriptionLines.Count && Bullet().Match(descriptionLines[k]) is { Success: true } bullet; k++)
            {
                if (ValueItem().Match(bullet.Groups["item"].Value.Trim()) is { Success: true } item)
                {
                    var meaning = item.Groups["meaning"].Success ? item.Groups["meaning"].Value.Trim() : null;
                    values.Add(new PossibleValue(item.Groups["value"].Value, item.Groups["default"].Success, meaning));
                }
            }

            if (values.Count > 0)
            {
                break;
            }
        }

        return values;
    }

    private static bool TryReadHead(IReadOnlyList<PageLine> lines, int index, int end, out bool? required, out string typeWord, out int next)
    {
        required = null;
        typeWord = "";
        next = index;
        if (index >= end || lines[index].IsBlank || !FieldTables.IsFieldName(lines[index].Trimmed)
            || TypeWords.IsTypeWord(lines[index].Trimmed))
        {
            return false;
        }

        var k = SkipBlank(lines, index + 1, end);
        if (k < end && RequirementMarker(lines[k].Trimmed) is { } marker)
        {
            required = marker;
            k = SkipBlank(lines, k + 1, end);
        }

        if (k >= end || !TypeWords.IsTypeWord(lines[k].Trimmed))
        {
            return false;
        }

        typeWord = lines[k].Trimmed;
        next = k + 1;
        return true;
    }

    private static bool? RequirementMarker(string text) => text.ToLowerInvariant() switch
    {
        "*" or "required" or "mandatory" => true,
        "optional" => false,
        _ => null,
    };

    private static int SkipBlank(IReadOnlyList<PageLine> lines, int index, int end)
    {
        while (index < end && lines[index].IsBlank)
        {
            index++;
        }

        return index;
    }
}
