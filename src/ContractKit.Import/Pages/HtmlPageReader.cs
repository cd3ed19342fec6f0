using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ContractKit.Import.Pages;

/// <summary>
/// Reads an HTML documentation page through AngleSharp's DOM into the same <see cref="PageModel"/> the Markdown and
/// text readers produce, by driving the Markdown reader's section logic with what the elements say: headings open
/// sections, <c>&lt;table&gt;</c>s and doc-site field blocks give fields, <c>&lt;pre&gt;</c> gives samples. Field
/// blocks are recognised by their shape (a name, then a type, badges, a description; nested blocks are members),
/// not by the class names of one docs platform. Page chrome (navigation, banners, scripts) is skipped.
/// </summary>
internal static partial class HtmlPageReader
{
    /// <summary>Deeper than any docs platform nests its content; browsers stop nesting at about the same depth.</summary>
    public const int MaxDepth = 512;

    private static readonly HashSet<string> ChromeTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "nav", "aside", "script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "head", "form",
        "input", "select", "textarea", "link", "meta",
    };

    private static readonly HashSet<string> ChromeRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "tablist", "menu", "menubar", "toolbar",
    };

    /// <summary>Elements whose text is a block of its own in a description (one line each).</summary>
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "tr", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "ul", "ol",
        "table", "details", "summary", "pre", "dl", "header", "footer", "main",
    };

    /// <summary>Elements that end the head of a field block: after them comes its description or its members.</summary>
    private static readonly HashSet<string> DescriptionTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "ul", "ol", "table", "details", "pre", "blockquote", "dl", "summary",
    };

    [GeneratedRegex(@"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HtmlStart();

    [GeneratedRegex(@"^[1-5](?:\d\d|xx|XX)\b")]
    private static partial Regex StatusLabel();

    [GeneratedRegex(@"^(?:required|optional|nullable|mandatory|deprecated|read-?only|write-?only|always present|expandable|conditional|required\*?)$", RegexOptions.IgnoreCase)]
    private static partial Regex BadgeWord();

    [GeneratedRegex(@"[ \t\r\f\u00A0]+")]
    private static partial Regex Spaces();

    /// <summary>Whether a page is HTML: by its extension, or, without a known one, by how it opens.</summary>
    public static bool IsHtml(string fileName, IReadOnlyList<PageLine> lines)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".html" or ".htm" or ".xhtml")
        {
            return true;
        }

        if (extension is ".md" or ".markdown" or ".mdown" or ".txt" or ".text")
        {
            return false;
        }

        var opening = string.Join('\n', lines.Take(20).Select(l => l.Text));
        return HtmlStart().IsMatch(opening);
    }

    public static List<PageModel> Read(PageText page)
    {
        var source = string.Join('\n', page.Lines.Select(l => l.Text));
        CheckNesting(source, page.FileName);
        var parser = new HtmlParser(new HtmlParserOptions { IsKeepingSourceReferences = true });
        var document = parser.ParseDocument(source);
        var body = document.Body ?? throw new PageFormatException(page.FileName, null, "read as HTML, the page has no <body>");
        CheckDepth(body, page.FileName);

        var walk = new Walk(source, new MarkdownPageReader.Reading(page));
        if (document.Title is { Length: > 0 } title && body.QuerySelector("h1") is null)
        {
            // A page without an <h1> is titled by its <title>.
            walk.Reading.Heading(1, Collapse(title), 1);
        }

        walk.Children(body);
        return walk.Reading.FinishAll();
    }

    /// <summary>Elements that never hold others, or that the next sibling closes: they add no depth.</summary>
    private static readonly HashSet<string> FlatTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param",
        "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
    };

    [GeneratedRegex(@"<!--.*?-->|<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<textarea\b[^>]*>.*?</textarea\s*>|<(?<close>/)?(?<tag>[A-Za-z][A-Za-z0-9-]*)[^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex Tags();

    /// <summary>
    /// Refuses a page nested deeper than <see cref="MaxDepth"/> before the parser sees it: an HTML parser's work grows
    /// with the square of the depth, so a hostile page of a hundred thousand open elements would take minutes.
    /// </summary>
    private static void CheckNesting(string source, string fileName)
    {
        var depth = 0;
        foreach (Match tag in Tags().Matches(source))
        {
            if (!tag.Groups["tag"].Success || FlatTags.Contains(tag.Groups["tag"].Value) || tag.ValueSpan.EndsWith("/>"))
            {
                continue;
            }

            depth = tag.Groups["close"].Success ? Math.Max(0, depth - 1) : depth + 1;
            if (depth > MaxDepth)
            {
                var line = 1 + source.AsSpan(0, tag.Index).Count('\n');
                throw new PageFormatException(fileName, line, $"the HTML nests elements more than {MaxDepth} deep (a <{tag.Groups["tag"].Value}> here); expected a documentation page, whose content nests a few dozen levels at most");
            }
        }
    }

    /// <summary>A page nested deeper than <see cref="MaxDepth"/> is refused whole rather than read in part.</summary>
    private static void CheckDepth(IElement root, string fileName)
    {
        var stack = new Stack<(IElement Element, int Depth)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (element, depth) = stack.Pop();
            if (depth > MaxDepth)
            {
                throw new PageFormatException(fileName, LineOf(element), $"the HTML nests elements more than {MaxDepth} deep (a <{element.LocalName}> here); expected a documentation page, whose content nests a few dozen levels at most");
            }

            foreach (var child in element.Children)
            {
                stack.Push((child, depth + 1));
            }
        }
    }

    private static int LineOf(IElement element) => element.SourceReference?.Position.Line ?? 1;

    private static string Collapse(string text) => Spaces().Replace(text, " ").Trim();

    private static bool IsChrome(IElement element)
    {
        if (ChromeTags.Contains(element.LocalName) || element.HasAttribute("hidden") && !IsPanel(element))
        {
            return true;
        }

        if (element.GetAttribute("role") is { } role && ChromeRoles.Contains(role))
        {
            return true;
        }

        if (element.LocalName is "header" or "footer" && IsPageBanner(element))
        {
            return true;
        }

        // Cookie and consent banners carry no role of their own on many sites; they name themselves.
        var names = (element.Id + " " + element.ClassName + " " + element.GetAttribute("aria-label")).ToLowerInvariant();
        return names.Contains("cookie", StringComparison.Ordinal) || names.Contains("consent", StringComparison.Ordinal)
               || names.Contains("gdpr", StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether a header or footer is the page's own (its banner or its footer) rather than an article's. As in HTML's
    /// own rule, one inside article, aside, main, nav or section belongs to that section. Outside them it is the
    /// page's, wrapped in layout boxes or not, unless it holds the title of the content: a docs platform that
    /// builds its article from plain boxes puts the title and the endpoint in a header of that box.
    /// </summary>
    private static bool IsPageBanner(IElement element)
    {
        if (element.ParentElement?.LocalName == "body")
        {
            return true;
        }

        for (var ancestor = element.ParentElement; ancestor is not null; ancestor = ancestor.ParentElement)
        {
            if (ancestor.LocalName is "article" or "aside" or "main" or "nav" or "section"
                || ancestor.GetAttribute("role") is "main" or "article" or "region" or "document")
            {
                return false;
            }
        }

        return element.QuerySelector("h1") is null;
    }

    /// <summary>The text of a small element with its pieces apart: "<c>&lt;b&gt;200&lt;/b&gt;&lt;p&gt;OK&lt;/p&gt;</c>" is "200 OK".</summary>
    private static string SpacedText(IElement element) =>
        Collapse(string.Join(' ', element.Descendants().OfType<IText>().Select(t => t.Data)));

    /// <summary>
    /// The text of a small box that may show an endpoint: the pieces run together (a URL split over spans stays
    /// whole), and a method written apart in lower case ("post" "/v1/customers") is spaced and upper-cased.
    /// </summary>
    private static string EndpointText(IElement element)
    {
        var text = Collapse(element.TextContent);
        return MethodFirst().Replace(text, m => m.Groups["method"].Value.ToUpperInvariant() + " ");
    }

    [GeneratedRegex(@"^(?<method>get|post|put|patch|delete|head|options)\s*(?=/|https?://)", RegexOptions.IgnoreCase)]
    private static partial Regex MethodFirst();

    /// <summary>A tab panel: marked so with ARIA, or shown by a tab (<see cref="ControllerOf"/>) as script-driven tabs are.</summary>
    private static bool IsPanel(IElement element) => element.GetAttribute("role") == "tabpanel" || ControllerOf(element) is not null;

    /// <summary>
    /// Attributes through which a tab, button or link names the panel it shows: ARIA's, the ones common tab scripts
    /// read, and an in-page link.
    /// </summary>
    private static readonly string[] ControlAttributes = ["aria-controls", "data-target", "data-bs-target", "data-tab", "data-tab-target", "data-panel", "data-pane", "href"];

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocument, Dictionary<string, IElement>> ControllersByDocument = new();

    /// <summary>Each id in a document, with the first element that names it as the panel it shows; built once per document.</summary>
    private static Dictionary<string, IElement> ControllersIn(IDocument document) =>
        ControllersByDocument.GetValue(document, static d =>
        {
            var controllers = new Dictionary<string, IElement>(StringComparer.Ordinal);
            foreach (var element in d.All)
            {
                foreach (var attribute in ControlAttributes)
                {
                    if (element.GetAttribute(attribute) is not { Length: > 1 } value)
                    {
                        continue;
                    }

                    // A link names a panel only in-page ("#id"); the data attributes are written with or without '#'.
                    var id = value[0] == '#' ? value[1..] : attribute == "href" ? null : value;
                    if (id is { Length: > 0 })
                    {
                        controllers.TryAdd(id, element);
                    }
                }
            }

            return controllers;
        });

    /// <summary>
    /// The tab that shows a panel, if one names it. Headings are never panels: a table of contents links to them, and
    /// a heading speaks for itself.
    /// </summary>
    private static IElement? ControllerOf(IElement panel) =>
        panel.Id is { Length: > 0 } id && panel.LocalName is not ("h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "a")
        && panel.Owner is { } document && ControllersIn(document).TryGetValue(id, out var controller) && !panel.Contains(controller)
            ? controller
            : null;

    /// <summary>Whether an element is a tab that shows a panel elsewhere on the page: the panel carries its label, so the tab is not read.</summary>
    private static bool IsTabOfPanel(IElement element)
    {
        if (element.Owner is not { } document)
        {
            return false;
        }

        foreach (var attribute in ControlAttributes)
        {
            if (element.GetAttribute(attribute) is { Length: > 1 } value
                && (value[0] == '#' ? value[1..] : attribute == "href" ? null : value) is { Length: > 0 } id
                && document.GetElementById(id) is { } panel && ControllerOf(panel) == element)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text of a node as a reader sees it: code in backticks, list items as "• " lines, chrome left out.</summary>
    private static string TextOf(INode node, ISet<INode>? skip = null)
    {
        var text = new StringBuilder();
        AppendText(node, text, skip, insidePre: false);
        var lines = text.ToString().Split('\n').Select(Collapse).Where(l => l.Length > 0 && l != "•");
        return string.Join('\n', lines);
    }

    private static void AppendText(INode node, StringBuilder text, ISet<INode>? skip, bool insidePre)
    {
        if (skip is not null && skip.Contains(node))
        {
            return;
        }

        switch (node)
        {
            case IText textNode:
                text.Append(insidePre ? textNode.Data : textNode.Data.Replace('\n', ' '));
                return;
            case IElement element when IsChrome(element) || element.LocalName is "button" or "summary":
                return;
            case IElement { LocalName: "br" }:
                text.Append(' ');
                return;
            case IElement { LocalName: "code" or "kbd" } code when !insidePre:
                if (skip is not null && code.Descendants().OfType<IText>().All(skip.Contains))
                {
                    return;
                }

                text.Append('`').Append(Collapse(code.TextContent)).Append('`');
                return;
            case IElement element:
                var block = BlockTags.Contains(element.LocalName);
                if (block)
                {
                    text.Append('\n');
                }

                if (element.LocalName == "li")
                {
                    text.Append("• ");
                }
                else if (element.LocalName is "td" or "th")
                {
                    text.Append(' ');
                }

                foreach (var child in element.ChildNodes)
                {
                    AppendText(child, text, skip, insidePre || element.LocalName == "pre");
                }

                if (block)
                {
                    text.Append('\n');
                }

                return;
        }
    }

    /// <summary>A text node of a field block's head, with the element it sits in.</summary>
    private sealed record HeadToken(string Text, IText Node);

    /// <summary>What a field block's head says: the name, the type and the badges beside them.</summary>
    private sealed record BlockHead(HeadToken Name, HeadToken Type, List<HeadToken> Badges);

    /// <summary>One walk over a document, feeding the shared section reader.</summary>
    private sealed class Walk(string source, MarkdownPageReader.Reading reading)
    {
        public MarkdownPageReader.Reading Reading { get; } = reading;

        /// <summary>
        /// The children of a container, in order. Consecutive field blocks form one section; a block of fields right
        /// after an object field (a table row holding a nested table) holds that field's members.
        /// </summary>
        public void Children(IElement container)
        {
            var run = new List<DocumentedField>();
            var runLine = 0;
            DocumentedField? lastObject = null;
            void Flush()
            {
                if (run.Count > 0)
                {
                    Reading.FieldBlocks(run, runLine);
                    run.Clear();
                }

                lastObject = null;
            }

            foreach (var child in container.Children)
            {
                if (IsChrome(child) && !IsPanel(child) || IsDefinitionOfField(child))
                {
                    continue;
                }

                if (child.LocalName is not ("table" or "pre" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
                    && BlockHeadOf(child) is { } head)
                {
                    if (run.Count == 0)
                    {
                        runLine = LineOf(child);
                    }

                    var before = run.Count;
                    ReadBlock(child, head, "", run);
                    var field = run[before];
                    lastObject = run.Count == before + 1 && IsContainerType(field.TypeWord) ? field : null;
                    continue;
                }

                if (lastObject is not null && TopBlocks(child, null).Count > 0)
                {
                    // A row or panel of members right after an object field: Redoc's nested rows, expandable tables.
                    var prefix = MemberPrefix(lastObject);
                    foreach (var (element, memberHead) in TopBlocks(child, null))
                    {
                        ReadBlock(element, memberHead, prefix, run);
                    }

                    lastObject = null;
                    continue;
                }

                Flush();
                Visit(child);
            }

            Flush();
        }

        private void Visit(IElement element)
        {
            if (IsTabOfPanel(element))
            {
                return;
            }

            var line = LineOf(element);
            switch (element.LocalName)
            {
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    Reading.Heading(element.LocalName[1] - '0', TextOf(element).Replace('\n', ' ').Trim('`').Trim(), line);
                    return;
                case "table":
                    OnTable(element);
                    return;
                case "pre":
                    OnPre(element);
                    return;
                case "p":
                    Reading.Paragraph(TextOf(element), line);
                    return;
                case "details":
                    if (element.QuerySelector("summary") is { } summary)
                    {
                        Label(SpacedText(summary), LineOf(summary));
                    }

                    Children(element);
                    return;
                case "summary":
                    return;
                case "button":
                    // A status button over its panel (Redoc's "200 OK"); other buttons are controls.
                    Label(SpacedText(element), line);
                    return;
            }

            if (IsPanel(element) && PanelLabel(element) is { } label)
            {
                Label(label, line);
            }

            if (FewDescendants(element) && EndpointText(element) is { Length: > 0 and <= 300 } whole && IsEndpointText(whole))
            {
                // "POST" and the URL in boxes of their own, side by side: the endpoint.
                Reading.Paragraph(whole, line);
                return;
            }

            if (element.Children.Length == 0 || element.Children.All(c => !BlockTags.Contains(c.LocalName) && c.LocalName != "pre"))
            {
                // Inline content only: a line of prose, an endpoint written in spans, or a status label of a panel.
                var text = TextOf(element).Replace('\n', ' ');
                if (text.Length == 0)
                {
                    return;
                }

                if (text.Length <= 60 && StatusLabel().IsMatch(text))
                {
                    Label(text, line);
                    return;
                }

                Reading.Paragraph(text.Replace("`", "", StringComparison.Ordinal).Trim() is var plain && IsEndpointText(plain) ? plain : text, line);
                return;
            }

            Children(element);
        }

        /// <summary>Whether an element is a small box of a few elements, cheap to read whole.</summary>
        private static bool FewDescendants(IElement element)
        {
            var count = 0;
            foreach (var _ in element.Descendants<IElement>())
            {
                if (++count > 8)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A short label over what follows (a summary, a tab, a status button): a status or a section word.</summary>
        private void Label(string text, int line)
        {
            var label = text.Replace('\n', ' ').Trim();
            if (label.Length is > 0 and <= 80 && MarkdownPageReader.Reading.IsSectionLabel(label))
            {
                Reading.Heading(4, label, line);
            }
        }

        /// <summary>The text of the tab that names a panel (<c>aria-labelledby</c>, or the tab that shows it: <see cref="ControllerOf"/>).</summary>
        private static string? PanelLabel(IElement panel)
        {
            var document = panel.Owner;
            if (document is null)
            {
                return null;
            }

            if (panel.GetAttribute("aria-labelledby") is { Length: > 0 } labelledBy && document.GetElementById(labelledBy) is { } tab)
            {
                return SpacedText(tab);
            }

            if (ControllerOf(panel) is { } controller)
            {
                return SpacedText(controller);
            }

            return panel.GetAttribute("aria-label");
        }

        private static bool IsEndpointText(string text) => MarkdownPageReader.IsEndpointLine(text);

        private void OnTable(IElement table)
        {
            var rows = table.QuerySelectorAll("tr").Where(r => r.Closest("table") == table).ToList();
            if (rows.Count == 0)
            {
                return;
            }

            var headerCells = rows[0].Children.Where(c => c.LocalName is "th" or "td").ToList();
            var headed = rows[0].ParentElement?.LocalName == "thead" || headerCells.All(c => c.LocalName == "th");
            var header = headerCells.Select(c => Unwrap(TextOf(c).Replace('\n', ' '))).ToList();
            if (headed && MarkdownPageReader.Reading.IsKnownTableHeader(header))
            {
                var body = rows.Skip(1).Select(r => (r.Children.Where(c => c.LocalName is "th" or "td")
                    .Select(c => Unwrap(TextOf(c).Replace('\n', ' '))).ToList(), LineOf(r))).ToList();
                Reading.Table(header, body, LineOf(table));
                return;
            }

            // No header the reader knows: a layout table, or rows that are field blocks (name cell, then type and description).
            Children(table.QuerySelector("tbody") is { } tbody && tbody.Closest("table") == table ? tbody : table);
        }

        /// <summary>A cell that is only a code span (a name) loses its backticks, as in Markdown.</summary>
        private static string Unwrap(string text) =>
            text.Length > 1 && text[0] == '`' && text[^1] == '`' && text.Count(c => c == '`') == 2 ? text[1..^1] : text;

        private void OnPre(IElement pre)
        {
            var text = pre.TextContent;
            var line = LineOf(pre);
            // The content starts on the line after the opening tag(s) when a newline follows them.
            var start = pre.SourceReference?.Position.Position ?? -1;
            if (start >= 0 && start < source.Length)
            {
                var end = source.IndexOf('>', start);
                if (end > 0 && source.AsSpan(end + 1).StartsWith("<code", StringComparison.OrdinalIgnoreCase))
                {
                    end = source.IndexOf('>', end + 1);
                }

                if (end > 0)
                {
                    line += source.AsSpan(start, end - start).Count('\n');
                    if (end + 1 < source.Length && source[end + 1] == '\n')
                    {
                        line++;
                        if (text.StartsWith('\n'))
                        {
                            text = text[1..];
                        }
                    }
                }
            }

            var lines = text.Split('\n').Select((t, i) => new PageLine(line + i, t.TrimEnd('\r'))).ToList();
            var language = LanguageOf(pre) ?? (pre.QuerySelector("code") is { } code ? LanguageOf(code) : null) ?? "";
            var title = pre.GetAttribute("data-title") ?? pre.GetAttribute("title") ?? pre.GetAttribute("aria-label") ?? "";
            Reading.Code(lines, language, title);
        }

        private static string? LanguageOf(IElement element)
        {
            if ((element.GetAttribute("data-language") ?? element.GetAttribute("data-lang")) is { Length: > 0 } data)
            {
                return data;
            }

            return element.ClassList.Select(c => c.StartsWith("language-", StringComparison.Ordinal) ? c[9..]
                    : c.StartsWith("lang-", StringComparison.Ordinal) ? c[5..] : null)
                .FirstOrDefault(c => c is not null);
        }

        /// <summary>
        /// Reads a field block: its name, type and badges from the head, its description from the rest, and its
        /// nested blocks as members (<c>parent.child</c>, or <c>parent[].child</c> for an array of objects).
        /// </summary>
        private void ReadBlock(IElement block, BlockHead head, string prefix, List<DocumentedField> fields)
        {
            var name = head.Name.Text.Trim('`', '*', ' ');
            var starred = head.Name.Text.TrimEnd().EndsWith('*') || head.Badges.Any(b => b.Text.Trim() == "*");
            var badges = string.Join(' ', head.Badges.Select(b => b.Text));
            var type = head.Type.Text.Trim('`', ' ');
            if (badges.Contains("nullable", StringComparison.OrdinalIgnoreCase) && !type.Contains("null", StringComparison.OrdinalIgnoreCase))
            {
                type = "nullable " + type;
            }

            var nested = TopBlocks(block, head.Name.Node);
            var definitions = DefinitionsOf(block);
            foreach (var definition in definitions)
            {
                nested.AddRange(TopBlocks(definition, null));
            }

            // A nested field's description is its own, also where it sits beside it in a <dd>.
            var skip = new HashSet<INode>(nested.SelectMany(n => DefinitionsOf(n.Element).Prepend(n.Element))) { head.Name.Node, head.Type.Node };
            foreach (var badge in head.Badges)
            {
                skip.Add(badge.Node);
            }

            var description = string.Join("\n", new[] { TextOf(block, skip) }.Concat(definitions.Select(d => TextOf(d, skip))).Where(t => t.Length > 0));
            var required = MarkdownPageReader.Reading.RequirementIn(badges) ?? (starred ? true : (bool?)null)
                           ?? MarkdownPageReader.Reading.RequirementIn(type) ?? MarkdownPageReader.Reading.RequirementIn(description);
            var line = head.Name.Node.ParentElement is { } holder ? LineOf(holder) : LineOf(block);
            var field = MarkdownPageReader.Reading.Field(prefix + name, type, required, description, line, null);
            fields.Add(field);
            var memberPrefix = MemberPrefix(field);
            foreach (var (element, childHead) in nested)
            {
                ReadBlock(element, childHead, memberPrefix, fields);
            }
        }

        /// <summary>
        /// The <c>&lt;dd&gt;</c>s after a <c>&lt;dt&gt;</c> field head, up to the next term: in a definition list the
        /// description (and any nested list of members) sits beside the head, not inside it.
        /// </summary>
        private static List<IElement> DefinitionsOf(IElement block)
        {
            var definitions = new List<IElement>();
            if (block.LocalName != "dt")
            {
                return definitions;
            }

            for (var next = block.NextElementSibling; next is not null && next.LocalName == "dd"; next = next.NextElementSibling)
            {
                definitions.Add(next);
            }

            return definitions;
        }

        /// <summary>Whether a <c>&lt;dd&gt;</c> belongs to a field head in the <c>&lt;dt&gt;</c> before it (and was read with it).</summary>
        private static bool IsDefinitionOfField(IElement element)
        {
            if (element.LocalName != "dd")
            {
                return false;
            }

            var previous = element.PreviousElementSibling;
            while (previous is not null && previous.LocalName == "dd")
            {
                previous = previous.PreviousElementSibling;
            }

            return previous is not null && previous.LocalName == "dt" && BlockHeadOf(previous) is not null;
        }

        private static string MemberPrefix(DocumentedField field) =>
            field.Name + (TypeWords.JsonType(field.TypeWord) == "array" || TypeWords.ToSchema(field.TypeWord)?["type"]?.ToString() == "array" ? "[]." : ".");

        private static bool IsContainerType(string typeWord) =>
            TypeWords.ToSchema(typeWord)?["type"]?.ToString() is "object" or "array";

        /// <summary>The outermost field blocks inside an element, other than the one whose name is <paramref name="ownName"/>.</summary>
        private static List<(IElement Element, BlockHead Head)> TopBlocks(IElement root, IText? ownName)
        {
            var found = new List<(IElement, BlockHead)>();
            var stack = new Stack<IElement>(root.Children.Reverse());
            while (stack.Count > 0)
            {
                var element = stack.Pop();
                if (IsChrome(element) && !IsPanel(element) || IsDefinitionOfField(element))
                {
                    continue;
                }

                if (element.LocalName is not ("table" or "pre") && BlockHeadOf(element) is { } head && head.Name.Node != ownName)
                {
                    found.Add((element, head));
                    continue;
                }

                foreach (var child in element.Children.Reverse())
                {
                    stack.Push(child);
                }
            }

            return found;
        }

        /// <summary>
        /// The head of an element that is one field block: it has a head, and neither it nor any element between it
        /// and its head's name is a list of blocks (a wrapper around a list is not the list's first field).
        /// </summary>
        private static BlockHead? BlockHeadOf(IElement element)
        {
            if (HeadOf(element) is not { } head)
            {
                return null;
            }

            for (var holder = head.Name.Node.ParentElement; holder is not null; holder = holder.ParentElement)
            {
                if (IsList(holder))
                {
                    return null;
                }

                if (holder == element)
                {
                    return head;
                }
            }

            return head;
        }

        /// <summary>
        /// An element holding two or more field blocks of the same shape (tag and class) side by side is a list of
        /// them, not one; a field's own head beside the box of its members differ in shape.
        /// </summary>
        private static bool IsList(IElement element) =>
            element.Children.Where(c => HeadOf(c) is not null).GroupBy(c => (c.LocalName, c.GetAttribute("class") ?? "")).Any(g => g.Count() >= 2);

        /// <summary>
        /// The head of a field block, if the element is one: its first text is a field name (in code, bold, a label
        /// or a heading), then a type word, with only short badges (required, optional, nullable) between or after
        /// them, before any paragraph, list or table of description.
        /// </summary>
        private static BlockHead? HeadOf(IElement element)
        {
            var tokens = HeadTokens(element);
            if (tokens.Count < 2)
            {
                return null;
            }

            var nameText = tokens[0].Text.Trim('`', '*', ' ');
            if (!FieldTables.IsFieldName(nameText) || nameText.Length > 80)
            {
                return null;
            }

            var badges = new List<HeadToken>();
            for (var i = 1; i < tokens.Count; i++)
            {
                var text = tokens[i].Text.Trim();
                if (BadgeWord().IsMatch(text) || text == "*")
                {
                    badges.Add(tokens[i]);
                    continue;
                }

                var typeWord = Regex.Replace(text, @"[,;·•]?\s*\b(?:required|optional|mandatory|nullable)\b", "", RegexOptions.IgnoreCase).Trim().Trim(',', ';', '·', '•').Trim();
                if (typeWord.Length is 0 or > 40 || TypeWords.ToSchema(typeWord) is null)
                {
                    return null;
                }

                // Badges written after the type ("string · required") belong to the head as well.
                for (var j = i + 1; j < tokens.Count && BadgeWord().IsMatch(tokens[j].Text.Trim()); j++)
                {
                    badges.Add(tokens[j]);
                }

                if (!text.Equals(typeWord, StringComparison.Ordinal))
                {
                    badges.Add(tokens[i] with { Text = text });
                }

                return new BlockHead(tokens[0], tokens[i] with { Text = typeWord }, badges);
            }

            return null;
        }

        /// <summary>The first few text nodes of an element, up to its first block of description.</summary>
        private static List<HeadToken> HeadTokens(IElement element)
        {
            var tokens = new List<HeadToken>();
            var headings = 0;
            var stack = new Stack<INode>(element.ChildNodes.Reverse());
            while (stack.Count > 0 && tokens.Count < 5)
            {
                var node = stack.Pop();
                if (node is IText text)
                {
                    foreach (var part in text.Data.Split(['·', '•', '|'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        tokens.Add(new HeadToken(Collapse(part), text));
                    }

                    continue;
                }

                if (node is not IElement child || IsChrome(child) || child.LocalName == "button")
                {
                    continue;
                }

                if (DescriptionTags.Contains(child.LocalName))
                {
                    break;
                }

                if (child.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" && (tokens.Count > 0 || ++headings > 1))
                {
                    // A heading names the field only as its first text; a later one starts another part of the page.
                    return [];
                }

                foreach (var grandchild in child.ChildNodes.Reverse())
                {
                    stack.Push(grandchild);
                }
            }

            // "string | null" was split at its bar: join a lone "null" back to the type before it.
            for (var i = tokens.Count - 1; i > 1; i--)
            {
                if (tokens[i].Text.Equals("null", StringComparison.OrdinalIgnoreCase) && tokens[i].Node == tokens[i - 1].Node)
                {
                    tokens[i - 1] = tokens[i - 1] with { Text = tokens[i - 1].Text + " | null" };
                    tokens.RemoveAt(i);
                }
            }

            return tokens;
        }
    }
}
