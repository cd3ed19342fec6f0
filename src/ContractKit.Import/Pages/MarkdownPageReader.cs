using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ContractKit.Contracts;
using Markdig;
using Markdig.Extensions.DefinitionLists;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ContractKit.Import.Pages;

/// <summary>
/// Reads a Markdown documentation page through Markdig's syntax tree into the same <see cref="PageModel"/> the
/// text reader produces: headings open sections, pipe tables and definition lists give fields, fenced code gives
/// samples. Every field, sample and error keeps the page line it came from.
/// </summary>
internal static partial class MarkdownPageReader
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseDefinitionLists()
        .UsePreciseSourceLocation()
        .Build();

    private enum Context
    {
        None,
        Path,
        Query,
        Header,
        Request,
        Response,
        Errors,
    }

    // Heading words, checked in this order: "Request headers" is about headers, "Response body" about the response.
    private static readonly (string Word, Context Context)[] HeadingWords =
    [
        ("path", Context.Path),
        ("url param", Context.Path),
        ("query", Context.Query),
        ("header", Context.Header),
        ("error", Context.Errors),
        ("response", Context.Response),
        ("returns", Context.Response),
        ("request", Context.Request),
        ("body", Context.Request),
        ("parameters", Context.Request),
        ("arguments", Context.Request),
    ];

    [GeneratedRegex(@"^(?<method>GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(?<path>(?:https?://|/)\S*)$")]
    private static partial Regex EndpointLine();

    [GeneratedRegex(@"^(?<status>[1-5](?:\d\d|xx|XX))\b\s*[-:–]?\s*(?<text>.*)$")]
    private static partial Regex StatusHeading();

    [GeneratedRegex(@"(?:^|[\s`(])(?<path>/[A-Za-z0-9_./-]*(?:/:[A-Za-z_]\w*|/\{[A-Za-z_]\w*\})[A-Za-z0-9_./:{}-]*)")]
    private static partial Regex ProsePath();

    /// <summary>Whether a line is an endpoint: a method and a path or URL (<c>POST /v1/orders</c>).</summary>
    public static bool IsEndpointLine(string text) => EndpointLine().IsMatch(text.Trim());

    /// <summary>Paths written with a parameter in a line of prose: "through <c>GET /v1/payments/:id</c>".</summary>
    public static IEnumerable<string> PathsInProse(string text) =>
        ProsePath().Matches(text).Select(m => m.Groups["path"].Value.TrimEnd('.', ',', ')', '`'));

    [GeneratedRegex(@"^`(?<name>[A-Za-z_$][\w.$\[\]-]*)`\s*\((?<type>[^)]+)\)\s*[:—–-]?\s*(?<desc>.*)$", RegexOptions.Singleline)]
    private static partial Regex FieldItem();

    [GeneratedRegex(@"^`?(?<name>[A-Za-z_$][\w.$\[\]-]*)`?(?:\s+(?:object|array|fields|attributes|properties|parameters|child attributes|members))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ChildHeading();

    [GeneratedRegex(@"^[*_`]*(?<type>[A-Za-z][A-Za-z0-9<>\[\]()| -]*?)[*_`]*\s*(?:\.|—|–|:|\s-\s)\s*")]
    private static partial Regex LeadingType();

    [GeneratedRegex(@"\b(?<status>2\d\d)\b")]
    private static partial Regex ResponseStatus();

    [GeneratedRegex(@"^• `(?<value>[^`]+)`(?<meaning>.*)$")]
    private static partial Regex BulletValue();

    [GeneratedRegex(@"\[\s*optional\s*\]|\(\s*optional\s*\)|^\s*optional\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaysOptional();

    [GeneratedRegex(@"\[\s*required\s*\]|\(\s*required\s*\)|^\s*(?:required|mandatory)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SaysRequired();

    private enum Column
    {
        Other,
        Name,
        Type,
        Required,
        Description,
        Notes,
        Example,
        Status,
    }

    private static readonly (string Label, Column Column)[] ColumnLabels =
    [
        ("field", Column.Name), ("name", Column.Name), ("header", Column.Name), ("header name", Column.Name), ("parameter", Column.Name), ("param", Column.Name),
        ("attribute", Column.Name), ("property", Column.Name), ("key", Column.Name), ("argument", Column.Name),
        ("type", Column.Type), ("data type", Column.Type), ("datatype", Column.Type), ("format", Column.Type),
        ("required", Column.Required), ("mandatory", Column.Required), ("requirement", Column.Required),
        ("required/optional", Column.Required), ("m/o", Column.Required), ("req", Column.Required), ("req.", Column.Required), ("mandatory/optional", Column.Required), ("optional", Column.Required),
        ("description", Column.Description), ("details", Column.Description), ("meaning", Column.Description),
        ("message", Column.Description),
        ("notes", Column.Notes), ("note", Column.Notes), ("remarks", Column.Notes), ("constraints", Column.Notes),
        ("example", Column.Example), ("sample", Column.Example), ("example value", Column.Example),
        ("status", Column.Status), ("status code", Column.Status), ("http status", Column.Status), ("code", Column.Status),
        ("http code", Column.Status),
    ];

    /// <summary>Whether a page is Markdown: by its extension, or, for a file without a known one, by its content.</summary>
    public static bool IsMarkdown(string fileName, IReadOnlyList<PageLine> lines)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".md" or ".markdown" or ".mdown")
        {
            return true;
        }

        if (extension is ".txt" or ".text")
        {
            return false;
        }

        // No telling extension: a fenced block and an ATX heading, or a pipe table's delimiter row, say Markdown.
        var fenced = lines.Any(l => l.Trimmed.StartsWith("```", StringComparison.Ordinal));
        var heading = lines.Any(l => l.Trimmed.StartsWith("# ", StringComparison.Ordinal) || l.Trimmed.StartsWith("## ", StringComparison.Ordinal));
        var delimiterRow = lines.Any(l => l.Trimmed.StartsWith('|') && l.Trimmed.Contains("---", StringComparison.Ordinal)
                                          && l.Trimmed.All(c => c is '|' or '-' or ':' or ' '));
        return delimiterRow || (fenced && heading);
    }

    public static List<PageModel> Read(PageText page)
    {
        var source = string.Join('\n', page.Lines.Select(l => l.Text));
        var document = Markdown.Parse(source, Pipeline);
        var reader = new Reading(page);
        foreach (var block in document)
        {
            reader.Visit(block);
        }

        return reader.FinishAll();
    }

    /// <summary>The state of one walk over a document's top-level blocks.</summary>
    internal sealed class Reading(PageText page)
    {
        private PageModel model = new();
        private readonly List<PageModel> operations = [];
        // The last heading that named no section ("Create an order") and the sections read before it: when an
        // endpoint follows, that heading names the operation.
        private string? pendingHeading;
        private int pendingSections;
        private string? operationHeading;
        private int firstOperationSections;
        private Context context;
        private string? status;
        private int statusLevel;
        private string? sampleLabel;
        private bool summaryOpen;
        private readonly List<EndpointDeclaration> endpoints = [];
        private readonly List<(string Path, int Line)> prosePaths = [];
        private string fieldPrefix = "";

        private int LineOf(Block block) => page.Lines[Math.Min(block.Line, page.Lines.Count - 1)].Number;

        private int LineOf(int markdigLine) => page.Lines[Math.Min(markdigLine, page.Lines.Count - 1)].Number;

        public void Visit(Block block)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    OnHeading(heading);
                    break;
                case Table table:
                    OnTable(table);
                    break;
                case DefinitionList list:
                    OnDefinitionList(list);
                    break;
                case FencedCodeBlock fenced:
                    OnCode(fenced, fenced.Info ?? "", fenced.Arguments ?? "");
                    break;
                case CodeBlock indented:
                    OnCode(indented, "", "");
                    break;
                case ParagraphBlock paragraph:
                    OnParagraph(paragraph);
                    break;
                case ListBlock list when context is not (Context.None or Context.Errors) && OnFieldList(list):
                    break;
                case ContainerBlock container:
                    // Lists and quotes: their paragraphs may name the endpoint or a templated path.
                    foreach (var child in container)
                    {
                        if (child is ParagraphBlock or ContainerBlock)
                        {
                            Visit(child);
                        }
                    }

                    break;
            }
        }

        private void OnHeading(HeadingBlock heading) =>
            Heading(heading.Level, InlineText.Of(heading.Inline).Trim().Trim('`').Trim(), LineOf(heading));

        /// <summary>A heading of any format: the title, an endpoint, a status, a child object or a section.</summary>
        public void Heading(int level, string text, int headingLine)
        {
            if (level == 1 && model.Title is null)
            {
                model.Title = text;
                summaryOpen = true;
                return;
            }

            summaryOpen = false;
            if (EndpointLine().Match(text) is { Success: true } endpoint)
            {
                AddEndpoint(endpoint, headingLine);
                return;
            }

            if (StatusHeading().Match(text) is { Success: true } statusMatch)
            {
                status = statusMatch.Groups["status"].Value.ToLowerInvariant();
                statusLevel = level;
                var message = statusMatch.Groups["text"].Value.Trim();
                if (!status.StartsWith('2'))
                {
                    model.Errors.Add(new DocumentedError(status, message.Length > 0 ? message : null, null, headingLine));
                    sampleLabel = "failure";
                }
                else
                {
                    sampleLabel = "success";
                    context = Context.Response;
                }

                return;
            }

            fieldPrefix = "";
            if (ChildHeading().Match(text) is { Success: true } child && DocumentedParent(child.Groups["name"].Value) is { } parent)
            {
                // "#### `customer_details` object": the fields that follow are its members.
                fieldPrefix = parent.Name + (TypeWords.JsonType(parent.TypeWord) == "array" || TypeWords.ToSchema(parent.TypeWord)?["type"]?.ToString() == "array" ? "[]." : ".");
                return;
            }

            var lower = text.ToLowerInvariant();
            if (lower is "success" or "successful" or "ok" or "failure" or "failed")
            {
                // Tab labels over samples: they name the sample, the section stays.
                sampleLabel = lower.StartsWith("fail", StringComparison.Ordinal) ? "failure" : "success";
                return;
            }

            var found = HeadingWords.FirstOrDefault(w => lower.Contains(w.Word, StringComparison.Ordinal));
            if (found.Word is null)
            {
                // A heading the reader does not know ("Overview", "Authentication") ends the section before it.
                context = Context.None;
                pendingHeading = text;
                pendingSections = model.Sections.Count;
                sampleLabel = null;
                return;
            }

            if (lower.Contains("sample", StringComparison.Ordinal) || lower.Contains("example", StringComparison.Ordinal))
            {
                // "Sample request", "Example response": labels for the code that follows, not field sections.
                sampleLabel = found.Context is Context.Request ? "request" : found.Context is Context.Errors ? "failure" : "success";
                return;
            }

            var underStatus = context == Context.Response && found.Context == Context.Response && status is not null && level > statusLevel;
            context = found.Context;
            // "Parameters" of a GET are its query string; of a POST, its body.
            if (context == Context.Request && !lower.Contains("body", StringComparison.Ordinal) && !lower.Contains("request", StringComparison.Ordinal)
                && endpoints.FirstOrDefault()?.Method is "GET" or "DELETE" or "HEAD")
            {
                context = Context.Query;
            }

            if (underStatus)
            {
                // "Response schema" under a "201" heading or tab: the fields are that status's.
                return;
            }

            status = null;
            if (context == Context.Response && ResponseStatus().Match(text) is { Success: true } responseStatus)
            {
                // "Response (201 Created)": the heading states the success status.
                status = responseStatus.Groups["status"].Value;
            }

            sampleLabel = context switch
            {
                Context.Request => "request",
                Context.Response => "success",
                Context.Errors => "failure",
                _ => sampleLabel,
            };
        }

        /// <summary>The field a child heading names, documented earlier in the current section kind (by full or last name).</summary>
        private DocumentedField? DocumentedParent(string name)
        {
            var kind = SectionKind();
            var fields = model.Sections.Where(s => s.Kind == kind).SelectMany(s => s.Fields).Reverse();
            return fields.FirstOrDefault(f => f.Name == name || f.Name.EndsWith("." + name, StringComparison.Ordinal));
        }

        /// <summary>Names a field under a child heading: <c>customer_details.customer_id</c>.</summary>
        private string Nested(string name) =>
            fieldPrefix.Length == 0 || name.StartsWith(fieldPrefix, StringComparison.Ordinal) ? name : fieldPrefix + name;

        /// <summary>
        /// "- `amount` (integer, required): Amount in paise." A list is a field list when its items start with a
        /// name in code or bold followed by the type in brackets; items of a nested list are the members.
        /// </summary>
        private bool OnFieldList(ListBlock list)
        {
            var fields = new List<DocumentedField>();
            if (!ReadFieldItems(list, Nested(""), fields))
            {
                return false;
            }

            summaryOpen = false;
            var section = new FieldSection(SectionKind(), LineOf(list)) { Status = status };
            section.Fields.AddRange(fields);
            AddSection(section);
            return true;
        }

        /// <summary>Whether a short label (a tab, a summary) names something a heading would: a status or a section.</summary>
        public static bool IsSectionLabel(string text)
        {
            var lower = text.ToLowerInvariant();
            return StatusHeading().IsMatch(text) || lower is "success" or "successful" or "ok" or "failure" or "failed"
                   || HeadingWords.Any(w => lower.Contains(w.Word, StringComparison.Ordinal));
        }

        /// <summary>Whether the reader is inside a section of fields (a heading named it), or before any.</summary>
        public bool InFieldSection => context is not (Context.None or Context.Errors);

        /// <summary>
        /// Fields read from blocks of another format (doc-site field blocks), names already dotted for their nesting:
        /// one section of the current kind, as a field list would give.
        /// </summary>
        public void FieldBlocks(IEnumerable<DocumentedField> fields, int sectionLine)
        {
            summaryOpen = false;
            var section = new FieldSection(SectionKind(), sectionLine) { Status = status };
            section.Fields.AddRange(fields.Select(f => f with { Name = Nested(f.Name) }));
            if (section.Fields.Count > 0)
            {
                AddSection(section);
            }
        }

        private bool ReadFieldItems(ListBlock list, string prefix, List<DocumentedField> fields)
        {
            foreach (var item in list.OfType<ListItemBlock>())
            {
                if (item.FirstOrDefault() is not ParagraphBlock paragraph)
                {
                    return false;
                }

                var text = InlineText.Of(paragraph.Inline).Trim();
                if (FieldItem().Match(text) is not { Success: true } match)
                {
                    return false;
                }

                var name = match.Groups["name"].Value;
                var bracket = match.Groups["type"].Value;
                var description = string.Join('\n', new[] { match.Groups["desc"].Value }
                    .Concat(item.Skip(1).Where(b => b is not ListBlock || !IsFieldList(b)).SelectMany(BlockLines))).Trim();
                var required = Requirement(bracket.Split(',', ';').Select(w => w.Trim()).FirstOrDefault(w => Requirement(w) is not null) ?? "")
                               ?? RequirementIn(description);
                fields.Add(Field(prefix + name, bracket, required, description, LineOf(paragraph), null));
                foreach (var nested in item.OfType<ListBlock>().Where(IsFieldList))
                {
                    var array = TypeWords.ToSchema(Regex.Replace(bracket, @"[,;]?\s*\b(?:required|optional|mandatory)\b", "", RegexOptions.IgnoreCase).Trim())?["type"]?.ToString() == "array";
                    ReadFieldItems(nested, prefix + name + (array ? "[]." : "."), fields);
                }
            }

            return fields.Count > 0;
        }

        private static bool IsFieldList(Block block) =>
            block is ListBlock nested && nested.OfType<ListItemBlock>().All(i =>
                i.FirstOrDefault() is ParagraphBlock p && FieldItem().IsMatch(InlineText.Of(p.Inline).Trim()));

        private void AddEndpoint(Match match, int line)
        {
            var declared = new EndpointDeclaration(match.Groups["method"].Value, match.Groups["path"].Value, line);
            if (endpoints.Count == 0)
            {
                operationHeading = pendingHeading ?? model.Title;
                firstOperationSections = pendingHeading is null ? 0 : pendingSections;
            }
            else if (pendingHeading is not null && (declared.Method != endpoints[0].Method || declared.Path != endpoints[0].Path))
            {
                // Another endpoint under a heading of its own: the page documents several operations.
                StartOperation();
            }

            pendingHeading = null;
            endpoints.Add(declared);
        }

        private void OnParagraph(ParagraphBlock paragraph) => Paragraph(InlineText.Of(paragraph.Inline).Trim(), LineOf(paragraph));

        /// <summary>A paragraph of prose: it may declare the endpoint, write a templated path, or open the summary.</summary>
        public void Paragraph(string text, int paragraphLine)
        {
            foreach (var raw in text.Split('\n'))
            {
                // "`POST /v1/orders`": an endpoint is often written as code.
                var line = raw.Trim().Trim('`').Trim();
                if (EndpointLine().Match(line) is { Success: true } endpoint)
                {
                    AddEndpoint(endpoint, paragraphLine);
                    return;
                }
            }

            foreach (var path in PathsInProse(text))
            {
                prosePaths.Add((path, paragraphLine));
            }

            if (summaryOpen && model.Summary is null && text.Length > 0)
            {
                model.Summary = text.ReplaceLineEndings(" ");
            }

            summaryOpen = false;
        }

        private void OnTable(Table table)
        {
            var rows = table.OfType<TableRow>().ToList();
            if (rows.Count == 0 || !rows[0].IsHeader)
            {
                summaryOpen = false;
                return;
            }

            Table(rows[0].OfType<TableCell>().Select(InlineText.OfCell).ToList(),
                rows.Skip(1).Select(r => (r.OfType<TableCell>().Select(InlineText.OfCell).ToList(), LineOf(r.Line))).ToList(),
                LineOf(table));
        }

        /// <summary>Whether a table's header names a field table (a name and a type column) or an error table.</summary>
        public static bool IsKnownTableHeader(IReadOnlyList<string> header)
        {
            var columns = header.Select(ColumnOf).ToList();
            return (columns.Contains(Column.Name) && (columns.Contains(Column.Type) || columns.Contains(Column.Description)))
                   || columns.Contains(Column.Status);
        }

        /// <summary>A table of any format: its header cells, then each row's cells with the row's page line.</summary>
        public void Table(List<string> header, List<(List<string> Cells, int Line)> rows, int tableLine)
        {
            summaryOpen = false;
            var columns = header.Select(ColumnOf).ToList();
            if (context == Context.Errors || (columns.Contains(Column.Status) && !columns.Contains(Column.Name)))
            {
                ReadErrorTable(rows, columns);
                return;
            }

            // Outside a field section a table may be anything (rate limits, a changelog): it is read as fields
            // only when every row reads as one, and otherwise left alone. Under a field section it must read.
            var outsideSections = context == Context.None;
            if (outsideSections && (!columns.Contains(Column.Name) || !columns.Contains(Column.Type)))
            {
                return;
            }

            var findingsBefore = model.Findings.Count;
            var section = new FieldSection(SectionKind(), tableLine) { Status = status };
            if (!columns.Contains(Column.Name))
            {
                model.Findings.Add(new Finding(FindingCodes.UnreadableRow, FindingSeverity.Error,
                    $"the table at line {tableLine} has no name column: expected a header such as | Name | Type | Description |, found | {string.Join(" | ", header)} |",
                    tableLine));
                return;
            }

            foreach (var (cells, line) in rows)
            {
                string Cell(Column column) => columns.IndexOf(column) is var i and >= 0 && i < cells.Count ? cells[i].Trim() : "";
                var name = Cell(Column.Name);
                // "amount*" or "`amount`*": a star after the name marks it required.
                var starred = name.EndsWith('*') && name.TrimEnd('*').Length > 0 && !name.StartsWith("**", StringComparison.Ordinal);
                name = name.TrimEnd('*').Trim('`', '*');
                var type = Cell(Column.Type);
                var description = Cell(Column.Description);
                var notes = Cell(Column.Notes);
                if (type.Length == 0 && TypeFromName(ref name) is { } typeInName)
                {
                    type = typeInName;
                }

                if (type.Length == 0 && !columns.Contains(Column.Type) && LeadingType().Match(description) is { Success: true } leading
                    && TypeWords.ToSchema(leading.Groups["type"].Value) is not null)
                {
                    // "string. The id." or "*integer* — the amount": the type opens the description.
                    type = leading.Groups["type"].Value;
                    description = description[leading.Length..].Trim();
                }

                if (!FieldTables.IsFieldName(name) || type.Length == 0)
                {
                    model.Findings.Add(new Finding(FindingCodes.UnreadableRow, FindingSeverity.Error,
                        $"cannot read the table row at line {line}: expected a field name and a type, found name \"{name}\" and type \"{type}\"",
                        line));
                    continue;
                }

                var fullDescription = notes.Length > 0 && description.Length > 0 ? description + " " + notes : description + notes;
                var required = Requirement(Cell(Column.Required)) ?? (starred ? true : (bool?)null)
                               ?? RequirementIn(notes) ?? RequirementIn(description) ?? RequirementIn(type);
                var example = Cell(Column.Example);
                section.Fields.Add(Field(Nested(name), type, required, fullDescription, line, example.Length > 0 ? example : null));
            }

            if (outsideSections && (model.Findings.Count > findingsBefore || section.Fields.Any(f => TypeWords.ToSchema(f.TypeWord) is null)))
            {
                model.Findings.RemoveRange(findingsBefore, model.Findings.Count - findingsBefore);
                return;
            }

            AddSection(section);
        }

        /// <summary>
        /// A page that marks only the exceptions ("[optional]" on two rows, nothing on the rest) means the rest
        /// are the other kind; a section that marks both kinds leaves unmarked fields unsaid.
        /// </summary>
        private void AddSection(FieldSection section)
        {
            var marksOptional = section.Fields.Any(f => f.Required == false);
            var marksRequired = section.Fields.Any(f => f.Required == true);
            if (marksOptional != marksRequired)
            {
                for (var i = 0; i < section.Fields.Count; i++)
                {
                    if (section.Fields[i].Required is null)
                    {
                        section.Fields[i] = section.Fields[i] with { Required = !marksRequired ? true : false };
                    }
                }
            }

            model.Sections.Add(section);
        }

        /// <summary>"`name` (string)" in a table without a type column.</summary>
        private static string? TypeFromName(ref string name)
        {
            // "`id` string" or "**amount** `integer`": the name, then the type.
            var space = name.IndexOf(' ');
            if (space > 0 && TypeWords.ToSchema(name[(space + 1)..].Trim().Trim('`', '*', '_')) is not null)
            {
                var typeWord = name[(space + 1)..].Trim().Trim('`', '*', '_');
                name = name[..space].Trim('`', '*');
                return typeWord;
            }

            var open = name.IndexOf('(');
            if (open > 0 && name.EndsWith(')'))
            {
                var type = name[(open + 1)..^1].Trim();
                name = name[..open].Trim().Trim('`', '*');
                return type;
            }

            return null;
        }

        private void ReadErrorTable(List<(List<string> Cells, int Line)> rows, List<Column> columns)
        {
            var statusColumn = columns.IndexOf(Column.Status);
            var descriptionColumn = columns.IndexOf(Column.Description);
            if (statusColumn < 0)
            {
                return;
            }

            foreach (var (cells, rowLine) in rows)
            {
                var code = statusColumn < cells.Count ? cells[statusColumn].Trim() : "";
                if (StatusHeading().Match(code) is not { Success: true } match)
                {
                    continue;
                }

                var description = descriptionColumn >= 0 && descriptionColumn < cells.Count ? cells[descriptionColumn].Trim() : null;
                model.Errors.Add(new DocumentedError(match.Groups["status"].Value.ToLowerInvariant(),
                    match.Groups["text"].Value.Trim() is { Length: > 0 } message ? message : null,
                    string.IsNullOrEmpty(description) ? null : description, rowLine));
            }
        }

        /// <summary>
        /// <c>`name` _optional_</c> as the term, then <c>: type</c> and the description as its definition. The type is
        /// the definition's first line; the rest (and any further definitions) is the description.
        /// </summary>
        private void OnDefinitionList(DefinitionList list)
        {
            summaryOpen = false;
            var findingsBefore = model.Findings.Count;
            var section = new FieldSection(SectionKind(), LineOf(list)) { Status = status };
            // Markdig gives each ": definition" its own item; only the first of a field's items holds the term.
            var entries = new List<(string TermText, int Line, List<string> Definition)>();
            foreach (var item in list.OfType<DefinitionItem>())
            {
                if (item.OfType<DefinitionTerm>().FirstOrDefault() is { } term)
                {
                    entries.Add((InlineText.Of(term.Inline).Trim(), LineOf(term), []));
                }

                if (entries.Count > 0)
                {
                    entries[^1].Definition.AddRange(item.Where(b => b is not DefinitionTerm).SelectMany(BlockLines));
                }
            }

            foreach (var (termText, line, definition) in entries)
            {
                var nameEnd = termText.IndexOfAny([' ', '\t', '(']);
                var name = (nameEnd < 0 ? termText : termText[..nameEnd]).Trim('`', '*');
                var rest = nameEnd < 0 ? "" : termText[nameEnd..].Trim();
                var type = definition.Count > 0 ? definition[0].Trim() : "";
                if (!FieldTables.IsFieldName(name) || type.Length == 0)
                {
                    model.Findings.Add(new Finding(FindingCodes.UnreadableRow, FindingSeverity.Error,
                        $"cannot read the definition at line {line}: expected `name` on one line, then \": type\" and the description, found \"{termText}\"",
                        line));
                    continue;
                }

                var description = string.Join('\n', definition.Skip(1)).Trim();
                var required = RequirementIn(rest) ?? RequirementIn(type) ?? RequirementIn(description);
                if (rest.Contains("nullable", StringComparison.OrdinalIgnoreCase) && !type.Contains("null", StringComparison.OrdinalIgnoreCase))
                {
                    // "`currency` _nullable_" then ": string": the badge beside the name says null is allowed.
                    type = "nullable " + type;
                }

                section.Fields.Add(Field(Nested(name), type, required, description, line, null));
            }

            if (context == Context.None && (model.Findings.Count > findingsBefore || section.Fields.Any(f => TypeWords.ToSchema(f.TypeWord) is null)))
            {
                // A glossary outside the field sections, not a list of fields.
                model.Findings.RemoveRange(findingsBefore, model.Findings.Count - findingsBefore);
                return;
            }

            if (section.Fields.Count > 0)
            {
                AddSection(section);
            }
        }

        /// <summary>A block's text line by line; list items become "- item" lines so bulleted values read as a list.</summary>
        private static IEnumerable<string> BlockLines(Block block)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    foreach (var line in InlineText.Of(paragraph.Inline).Split('\n'))
                    {
                        yield return line;
                    }

                    break;
                case ListBlock listBlock:
                    foreach (var item in listBlock.OfType<ListItemBlock>())
                    {
                        yield return "• " + string.Join(' ', item.SelectMany(BlockLines));
                    }

                    break;
                case ContainerBlock container:
                    foreach (var line in container.SelectMany(BlockLines))
                    {
                        yield return line;
                    }

                    break;
            }
        }

        public static DocumentedField Field(string name, string type, bool? required, string description, int line, string? example)
        {
            // Type cells carry requirement words too ("string, required"); the type is what remains.
            var typeWord = Regex.Replace(type, @"[,;]?\s*\b(?:required|optional|mandatory)\b", "", RegexOptions.IgnoreCase).Trim().Trim(',', ';').Trim();
            var lines = description.Split('\n');
            var values = ParameterBlocks.PossibleValues(lines);
            if (values.Count == 0)
            {
                values = BulletedValues(lines);
            }

            return new DocumentedField(name, typeWord, required, description.ReplaceLineEndings(" ").Replace("• ", "", StringComparison.Ordinal).Trim(),
                values, line, example);
        }

        /// <summary>
        /// "The state of the payment:" followed by bullets that each start with a code span: the values it may take,
        /// the words after each value being its meaning.
        /// </summary>
        private static List<PossibleValue> BulletedValues(string[] lines)
        {
            var first = Array.FindIndex(lines, l => l.StartsWith("• ", StringComparison.Ordinal));
            if (first < 1 || !lines[first - 1].TrimEnd().EndsWith(':'))
            {
                return [];
            }

            var values = new List<PossibleValue>();
            foreach (var bullet in lines.Skip(first).TakeWhile(l => l.StartsWith("• ", StringComparison.Ordinal)))
            {
                if (BulletValue().Match(bullet) is not { Success: true } match)
                {
                    return [];
                }

                var meaning = match.Groups["meaning"].Value.Trim().TrimStart(':', '-', '–').Trim();
                var isDefault = meaning.StartsWith("(default)", StringComparison.OrdinalIgnoreCase);
                values.Add(new PossibleValue(match.Groups["value"].Value, isDefault, meaning.Length > 0 ? meaning : null));
            }

            return values;
        }

        public static bool? Requirement(string cell) => cell.Trim().Trim('*', '_').ToLowerInvariant() switch
        {
            "yes" or "y" or "true" or "required" or "mandatory" or "m" or "✓" or "✔" => true,
            "no" or "n" or "false" or "optional" or "o" or "-" => false,
            _ => null,
        };

        public static bool? RequirementIn(string text) =>
            SaysOptional().IsMatch(text) ? false : SaysRequired().IsMatch(text) ? true : null;

        private void OnCode(LeafBlock block, string info, string arguments)
        {
            var lines = new List<PageLine>();
            // A fence with no lines at all (opened on the page's last line) has no line array.
            foreach (var line in (block.Lines.Lines ?? []).Take(block.Lines.Count))
            {
                lines.Add(new PageLine(LineOf(line.Line), line.Slice.ToString()));
            }

            Code(lines, info, arguments);
        }

        /// <summary>A block of code of any format, line by line: a curl or HTTP sample, an endpoint, or a JSON sample.</summary>
        public void Code(List<PageLine> lines, string info, string arguments)
        {
            summaryOpen = false;
            var nonBlank = lines.SkipWhile(l => l.IsBlank).ToList();
            if (nonBlank.Count == 0)
            {
                return;
            }

            // "json: Success", "json title=Failure", "curl: Curl": the word after the language labels the sample.
            var language = info.Split(':')[0].Trim().ToLowerInvariant();
            var title = (info.Contains(':') ? info[(info.IndexOf(':') + 1)..] + " " + arguments : arguments).Trim().ToLowerInvariant();
            var first = nonBlank[0].Trimmed;
            if (RequestSamples.StartsCurl(first))
            {
                RequestSamples.ReadCurl(nonBlank, 0, page.FileName, model.Findings, out var curl);
                if (curl is not null)
                {
                    model.RequestSamples.Add(curl);
                }

                return;
            }

            if (RequestSamples.StartsHttp(first))
            {
                RequestSamples.ReadHttp(nonBlank, 0, page.FileName, model.Findings, out var http);
                model.RequestSamples.Add(http);
                return;
            }

            if (EndpointLine().Match(first) is { Success: true } endpoint && nonBlank.Count == 1)
            {
                AddEndpoint(endpoint, nonBlank[0].Number);
                return;
            }

            // A block marked json is a sample even when malformed (CKI006); code in another language (an SDK
            // snippet) counts only when it opens like JSON.
            if (!language.StartsWith("json", StringComparison.Ordinal) && !JsonSamples.StartsSample(first))
            {
                return;
            }

            var label = LabelFrom(title) ?? sampleLabel ?? (context == Context.Request ? "request" : "success");
            var sample = JsonSamples.Parse(nonBlank, label, out var error, out var errorLine);
            if (sample is null)
            {
                model.Findings.Add(new Finding(FindingCodes.MalformedSample, FindingSeverity.Warning,
                    $"the JSON sample at line {nonBlank[0].Number} is not valid JSON ({error}); it is not used to check the tables", errorLine));
                return;
            }

            if (label != "request")
            {
                sample.Status = status;
            }

            (label == "request" ? model.RequestBodySamples : model.ResponseSamples).Add(sample);
        }

        private static string? LabelFrom(string title)
        {
            if (title.Length == 0)
            {
                return null;
            }

            if (StatusHeading().Match(title) is { Success: true } match)
            {
                return match.Groups["status"].Value.StartsWith('2') ? "success" : "failure";
            }

            return title.Contains("request", StringComparison.Ordinal) ? "request"
                : title.Contains("fail", StringComparison.Ordinal) || title.Contains("error", StringComparison.Ordinal) ? "failure"
                : "success";
        }

        private SectionKind SectionKind() => context switch
        {
            Context.Path => Pages.SectionKind.PathParameters,
            Context.Query => Pages.SectionKind.QueryParameters,
            Context.Header => Pages.SectionKind.HeaderParameters,
            Context.Request => Pages.SectionKind.RequestBody,
            _ => Pages.SectionKind.ResponseBody,
        };

        private static Column ColumnOf(string header)
        {
            var text = header.Trim().Trim('*', '_').ToLowerInvariant();
            foreach (var (label, column) in ColumnLabels)
            {
                if (text == label)
                {
                    return column;
                }
            }

            // "Field name", "Data type (length)", "Mandatory?": the word that names the column is inside.
            return text switch
            {
                _ when text.Contains("description", StringComparison.Ordinal) => Column.Description,
                _ when text.Contains("type", StringComparison.Ordinal) => Column.Type,
                _ when text.Contains("required", StringComparison.Ordinal) || text.Contains("mandatory", StringComparison.Ordinal)
                       || text.Contains("optional", StringComparison.Ordinal) => Column.Required,
                _ when text.Contains("example", StringComparison.Ordinal) => Column.Example,
                _ when text.Contains("note", StringComparison.Ordinal) => Column.Notes,
                _ when text.Contains("name", StringComparison.Ordinal) || text.Contains("field", StringComparison.Ordinal)
                       || text.Contains("parameter", StringComparison.Ordinal) || text.Contains("attribute", StringComparison.Ordinal) => Column.Name,
                _ => Column.Other,
            };
        }

        /// <summary>Closes the operation read so far and opens the next, which takes the sections read under its heading.</summary>
        private void StartOperation()
        {
            var done = model;
            FinishModel(done);
            done.OperationName = OperationName(operationHeading);
            done.Title = operationHeading ?? done.Title;
            operations.Add(done);
            model = new PageModel { Title = pendingHeading };
            model.Sections.AddRange(done.Sections.Skip(pendingSections));
            done.Sections.RemoveRange(pendingSections, done.Sections.Count - pendingSections);
            operationHeading = pendingHeading;
            endpoints.Clear();
            prosePaths.Clear();
            context = Context.None;
            status = null;
            sampleLabel = null;
            fieldPrefix = "";
        }

        /// <summary>"Fetch an Order by ID" becomes fetch-an-order-by-id.</summary>
        public static string? OperationName(string? heading)
        {
            if (heading is null)
            {
                return null;
            }

            var kebab = Regex.Replace(heading.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
            return kebab.Length is > 0 and <= 80 ? kebab : null;
        }

        /// <summary>
        /// Every operation the page documents, in page order; one for a page of one endpoint. On a page of several,
        /// field tables read before the first operation's heading describe the entity the operations return: an
        /// operation that documents no response fields of its own returns it, or, when its sample is a collection
        /// (<c>entity</c>, <c>count</c>, <c>items</c>), a collection of it.
        /// </summary>
        public List<PageModel> FinishAll()
        {
            if (operations.Count == 0)
            {
                return [Finish()];
            }

            var last = model;
            FinishModel(last);
            last.OperationName = OperationName(operationHeading);
            last.Title = operationHeading ?? last.Title;
            var all = operations.Append(last).ToList();
            var first = all[0];
            var entity = first.Sections.Take(firstOperationSections).Where(s => s.Kind == Pages.SectionKind.ResponseBody).ToList();
            first.Sections.RemoveAll(entity.Contains);
            if (entity.Count > 0)
            {
                foreach (var operation in all.Where(o => !o.Sections.Any(s => s.Kind == Pages.SectionKind.ResponseBody)))
                {
                    operation.Sections.Add(IsCollection(operation) ? Collection(entity) : Entity(entity));
                }
            }

            return all;
        }

        private static bool IsCollection(PageModel operation) =>
            operation.ResponseSamples.FirstOrDefault(s => s.Label != "failure")?.Value is System.Text.Json.Nodes.JsonObject body
            && body["items"] is System.Text.Json.Nodes.JsonArray;

        private static FieldSection Entity(List<FieldSection> entity)
        {
            var section = new FieldSection(Pages.SectionKind.ResponseBody, entity[0].Line);
            section.Fields.AddRange(entity.SelectMany(s => s.Fields));
            return section;
        }

        private static FieldSection Collection(List<FieldSection> entity)
        {
            var line = entity[0].Line;
            var section = new FieldSection(Pages.SectionKind.ResponseBody, line);
            section.Fields.Add(new DocumentedField("entity", "string", true, "Always `collection`.", [], line));
            section.Fields.Add(new DocumentedField("count", "integer", true, "The number of items returned.", [], line));
            section.Fields.Add(new DocumentedField("items", "array of objects", true, "The items, each the entity documented at line " + line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".", [], line));
            section.Fields.AddRange(entity.SelectMany(s => s.Fields).Select(f => f with { Name = "items[]." + f.Name }));
            return section;
        }

        public PageModel Finish()
        {
            FinishModel(model);
            return model;
        }

        private void FinishModel(PageModel model)
        {
            if (endpoints.Count > 0)
            {
                model.Endpoint = endpoints[0];
                foreach (var other in endpoints.Skip(1).Where(e => e.Method != endpoints[0].Method || e.Path != endpoints[0].Path))
                {
                    model.Findings.Add(new Finding(FindingCodes.ConflictingSections, FindingSeverity.Error,
                        $"the page declares a second endpoint {other.Method} {other.Path} (the first is {endpoints[0].Method} {endpoints[0].Path} at line {endpoints[0].Line}); import one endpoint per page",
                        other.Line));
                }
            }

            model.ProsePaths.AddRange(prosePaths);
        }
    }

    /// <summary>Elements that format a page; any other "tag" in a page is text that looks like one.</summary>
    private static readonly HashSet<string> HtmlTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "abbr", "b", "br", "code", "del", "div", "em", "i", "img", "kbd", "li", "mark", "ol", "p", "pre", "s", "small",
        "span", "strong", "sub", "summary", "sup", "table", "td", "th", "tr", "u", "ul", "details", "hr",
    };

    [GeneratedRegex(@"^</?(?<name>[A-Za-z][A-Za-z0-9-]*)")]
    private static partial Regex TagName();

    /// <summary>The text a reader sees in inline Markdown: code spans keep their backticks, entities are decoded.</summary>
    private static class InlineText
    {
        public static string OfCell(TableCell cell)
        {
            var text = new StringBuilder();
            foreach (var paragraph in cell.OfType<ParagraphBlock>())
            {
                Append(paragraph.Inline, text);
            }

            return Unwrap(text.ToString().Trim());
        }

        public static string Of(ContainerInline? inline)
        {
            var text = new StringBuilder();
            Append(inline, text);
            return text.ToString();
        }

        /// <summary>A cell that is only a code span or only bold (a name) loses its markup.</summary>
        private static string Unwrap(string text)
        {
            if (text.Length > 1 && text[0] == '`' && text[^1] == '`' && text.Count(c => c == '`') == 2)
            {
                return text[1..^1];
            }

            return text;
        }

        private static void Append(Inline? inline, StringBuilder text)
        {
            switch (inline)
            {
                case null:
                    return;
                case LiteralInline literal:
                    // Markdig decodes the entities it knows; a pasted page may carry others as text (&nbsp;).
                    text.Append(WebUtility.HtmlDecode(literal.Content.ToString()));
                    break;
                case CodeInline code:
                    text.Append("`" + code.Content + "`");
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    text.Append('\n');
                    break;
                case HtmlInline html:
                    // <br> inside a cell separates sentences and real tags carry no words, but a type written
                    // raw ("enum<string>", "string<date-time>") parses as a tag and must keep its text.
                    var tagName = TagName().Match(html.Tag).Groups["name"].Value;
                    if (tagName.Equals("br", StringComparison.OrdinalIgnoreCase))
                    {
                        text.Append(' ');
                    }
                    else if (!HtmlTags.Contains(tagName))
                    {
                        text.Append(html.Tag);
                    }

                    break;
                case ContainerInline container:
                    foreach (var child in container)
                    {
                        Append(child, text);
                    }

                    break;
            }
        }
    }
}
