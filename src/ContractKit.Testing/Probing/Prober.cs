using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ContractKit.Contracts;

namespace ContractKit.Probing;

/// <summary>A vendor's answer: its status and body text.</summary>
/// <param name="Headers">The response headers, names in lower case.</param>
public sealed record ProbeResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public bool Accepted => Status is >= 200 and < 300;
}

/// <summary>Sends probe requests somewhere: a stub, a sandbox, a test double.</summary>
public interface IProbeTransport
{
    Task<ProbeResponse> SendAsync(ProbeRequest request, CancellationToken cancellationToken);
}

/// <summary>Sends over HTTP to a base address, never faster than the rate limit allows.</summary>
public sealed class HttpProbeTransport(HttpClient client, Uri baseAddress, double requestsPerSecond) : IProbeTransport
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private TimeSpan next = TimeSpan.Zero;

    public async Task<ProbeResponse> SendAsync(ProbeRequest request, CancellationToken cancellationToken)
    {
        if (requestsPerSecond > 0)
        {
            var wait = next - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }

            next = clock.Elapsed + TimeSpan.FromSeconds(1 / requestsPerSecond);
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(baseAddress, request.RelativeUrl));
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.HasBody)
        {
            message.Content = new StringContent(request.BodyText, Encoding.UTF8);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value), StringComparer.Ordinal);
        return new ProbeResponse((int)response.StatusCode, body, headers);
    }
}

/// <summary>How many requests a probe run may send, shared by every contract of the run.</summary>
public sealed class ProbeBudget(int maxRequests)
{
    public int Max { get; } = maxRequests;

    public int Sent { get; private set; }

    public int Left => Max - Sent;

    public bool TrySpend()
    {
        if (Sent >= Max)
        {
            return false;
        }

        Sent++;
        return true;
    }
}

public enum FindingKind
{
    /// <summary>The vendor accepted a request its docs forbid: the rule is not enforced.</summary>
    AcceptedForbidden,

    /// <summary>The vendor rejected a request its docs allow: an undocumented rule, or a stricter one.</summary>
    RejectedAllowed,
}

/// <summary>One disagreement between the docs and the vendor, with the smallest request found that shows it.</summary>
/// <param name="Rule">For <see cref="FindingKind.AcceptedForbidden"/>: the rule not enforced; null for a rejection.</param>
/// <param name="Request">The shrunk request, credentials masked.</param>
/// <param name="Body">The JSON body of the shrunk request (credentials masked), for tools; null without a body.</param>
/// <param name="Differs">For a rejection: where the shrunk body differs from the smallest valid body (the suspects).</param>
/// <param name="Seen">How many requests showed it (a rejection is counted once per distinct vendor answer).</param>
/// <param name="ShrinkRequests">Requests spent shrinking it.</param>
public sealed record ProbeFinding(
    FindingKind Kind,
    ProbeRule? Rule,
    string Case,
    string Request,
    JsonNode? Body,
    int Status,
    string Response,
    IReadOnlyList<string> Differs,
    int Seen,
    int ShrinkRequests);

/// <summary>What probing one contract found.</summary>
public sealed class ContractProbeResult(Contract contract, string file)
{
    public Contract Contract { get; } = contract;
    public string File { get; } = file;
    public int Sent { get; set; }
    public int Accepted { get; set; }
    public int Rejected { get; set; }

    /// <summary>Cases made but not sent: the budget ran out, or the mode cannot judge them.</summary>
    public int NotSent { get; set; }
    public List<ProbeFinding> Findings { get; } = [];
    public List<string> Notes { get; } = [];
}

