using System.Text.RegularExpressions;

namespace ContractKit.Import.Pages;

internal enum TableColumn
{
    Name,
    Type,
    Requirement,
    Description,
}

/// <summary>A table row as captured, resolved into a field once the whole page is read.</summary>
internal sealed record RawTableRow(string Text, int Line, IReadOnlyList<TableColumn> Columns);

/// <summary>
/// Reads field tables whose cells may have been run together when the page was copied
/// (<c>contactIdStringMandatoryId of the Contact</c>), as well as tab- or pipe-separated ones.
/// </summary>
internal static partial class FieldTables
{
    private static readonly (string Label, TableColumn Column)[] HeaderLabels =
    [
        ("mandatory/optional", TableColumn.Requirement),
        ("parametername", TableColumn.Name),
        ("requirement", TableColumn.Requirement),
        ("description", TableColumn.Description),
        ("attribute", TableColumn.Name),
        ("fieldname", TableColumn.Name),
        ("parameter", TableColumn.Name),
        ("mandatory", TableColumn.Requirement),
        ("datatype", TableColumn.Type),
        ("required", TableColumn.Requirement),
        ("details", TableColumn.Description),
        ("field", TableColumn.Name),
        ("name", TableColumn.Name),
        ("type", TableColumn.Type),
        ("key", TableColumn.Name),
    ];

