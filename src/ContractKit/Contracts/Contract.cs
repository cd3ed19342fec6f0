using System.Text.Json.Nodes;

namespace ContractKit.Contracts;

/// <summary>
/// One endpoint's contract: HTTP metadata, JSON Schema (draft 2020-12) bodies, the documented examples,
/// provenance and the findings of the import. The file format is described in docs/contract-format.md.
/// </summary>
public sealed class Contract
{
    /// <summary>The version of the contract file format this code reads and writes.</summary>
    public const int CurrentFormatVersion = 1;

    public const string JsonSchemaDialect = "https://json-schema.org/draft/2020-12/schema";

    public int FormatVersion { get; set; } = CurrentFormatVersion;
    public required string Vendor { get; set; }
    public required string Operation { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public required HttpSpec Http { get; set; }
    public BodySpec? Request { get; set; }
    public List<ResponseSpec> Responses { get; } = [];
    public ExampleSet Examples { get; set; } = new();
    public required Provenance Provenance { get; set; }
    public List<Finding> Findings { get; } = [];
}

public sealed class HttpSpec
{
    public required string Method { get; set; }
    /// <summary>Path template with <c>{name}</c> placeholders, e.g. <c>/v1/contacts/{id}</c>.</summary>
    public required string Path { get; set; }
    public string? BaseUrl { get; set; }
    /// <summary>The vendor's sandbox (test) origin where the page names one; live tests are pointed at it by settings, never by default.</summary>
    public string? SandboxUrl { get; set; }
    public AuthSpec Auth { get; set; } = new();
    public List<ParameterSpec> Parameters { get; } = [];
}

public static class AuthSchemes
{
    public const string None = "none";
    public const string Basic = "basic";
    public const string Bearer = "bearer";
    /// <summary>Credentials sent in vendor-specific headers (e.g. Instantpay's <c>X-Ipay-*</c>).</summary>
    public const string Headers = "headers";
}

public sealed class AuthSpec
{
    public string Scheme { get; set; } = AuthSchemes.None;
    /// <summary>For <see cref="AuthSchemes.Headers"/>: the headers that carry the credentials, ordinal order.</summary>
    public List<string> Headers { get; } = [];
    public int? Line { get; set; }
}

public static class ParameterLocations
{
    public const string Path = "path";
    public const string Query = "query";
    public const string Header = "header";
}

public sealed class ParameterSpec
{
    public required string Name { get; set; }
    public required string In { get; set; }
    public bool Required { get; set; }
    /// <summary>The value is a credential: never printed, logged or written into snapshots.</summary>
    public bool Secret { get; set; }
    public string? Description { get; set; }
    public int? Line { get; set; }
    public required JsonObject Schema { get; set; }
}

public sealed class BodySpec
{
    public string ContentType { get; set; } = "application/json";
    public required JsonObject Schema { get; set; }
}

public sealed class ResponseSpec
{
    /// <summary>A status code ("200") or a class of codes ("4xx").</summary>
    public required string Status { get; set; }
    public string? Description { get; set; }
    /// <summary>The error message the page shows for a documented error.</summary>
    public string? Message { get; set; }
    public int? Line { get; set; }
    public string ContentType { get; set; } = "application/json";
    public required JsonObject Schema { get; set; }
}

public sealed class ExampleSet
{
    public RequestExample? Request { get; set; }
    public List<ResponseExample> Responses { get; } = [];
}

public sealed class RequestExample
{
    /// <summary>Where the example came from on the page: "curl" or "http".</summary>
    public required string Source { get; set; }
    public int Line { get; set; }
    public required string Method { get; set; }
    public required string Url { get; set; }
    /// <summary>Headers in the order the page gives them.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];
    public BasicCredentials? BasicAuth { get; set; }
    public JsonNode? Body { get; set; }
}

public sealed record BasicCredentials(string Username, string Password);

public sealed class ResponseExample
{
    public required string Status { get; set; }
    public int Line { get; set; }
    public JsonNode? Body { get; set; }
}

public sealed class Provenance
{
    /// <summary>The page the contract was derived from, relative to the directory the import ran in.</summary>
    public required string Page { get; set; }
    public required string Sha256 { get; set; }
}

public enum FindingSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>Something the importer noticed about a page: a disagreement, an assumption, a repair.</summary>
/// <param name="Code">Catalogued in docs/findings.md (CKI001...).</param>
/// <param name="Field">The field it concerns, as a dotted path (<c>tagDetails[].tagId</c>), where it concerns one.</param>
public sealed record Finding(string Code, FindingSeverity Severity, string Message, int? Line, string? Field = null);