/// <param name="Seed">Every random request of the run derives from it: the same seed against the same vendor sends the same requests.</param>
/// <param name="KnownCredentials">The target knows the real credentials (live, a sandbox): wrong-credential cases are sent.</param>
/// <param name="InferredRules">Send cases of rules read only from documented examples (path parameter shapes).</param>
/// <param name="ShrinkRequestsPerFinding">At most this many extra requests to shrink one finding.</param>
/// <param name="ShrinkReserve">The share of the budget kept back for shrinking, 0 to 1.</param>
public sealed record ProbeOptions(int Seed, bool KnownCredentials, bool InferredRules, int ShrinkRequestsPerFinding = 40, double ShrinkReserve = 0.25);

/// <summary>
/// Probes one contract's endpoint: the complete valid request first, then one request per documented rule that
/// breaks it alone, then a boundary request (every value at its documented limit), then random valid requests
/// while the budget lasts. A rule case the vendor accepts, or a valid request it refuses, is a finding, shrunk to
/// the smallest request that still shows it (docs/negative-testing.md).
/// </summary>
public sealed class Prober(IProbeTransport transport, ProbeBudget budget, ProbeOptions options)
{
    public async Task<ContractProbeResult> ProbeAsync(RequestCases cases, string file, int contractsLeft, CancellationToken cancellationToken)
    {
        var result = new ContractProbeResult(cases.Contract, file);
        // A fair share of what is left, so that the first contract cannot spend every other's budget.
        var share = Math.Max(1, budget.Left / Math.Max(1, contractsLeft));
        var limit = budget.Sent + share;
        var shrinkReserve = (int)(share * options.ShrinkReserve);
        var rejections = new Dictionary<string, ProbeFinding>(StringComparer.Ordinal);

        async Task<ProbeResponse?> Send(ProbeRequest request, bool shrinking)
        {
            if (budget.Sent >= limit || (!shrinking && budget.Sent >= limit - shrinkReserve) || !budget.TrySpend())
            {
                return null;
            }

            result.Sent++;
            var response = await transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.Accepted)
            {
                result.Accepted++;
            }
            else
            {
                result.Rejected++;
            }

            return response;
        }

        List<ProbeCase> planned;
        ProbeCase complete;
        try
        {
            complete = cases.Valid(PolicyChoices.Complete(), GenerationLimits.Random, "complete valid request");
            planned = cases.Invalid(PolicyChoices.Complete())
                .Where(c => options.KnownCredentials || !c.Rule!.KnownCredentialsOnly)
                .Where(c => options.InferredRules || !c.Rule!.Inferred)
                .ToList();
        }
        catch (InvalidOperationException e)
        {
            result.Notes.Add("no request could be made from the contract: " + e.Message);
            return result;
        }

        var completeResponse = await Send(complete.Request, shrinking: false).ConfigureAwait(false);
        if (completeResponse is null)
        {
            result.NotSent += planned.Count + 1;
            result.Notes.Add("the budget was spent before this contract");
            return result;
        }

        if (!completeResponse.Accepted)
        {
            await Rejected(complete, completeResponse).ConfigureAwait(false);
            result.NotSent += planned.Count;
            result.Notes.Add($"the complete valid request was refused ({completeResponse.Status}), so the {planned.Count} rule cases, each a change of it, would show nothing and were not sent");
        }
        else
        {
            for (var i = 0; i < planned.Count; i++)
            {
                var response = await Send(planned[i].Request, shrinking: false).ConfigureAwait(false);
                if (response is null)
                {
                    result.NotSent += planned.Count - i;
                    result.Notes.Add($"the budget ran out after {i} of {planned.Count} rule cases; not probed: " + string.Join(", ", planned.Skip(i).Select(c => c.Rule!.Target + " " + c.Rule.Keyword)));
                    break;
                }

                if (response.Accepted)
                {
                    var (shrunk, last, spent) = await Shrink(planned[i], response, r => r.Accepted).ConfigureAwait(false);
                    result.Findings.Add(Finding(FindingKind.AcceptedForbidden, cases, shrunk, last, [], 1, spent));
                }
            }
        }