    private static readonly string[] RequirementWords = ["Mandatory", "Optional", "Required", "Conditional", "Yes", "No"];

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$-]*(\[\])?(\.[A-Za-z_$][A-Za-z0-9_$-]*(\[\])?)*$")]
    private static partial Regex FieldName();

    /// <summary>The columns of a table header line, or null when the line is not one.</summary>
    public static IReadOnlyList<TableColumn>? ReadHeader(string line)
    {
        var text = new string(line.Where(c => !char.IsWhiteSpace(c) && c != '|').ToArray()).ToLowerInvariant();
        if (text.Length == 0)
        {
            return null;
        }

        var columns = new List<TableColumn>();
        var position = 0;
        while (position < text.Length)
        {
            var matched = false;
            foreach (var (label, column) in HeaderLabels)
            {
                if (string.CompareOrdinal(text, position, label, 0, label.Length) == 0 && position + label.Length <= text.Length)
                {
                    columns.Add(column);
                    position += label.Length;
                    matched = true;
                    break;
                }
            }

            if (!matched)
            {
                return null;
            }
        }

        var valid = columns.Count(c => c == TableColumn.Name) == 1
                    && columns.Count(c => c == TableColumn.Type) == 1
                    && columns.Count(c => c == TableColumn.Description) == 1
                    && columns.Count(c => c == TableColumn.Requirement) <= 1
                    && columns[0] == TableColumn.Name;
        return valid ? columns : null;
    }

    /// <summary>
    /// Splits a row into a field. Separated cells are taken as they are; run-together cells are split at a
    /// type word, preferring the split whose name the page's samples use, then the one whose description
    /// does not itself start with a type or requirement word.
    /// </summary>
    public static DocumentedField? Resolve(RawTableRow row, IReadOnlySet<string> sampleKeys, out string? problem)
    {
        problem = null;
        var text = row.Text.Trim();
        if (text.Contains('\t') || text.Contains('|'))
        {
            return FromCells(row, text.Trim('|').Split(['\t', '|']).Select(c => c.Trim()).ToArray(), out problem);
        }

        var descriptionLast = row.Columns[^1] == TableColumn.Description;
        if (!descriptionLast)
        {
            problem = "the table's description column is not its last, so its run-together cells cannot be split";
            return null;
        }

        DocumentedField? best = null;
        var bestScore = int.MinValue;
        for (var split = 1; split < text.Length; split++)
        {
            var name = text[..split];
            if (!FieldName().IsMatch(name))
            {
                continue;
            }

            var candidate = ReadAfterName(row, text, name, split);
            if (candidate is null)
            {
                continue;
            }

            var score = 0;
            var leaf = LeafName(name);
            if (sampleKeys.Contains(leaf))
            {
                score += 4;
            }

            // "NumberThe total": a type or requirement word glued to a capital is a cell boundary the split missed.
            if (GluedWordAt(candidate.Description))
            {
                score -= 3;
            }

            // "totalNumber" may be a name, but one that ends in a type word is less likely than not.
            if (EndsWithTypeWord(name))
            {
                score -= 1;
            }

            if (score > bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        if (best is null)
        {
            problem = "expected a field name followed by a type such as String or Integer";
        }

        return best;
    }

    private static bool GluedWordAt(string description)
    {
        var length = Math.Max(TypeWords.MatchAt(description, 0), RequirementAt(description, 0));
        return length > 0 && length < description.Length && char.IsUpper(description[length]);
    }

    private static bool EndsWithTypeWord(string name)
    {
        for (var i = 1; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && TypeWords.MatchAt(name, i) == name.Length - i)
            {
                return true;
            }
        }

        return false;
    }

    public static string LeafName(string dotted)
    {
        var leaf = dotted[(dotted.LastIndexOf('.') + 1)..];
        return leaf.EndsWith("[]", StringComparison.Ordinal) ? leaf[..^2] : leaf;
    }

    private static DocumentedField? ReadAfterName(RawTableRow row, string text, string name, int position)
    {
        string? typeWord = null;
        bool? required = null;
        foreach (var column in row.Columns.Skip(1))
        {
            switch (column)
            {
                case TableColumn.Type:
                    var typeLength = TypeWords.MatchAt(text, position);
                    // A type cell starts a new word: an upper-case letter, or any letter after a non-letter.
                    if (typeLength == 0 || !(char.IsUpper(text[position]) || !char.IsLetter(text[position - 1])))
                    {
                        return null;
                    }

                    typeWord = text.Substring(position, typeLength);
                    position += typeLength;
                    break;
                case TableColumn.Requirement:
                    var requirementLength = RequirementAt(text, position);
                    if (requirementLength == 0)
                    {
                        return null;
                    }

                    required = RequirementValue(text.Substring(position, requirementLength));
                    position += requirementLength;
                    break;
                case TableColumn.Description:
                    return new DocumentedField(name, typeWord!, required, text[position..].Trim(), [], row.Line);
            }
        }

        return null;
    }

    private static DocumentedField? FromCells(RawTableRow row, string[] cells, out string? problem)
    {
        problem = null;
        if (cells.Length != row.Columns.Count)
        {
            problem = $"expected {row.Columns.Count} cells, found {cells.Length}";
            return null;
        }

        string? name = null, typeWord = null, description = null;
        bool? required = null;
        for (var i = 0; i < cells.Length; i++)
        {
            switch (row.Columns[i])
            {
                case TableColumn.Name:
                    name = cells[i];
                    break;
                case TableColumn.Type:
                    typeWord = cells[i];
                    break;
                case TableColumn.Requirement:
                    required = RequirementValue(cells[i]);
                    break;
                case TableColumn.Description:
                    description = cells[i];
                    break;
            }
        }

        if (name is null || !FieldName().IsMatch(name) || string.IsNullOrEmpty(typeWord))
        {
            problem = "expected a field name and a type";
            return null;
        }

        return new DocumentedField(name, typeWord, required, description ?? "", [], row.Line);
    }

    private static int RequirementAt(string text, int position)
    {
        foreach (var word in RequirementWords)
        {
            if (string.CompareOrdinal(text, position, word, 0, word.Length) == 0 && position + word.Length <= text.Length)
            {
                return word.Length;
            }
        }

        return 0;
    }

    private static bool? RequirementValue(string word) => word.Trim().ToLowerInvariant() switch
    {
        "mandatory" or "required" or "yes" or "*" => true,
        "optional" or "no" => false,
        _ => null,
    };

    public static bool IsFieldName(string text) => FieldName().IsMatch(text);
}
