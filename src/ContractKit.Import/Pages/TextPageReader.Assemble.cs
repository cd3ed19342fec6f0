using System.Text.RegularExpressions;
using ContractKit.Contracts;

namespace ContractKit.Import.Pages;

/// <summary>After the scan: table rows resolved against every sample key, and what the page repeats read once.</summary>
internal static partial class TextPageReader
{
    /// <summary>
    /// Resolves table rows (now that every sample key is known) and drops what the page repeats:
    /// a section, sample or error identical to an earlier one is read once; one that differs is reported.
    /// </summary>
    private static void Assemble(PageModel model, ScanState state)
    {
        var repeatedFrom = int.MaxValue;
        var repeatedTo = 0;
        void Repeated(int from, int to)
        {
            repeatedFrom = Math.Min(repeatedFrom, from);
            repeatedTo = Math.Max(repeatedTo, to);
        }

        var sampleKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sample in state.JsonSamples.Concat(state.RequestSamples.Select(r => r.Body).OfType<JsonSample>()))
        {
            foreach (var pointer in sample.Lines.Keys)
            {
                sampleKeys.Add(Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]));
            }
        }

        if (state.Endpoints.Count > 0)
        {
            model.Endpoint = state.Endpoints[0];
            foreach (var other in state.Endpoints.Skip(1))
            {
                if (other.Method == model.Endpoint.Method && other.Path == model.Endpoint.Path)
                {
                    Repeated(other.Line, other.Line + 1);
                }
                else
                {
                    model.Findings.Add(new Finding(FindingCodes.ConflictingSections, FindingSeverity.Error,
                        $"the page declares a second endpoint {other.Method} {other.Path} (the first is {model.Endpoint.Method} {model.Endpoint.Path} at line {model.Endpoint.Line}); import one endpoint per page",
                        other.Line));
                }
            }
        }

        model.Title = state.TitleCandidate ?? state.FirstText;
        model.Summary = state.Summary;

        var seenSections = new Dictionary<(SectionKind, string?), (FieldSection Section, string Signature)>();
        foreach (var (section, rows) in state.Sections)
        {
            foreach (var row in rows)
            {
                if (FieldTables.Resolve(row, sampleKeys, out var problem) is { } field)
                {
                    section.Fields.Add(field with { PossibleValues = ParameterBlocks.PossibleValues([field.Description]) });
                }
                else
                {
                    model.Findings.Add(new Finding(FindingCodes.UnreadableRow, FindingSeverity.Error,
                        $"cannot read the table row \"{Shorten(row.Text)}\": {problem}", row.Line));
                }
            }

            var signature = string.Join("\u0001", section.Fields.Select(f =>
                $"{f.Name}\u0002{f.TypeWord}\u0002{f.Required}\u0002{f.Description}"));
            var key = (section.Kind, section.Status);
            if (seenSections.TryGetValue(key, out var earlier))
            {
                if (earlier.Signature == signature)
                {
                    Repeated(section.Line, section.Fields.Count > 0 ? section.Fields[^1].Line : section.Line);
                }
                else
                {
                    model.Findings.Add(new Finding(FindingCodes.ConflictingSections, FindingSeverity.Warning,
                        $"the page documents {Describe(section.Kind)} twice, differently (first at line {earlier.Section.Line}); the first is used",
                        section.Line));
                }

                continue;
            }

            seenSections[key] = (section, signature);
            model.Sections.Add(section);
        }

        var seenRequests = new List<RequestSample>();
        foreach (var sample in state.RequestSamples)
        {
            if (seenRequests.Any(s => s.Source == sample.Source && RequestSignature(s) == RequestSignature(sample)))
            {
                Repeated(sample.Line, sample.Body?.EndLine ?? sample.Line);
                continue;
            }

            seenRequests.Add(sample);
            model.RequestSamples.Add(sample);
        }

        var seenJson = new List<JsonSample>();
        foreach (var sample in state.JsonSamples)
        {
            if (seenJson.Any(s => s.Label == sample.Label && JsonText(s) == JsonText(sample)))
            {
                Repeated(sample.StartLine, sample.EndLine);
                continue;
            }

            seenJson.Add(sample);
            (sample.Label == "request" ? model.RequestBodySamples : model.ResponseSamples).Add(sample);
        }

        foreach (var error in state.Errors)
        {
            if (model.Errors.Any(e => e.Status == error.Status && e.Message == error.Message && e.Description == error.Description))
            {
                Repeated(error.Line, error.Line);
                continue;
            }

            model.Errors.Add(error);
        }

        if (repeatedTo > 0)
        {
            model.Findings.Add(new Finding(FindingCodes.RepeatedContent, FindingSeverity.Info,
                $"lines {repeatedFrom}-{repeatedTo} repeat content that appears earlier on the page; it was read once",
                repeatedFrom));
        }
    }

    private static string RequestSignature(RequestSample s) =>
        $"{s.Method} {s.Url}\n{string.Join("\n", s.Headers.Select(h => h.Name + ":" + h.Value))}\n{s.BasicAuth}\n{(s.Body?.Value?.ToJsonString() ?? s.RawBody)}";

    private static string JsonText(JsonSample sample) => sample.Value?.ToJsonString() ?? "null";

    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    public static string Describe(SectionKind kind) => kind switch
    {
        SectionKind.PathParameters => "path parameters",
        SectionKind.QueryParameters => "query parameters",
        SectionKind.HeaderParameters => "header parameters",
        SectionKind.RequestBody => "request parameters",
        _ => "response parameters",
    };
}