        // The boundary request, then random ones while the budget lasts.
        var boundary = cases.Valid(PolicyChoices.Extreme(), GenerationLimits.Boundary, "boundary valid request");
        for (var n = 0; ; n++)
        {
            var next = n == 0 ? boundary : RandomValid(cases, n);
            if (next is null)
            {
                break;
            }

            // The last phase: what was kept back for shrinking the rule cases' findings is spent here too.
            var response = await Send(next.Request, shrinking: true).ConfigureAwait(false);
            if (response is null)
            {
                break;
            }

            if (!response.Accepted)
            {
                await Rejected(next, response).ConfigureAwait(false);
            }
        }

        result.Findings.AddRange(rejections.Values);
        return result;

        async Task Rejected(ProbeCase @case, ProbeResponse response)
        {
            // The same answer is the same refusal: shrink it once, count the rest.
            var key = response.Status + "\n" + response.Body;
            if (rejections.TryGetValue(key, out var known))
            {
                rejections[key] = known with { Seen = known.Seen + 1 };
                return;
            }

            var (shrunk, last, spent) = await Shrink(@case, response, r => !r.Accepted && r.Status == response.Status && r.Body == response.Body).ConfigureAwait(false);
            rejections[key] = Finding(FindingKind.RejectedAllowed, cases, shrunk, last, Differs(cases, shrunk), 1, spent);
        }

        async Task<(ProbeCase Case, ProbeResponse Response, int Spent)> Shrink(ProbeCase found, ProbeResponse response, Func<ProbeResponse, bool> same)
        {
            var spent = 0;
            var best = found;
            var bestResponse = response;
            var tried = new HashSet<string>(StringComparer.Ordinal) { Describe(found.Request) };

            async Task<bool> Try(int[] candidate)
            {
                if (spent >= options.ShrinkRequestsPerFinding)
                {
                    return false;
                }

                var rebuilt = cases.Rebuild(found, candidate);
                if (rebuilt is null || !tried.Add(Describe(rebuilt.Request)) || Size(rebuilt.Request) > Size(best.Request))
                {
                    return false;
                }

                var answer = await Send(rebuilt.Request, shrinking: true).ConfigureAwait(false);
                if (answer is null)
                {
                    spent = options.ShrinkRequestsPerFinding;
                    return false;
                }

                spent++;
                if (!same(answer))
                {
                    return false;
                }

                (best, bestResponse) = (rebuilt, answer);
                return true;
            }

            // Optional members left out whole, largest first; then words shortened; then blocks of choices to 0
            // (halves, quarters, ...), then each remaining choice as small as it can go.
            for (var progress = true; progress && spent < options.ShrinkRequestsPerFinding;)
            {
                progress = false;
                foreach (var span in best.Spans.Where(s => s.Kind == SpanKind.OptionalMember).OrderByDescending(s => s.End - s.Start).ToList())
                {
                    if (await Try([.. best.Choices.Take(span.Start), 0, .. best.Choices.Skip(span.End)]).ConfigureAwait(false))
                    {
                        progress = true;
                        break;
                    }
                }
            }

            for (var index = 0; index < best.Spans.Count && spent < options.ShrinkRequestsPerFinding; index++)
            {
                var span = best.Spans[index];
                if (span.Kind != SpanKind.Text || span.Start >= best.Choices.Count || best.Choices[span.Start] == 0)
                {
                    continue;
                }

                // A word is [size, characters...]: a shorter one keeps its first characters.
                var (low, high) = (0, best.Choices[span.Start]);
                var least = span.End - span.Start - 1 - high;
                while (low < high && spent < options.ShrinkRequestsPerFinding)
                {
                    var middle = low + (high - low) / 2;
                    var current = best;
                    int[] candidate = [.. current.Choices.Take(span.Start), middle, .. current.Choices.Skip(span.Start + 1).Take(least + middle), .. current.Choices.Skip(span.End)];
                    if (await Try(candidate).ConfigureAwait(false))
                    {
                        high = middle;
                        span = best.Spans.Count > index ? best.Spans[index] : span;
                    }
                    else
                    {
                        low = middle + 1;
                    }
                }
            }

            for (var block = Math.Max(1, best.Choices.Count / 2); block >= 1 && spent < options.ShrinkRequestsPerFinding; block /= 2)
            {
                for (var start = 0; start < best.Choices.Count && spent < options.ShrinkRequestsPerFinding; start += block)
                {
                    var candidate = best.Choices.ToArray();
                    var changed = false;
                    for (var i = start; i < Math.Min(candidate.Length, start + block); i++)
                    {
                        changed |= candidate[i] != 0;
                        candidate[i] = 0;
                    }

                    if (changed)
                    {
                        await Try(candidate).ConfigureAwait(false);
                    }
                }

                if (block == 1)
                {
                    break;
                }
            }

            for (var i = 0; i < best.Choices.Count && spent < options.ShrinkRequestsPerFinding; i++)
            {
                var (low, high) = (0, best.Choices[i]);
                while (low < high && spent < options.ShrinkRequestsPerFinding)
                {
                    var middle = low + (high - low) / 2;
                    var candidate = best.Choices.ToArray();
                    if (i >= candidate.Length)
                    {
                        break;
                    }

                    candidate[i] = middle;
                    if (await Try(candidate).ConfigureAwait(false))
                    {
                        high = i < best.Choices.Count ? best.Choices[i] : 0;
                    }
                    else
                    {
                        low = middle + 1;
                    }
                }
            }

            return (best, bestResponse, spent);
        }

