using System.Text.Json.Nodes;
using ContractKit.Contracts;

namespace ContractKit.Import.Pages;

/// <summary>What a page says, before any derivation: its sections, fields, samples and errors.</summary>
internal sealed class PageModel
{
    public string? Title { get; set; }
    /// <summary>On a page of several operations, this one's name from its heading (kebab case); null on a page of one.</summary>
    public string? OperationName { get; set; }
    public string? Summary { get; set; }
    public EndpointDeclaration? Endpoint { get; set; }
    public List<FieldSection> Sections { get; } = [];
    public List<RequestSample> RequestSamples { get; } = [];
    public List<JsonSample> ResponseSamples { get; } = [];
    public List<JsonSample> RequestBodySamples { get; } = [];
    public List<DocumentedError> Errors { get; } = [];
    public List<Finding> Findings { get; } = [];
    /// <summary>Paths the prose writes with a parameter (<c>/v1/orders/:id</c>), which can template a sample's URL.</summary>
    public List<(string Path, int Line)> ProsePaths { get; } = [];
    /// <summary>The http(s) URLs anywhere on the page, with the environment each is labelled with.</summary>
    public IReadOnlyList<Derivation.ServerMention> Servers { get; set; } = [];

    public bool IsEmpty => Endpoint is null && Sections.Count == 0 && RequestSamples.Count == 0
                           && ResponseSamples.Count == 0 && RequestBodySamples.Count == 0;
}

internal sealed record EndpointDeclaration(string Method, string Path, int Line);

internal enum SectionKind
{
    PathParameters,
    QueryParameters,
    HeaderParameters,
    RequestBody,
    ResponseBody,
}

/// <summary>A table or list of documented fields under one section heading.</summary>
internal sealed class FieldSection(SectionKind kind, int line)
{
    public SectionKind Kind { get; } = kind;
    public int Line { get; } = line;
    /// <summary>For a response section, the status it documents where the page says one.</summary>
    public string? Status { get; set; }
    public List<DocumentedField> Fields { get; } = [];
}

/// <param name="Name">As written: may be dotted (<c>tagDetails.tagId</c>).</param>
/// <param name="TypeWord">The type as the page writes it ("String", "boolean", "Array").</param>
/// <param name="Example">An example value where the page gives one in its own column.</param>
/// <param name="Required">True for "Mandatory"/"*", false for "Optional", null where the page does not say.</param>
internal sealed record DocumentedField(
    string Name,
    string TypeWord,
    bool? Required,
    string Description,
    IReadOnlyList<PossibleValue> PossibleValues,
    int Line,
    string? Example = null);

/// <summary>One entry of a "Possible values" list: <c>true (default) : active</c>.</summary>
internal sealed record PossibleValue(string Value, bool IsDefault, string? Meaning);

/// <summary>A JSON value found on the page, with the page line of every member it holds.</summary>
internal sealed class JsonSample(JsonNode? value, int startLine, int endLine, IReadOnlyDictionary<string, int> lines, string label)
{
    public JsonNode? Value { get; } = value;
    public int StartLine { get; } = startLine;
    public int EndLine { get; } = endLine;
    /// <summary>Page line of each value by RFC 6901 pointer.</summary>
    public IReadOnlyDictionary<string, int> Lines { get; } = lines;
    /// <summary>The tab or heading the sample sits under ("Success", "Failure", "Response").</summary>
    public string Label { get; } = label;

    /// <summary>The status of the heading or tab the sample sits under ("201"), where the page states one.</summary>
    public string? Status { get; set; }

    public int LineOf(string pointer) => Lines.TryGetValue(pointer, out var line) ? line : StartLine;
}

/// <summary>A request sample: a curl command or a raw HTTP request.</summary>
internal sealed class RequestSample
{
    public required string Source { get; init; }
    public required int Line { get; init; }
    public required string Method { get; init; }
    public required string Url { get; init; }
    public List<SampleHeader> Headers { get; } = [];
    public BasicCredentials? BasicAuth { get; set; }
    public int? BasicAuthLine { get; set; }
    public JsonSample? Body { get; set; }
    public string? RawBody { get; set; }
}

internal sealed record SampleHeader(string Name, string Value, int Line);

internal sealed record DocumentedError(string Status, string? Message, string? Description, int Line);
