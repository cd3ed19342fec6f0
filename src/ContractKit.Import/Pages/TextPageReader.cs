using System.Text.RegularExpressions;
using ContractKit.Contracts;

namespace ContractKit.Import.Pages;

/// <summary>
/// Reads a documentation page captured as text (or Markdown) into a <see cref="PageModel"/>: the endpoint,
/// field sections (tables or one-attribute-per-line blocks), request and response samples, and errors.
/// It reads by what lines say, never by where they stand, and reads content the page repeats only once.
/// </summary>
internal static partial class TextPageReader
{
    private enum Heading
    {
        None,
        Path,
        Query,
        Header,
        Request,
        Response,
        Errors,
        RequestLabel,
        SuccessLabel,
        FailureLabel,
    }

    private static readonly Dictionary<string, Heading> Headings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["path parameters"] = Heading.Path,
        ["path parameter"] = Heading.Path,
        ["path params"] = Heading.Path,
        ["query parameters"] = Heading.Query,
        ["query parameter"] = Heading.Query,
        ["query params"] = Heading.Query,
        ["header parameters"] = Heading.Header,
        ["headers"] = Heading.Header,
        ["request headers"] = Heading.Header,
        ["request parameters"] = Heading.Request,
        ["request parameter"] = Heading.Request,
        ["request body"] = Heading.Request,
        ["request body parameters"] = Heading.Request,
        ["body parameters"] = Heading.Request,
        ["response parameters"] = Heading.Response,
        ["response parameter"] = Heading.Response,
        ["response body"] = Heading.Response,
        ["response fields"] = Heading.Response,
        ["response attributes"] = Heading.Response,
        ["errors"] = Heading.Errors,
        ["error codes"] = Heading.Errors,
        ["error responses"] = Heading.Errors,
        ["sample request"] = Heading.RequestLabel,
        ["request sample"] = Heading.RequestLabel,
        ["example request"] = Heading.RequestLabel,
        ["curl"] = Heading.RequestLabel,
        ["request"] = Heading.RequestLabel,
        ["sample response"] = Heading.SuccessLabel,
        ["response sample"] = Heading.SuccessLabel,
        ["example response"] = Heading.SuccessLabel,
        ["response"] = Heading.SuccessLabel,
        ["success"] = Heading.SuccessLabel,
        ["failure"] = Heading.FailureLabel,
        ["error"] = Heading.FailureLabel,
        ["error response"] = Heading.FailureLabel,
    };

    /// <summary>Interface text of documentation sites that says nothing about the API.</summary>
    private static readonly HashSet<string> Chrome = new(StringComparer.OrdinalIgnoreCase)
    {
        "click to copy", "copy", "copied", "is this page helpful?", "was this page helpful?", "language", "try it",
        "try it!", "click try it! to start a request and see the response here!", "yes", "no", "on this page",
        "solution", "api test keys", "api live keys", "table of contents",
    };

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$")]
    private static partial Regex MethodOnly();

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)$")]
    private static partial Regex MethodAndPath();

    [GeneratedRegex(@"^Error\s+Status\s*:\s*(?<status>[1-5](\d\d|xx|XX))\b", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorStatus();

    public static PageModel Read(PageText page)
    {
        var lines = NumberedCodeBlocks.Strip(page.Lines);
        var model = new PageModel();
        var state = new ScanState();
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            var text = StripMarkdown(line.Trimmed);
            if (line.IsBlank)
            {
                i++;
                continue;
            }

            if (RequestSamples.StartsCurl(text))
            {
                i = RequestSamples.ReadCurl(lines, i, page.FileName, model.Findings, out var curl);
                if (curl is not null)
                {
                    state.RequestSamples.Add(curl);
                }

                state.LastWasLabel = false;
                continue;
            }

            if (RequestSamples.StartsHttp(text))
            {
                i = RequestSamples.ReadHttp(lines, i, page.FileName, model.Findings, out var http);
                state.RequestSamples.Add(http);
                state.LastWasLabel = false;
                continue;
            }

            if (JsonSamples.StartsSample(text))
            {
                i = ReadJsonSample(lines, i, model, state);
                continue;
            }

            if (TryEndpoint(lines, i, out var endpoint, out var next))
            {
                state.Endpoints.Add(endpoint);
                state.SummaryOpen = state.Endpoints.Count == 1;
                state.TitleCandidate ??= PreviousText(lines, i);
                i = next;
                continue;
            }

            if (Headings.TryGetValue(text.TrimEnd(':'), out var heading))
            {
                i = ReadHeading(lines, i, heading, state);
                continue;
            }

            if (FieldTables.ReadHeader(text) is { } columns)
            {
                i = ReadTable(lines, i + 1, columns, state);
                continue;
            }

            if (!Chrome.Contains(text))
            {
                // A path in prose can template a sample URL's ids when the page declares no endpoint.
                model.ProsePaths.AddRange(MarkdownPageReader.PathsInProse(text).Select(p => (p, line.Number)));
                state.FirstText ??= text;
                if (state.SummaryOpen && state.Summary is null)
                {
                    state.Summary = text;
                }
            }

            state.LastWasLabel = false;
            i++;
        }

        Assemble(model, state);
        return model;
    }

    private sealed class ScanState
    {
        public Heading Section { get; set; }
        public string SampleLabel { get; set; } = "";
        public bool LastWasLabel { get; set; }
        public bool SummaryOpen { get; set; }
        public string? Summary { get; set; }
        public string? TitleCandidate { get; set; }
        public string? FirstText { get; set; }
        public List<EndpointDeclaration> Endpoints { get; } = [];
        public List<(FieldSection Section, List<RawTableRow> Rows)> Sections { get; } = [];
        public List<RequestSample> RequestSamples { get; } = [];
        public List<JsonSample> JsonSamples { get; } = [];
        public List<DocumentedError> Errors { get; } = [];
    }

    private static int ReadJsonSample(IReadOnlyList<PageLine> lines, int i, PageModel model, ScanState state)
    {
        var end = JsonSamples.EndOfBlock(lines, i);
        if (end < 0)
        {
            model.Findings.Add(new Finding(FindingCodes.MalformedSample, FindingSeverity.Warning,
                "a JSON sample opens a bracket that is never closed; the sample is ignored", lines[i].Number));
            return i + 1;
        }

        var label = state.SampleLabel.Length > 0 ? state.SampleLabel : state.Section == Heading.Request ? "request" : "success";
        var sample = JsonSamples.Parse(lines.Skip(i).Take(end - i).ToList(), label, out var error, out var errorLine);
        if (sample is null)
        {
            model.Findings.Add(new Finding(FindingCodes.MalformedSample, FindingSeverity.Warning,
                $"the JSON sample at line {lines[i].Number} is not valid JSON ({error}); it is not used to check the tables", errorLine));
        }
        else
        {
            state.JsonSamples.Add(sample);
        }

        state.LastWasLabel = false;
        state.SummaryOpen = false;
        return end;
    }

    private static int ReadHeading(IReadOnlyList<PageLine> lines, int i, Heading heading, ScanState state)
    {
        state.SummaryOpen = false;
        switch (heading)
        {
            case Heading.RequestLabel:
                state.SampleLabel = "request";
                state.LastWasLabel = false;
                return i + 1;
            case Heading.SuccessLabel or Heading.FailureLabel:
                // Tab labels stand side by side ("Success", "Failure"); the sample shown is the first tab's.
                if (!state.LastWasLabel)
                {
                    state.SampleLabel = heading == Heading.SuccessLabel ? "success" : "failure";
                }

                state.LastWasLabel = true;
                return i + 1;
            case Heading.Errors:
                state.Section = heading;
                state.LastWasLabel = false;
                return ReadErrors(lines, i + 1, state);
        }

        state.Section = heading;
        state.SampleLabel = heading == Heading.Request ? "request" : heading == Heading.Response ? "success" : state.SampleLabel;
        state.LastWasLabel = false;
        var start = i + 1;
        var end = SectionEnd(lines, start);
        var kind = heading switch
        {
            Heading.Path => SectionKind.PathParameters,
            Heading.Query => SectionKind.QueryParameters,
            Heading.Header => SectionKind.HeaderParameters,
            Heading.Request => SectionKind.RequestBody,
            _ => SectionKind.ResponseBody,
        };

        // A table header may follow the heading; otherwise the fields are written one attribute per line.
        var first = start;
        while (first < end && lines[first].IsBlank)
        {
            first++;
        }

        if (first < end && FieldTables.ReadHeader(StripMarkdown(lines[first].Trimmed)) is { } columns)
        {
            return ReadTable(lines, first + 1, columns, state, kind, lines[i].Number);
        }

        var section = new FieldSection(kind, lines[i].Number);
        section.Fields.AddRange(ParameterBlocks.Read(lines, start, end));
        state.Sections.Add((section, []));
        return end;
    }

    /// <summary>Rows run until a blank line, a heading, or something that is not a row (a sample).</summary>
    private static int ReadTable(IReadOnlyList<PageLine> lines, int start, IReadOnlyList<TableColumn> columns, ScanState state,
        SectionKind? kind = null, int? headingLine = null)
    {
        var sectionKind = kind ?? state.Section switch
        {
            Heading.Path => SectionKind.PathParameters,
            Heading.Query => SectionKind.QueryParameters,
            Heading.Header => SectionKind.HeaderParameters,
            Heading.Request => SectionKind.RequestBody,
            _ => SectionKind.ResponseBody,
        };
        var rows = new List<RawTableRow>();
        var i = start;
        for (; i < lines.Count; i++)
        {
            var text = lines[i].Trimmed;
            if (text.Length == 0 || IsMarkdownRule(text))
            {
                if (text.Length == 0 && rows.Count > 0)
                {
                    break;
                }

                continue;
            }

            if (IsStructural(lines, i))
            {
                break;
            }

            rows.Add(new RawTableRow(text, lines[i].Number, columns));
        }

        state.Sections.Add((new FieldSection(sectionKind, headingLine ?? lines[Math.Max(start - 1, 0)].Number), rows));
        return i;
    }

    /// <summary>
    /// Errors are written as a message line, an "Error Status: 4xx" line, then a paragraph describing the
    /// cause, which may be followed by a "Solution".
    /// </summary>
    private static int ReadErrors(IReadOnlyList<PageLine> lines, int start, ScanState state)
    {
        var end = SectionEnd(lines, start);
        var consumed = start - 1;
        for (var i = start; i < end; i++)
        {
            if (ErrorStatus().Match(lines[i].Trimmed) is not { Success: true } match)
            {
                continue;
            }

            var m = i - 1;
            while (m > consumed && lines[m].IsBlank)
            {
                m--;
            }

            var message = m > consumed && !Chrome.Contains(lines[m].Trimmed) ? lines[m].Trimmed : null;
            var d = i + 1;
            while (d < end && lines[d].IsBlank)
            {
                d++;
            }

            var description = new List<string>();
            for (; d < end && !lines[d].IsBlank && !Chrome.Contains(lines[d].Trimmed) && !ErrorStatus().IsMatch(lines[d].Trimmed); d++)
            {
                // The line just above the next status is that error's message, not this one's description.
                if (d + 1 < end && ErrorStatus().IsMatch(lines[d + 1].Trimmed))
                {
                    break;
                }

                description.Add(lines[d].Trimmed);
            }

            state.Errors.Add(new DocumentedError(match.Groups["status"].Value.ToLowerInvariant(), message,
                description.Count > 0 ? string.Join("\n", description) : null, lines[i].Number));
            consumed = d - 1;
            i = d - 1;
        }

        return end;
    }

    /// <summary>A section runs until the next heading, sample or endpoint declaration.</summary>
    private static int SectionEnd(IReadOnlyList<PageLine> lines, int start)
    {
        var i = start;
        while (i < lines.Count && !IsStructural(lines, i))
        {
            i++;
        }

        return i;
    }

    private static bool IsStructural(IReadOnlyList<PageLine> lines, int i)
    {
        var text = StripMarkdown(lines[i].Trimmed);
        return Headings.ContainsKey(text.TrimEnd(':'))
               || RequestSamples.StartsCurl(text)
               || RequestSamples.StartsHttp(text)
               || JsonSamples.StartsSample(text)
               || TryEndpoint(lines, i, out _, out _);
    }

    private static bool TryEndpoint(IReadOnlyList<PageLine> lines, int i, out EndpointDeclaration endpoint, out int next)
    {
        endpoint = null!;
        next = i + 1;
        var text = lines[i].Trimmed;
        if (MethodAndPath().Match(text) is { Success: true } both && IsPathOrUrl(both.Groups[2].Value))
        {
            endpoint = new EndpointDeclaration(both.Groups[1].Value, both.Groups[2].Value, lines[i].Number);
            return true;
        }

        if (!MethodOnly().IsMatch(text))
        {
            return false;
        }

        var k = i + 1;
        while (k < lines.Count && lines[k].IsBlank)
        {
            k++;
        }

        if (k < lines.Count && IsPathOrUrl(lines[k].Trimmed))
        {
            endpoint = new EndpointDeclaration(text, lines[k].Trimmed, lines[i].Number);
            next = k + 1;
            return true;
        }

        return false;
    }

    private static bool IsPathOrUrl(string text) =>
        !text.Contains(' ') && (text.StartsWith('/') || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                                                     || text.StartsWith("http://", StringComparison.OrdinalIgnoreCase));

    private static string? PreviousText(IReadOnlyList<PageLine> lines, int i)
    {
        for (var k = i - 1; k >= 0; k--)
        {
            var text = StripMarkdown(lines[k].Trimmed);
            if (text.Length > 0 && !Chrome.Contains(text))
            {
                return text;
            }
        }

        return null;
    }

    private static string StripMarkdown(string text) => text.TrimStart('#').Trim();

    private static bool IsMarkdownRule(string text) => text.Length > 0 && text.All(c => c is '|' or '-' or ':' or ' ' or '\t');
}