        string Describe(ProbeRequest request) => request.Describe(cases.Credentials);
    }

    private ProbeCase? RandomValid(RequestCases cases, int n)
    {
        try
        {
            return cases.Valid(new RandomChoices(new Random(HashCode.Combine(options.Seed, n))), GenerationLimits.Random, $"random valid request {n} of seed {options.Seed}");
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static int Size(ProbeRequest request) => request.RelativeUrl.Length + request.BodyText.Length + request.Headers.Sum(h => h.Key.Length + h.Value.Length);

    private static ProbeFinding Finding(FindingKind kind, RequestCases cases, ProbeCase found, ProbeResponse response, IReadOnlyList<string> differs, int seen, int spent)
    {
        var credentials = cases.Credentials;
        JsonNode? body = null;
        if (found.Request.HasBody)
        {
            var text = credentials.ScrubText(found.Request.BodyText);
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                body = JsonValue.Create(text);
            }
        }

        // The answer as people may see it: secret response fields and every credential masked.
        var answer = credentials.ScrubText(Http.ResponseRedaction.Show(Encoding.UTF8.GetBytes(response.Body), cases.Contract, null));
        return new(kind, found.Rule, found.Name, found.Request.Describe(credentials), body, response.Status, answer, differs, seen, spent);
    }

    /// <summary>Pointers where the shrunk body differs from the smallest valid body: what the refusal is likely about.</summary>
    private static IReadOnlyList<string> Differs(RequestCases cases, ProbeCase shrunk)
    {
        var smallest = cases.Rebuild(shrunk, []);
        var differs = new List<string>();
        Compare(smallest?.Request.Body, shrunk.Request.Body, "", differs);
        if (smallest is not null && smallest.Request.RelativeUrl != shrunk.Request.RelativeUrl)
        {
            differs.Insert(0, "url");
        }

        return differs;
    }

    private static void Compare(JsonNode? smallest, JsonNode? shrunk, string at, List<string> differs)
    {
        if (shrunk is JsonObject obj && smallest is JsonObject small)
        {
            foreach (var (name, value) in obj)
            {
                Compare(small[name], value, at + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal), differs);
            }
        }
        else if (shrunk is JsonArray array && smallest is JsonArray smallArray && array.Count == smallArray.Count)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Compare(smallArray[i], array[i], at + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), differs);
            }
        }
        else if (!JsonNode.DeepEquals(smallest, shrunk))
        {
            differs.Add(at.Length == 0 ? "(body)" : at);
        }
    }
}
