using System.Text;
using System.Text.RegularExpressions;
using ContractKit.Contracts;

namespace ContractKit.Import.Pages;

/// <summary>Reads request samples: curl commands and raw HTTP requests.</summary>
internal static partial class RequestSamples
{
    public static bool StartsCurl(string trimmed) =>
        trimmed.StartsWith("curl ", StringComparison.Ordinal) || trimmed == "curl";

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(/\S*)\s+HTTP/\d(\.\d)?$")]
    private static partial Regex HttpRequestLine();

    [GeneratedRegex(@"^([A-Za-z0-9!#$%&'*+.^_`|~-]+):(.*)$")]
    private static partial Regex HeaderLine();

    public static bool StartsHttp(string trimmed) => HttpRequestLine().IsMatch(trimmed);

    /// <summary>
    /// Reads a curl command starting at <paramref name="start"/>: continuation lines end with a backslash,
    /// and a quoted argument (the <c>-d</c> body) may span lines. Returns the index after the command.
    /// </summary>
    public static int ReadCurl(IReadOnlyList<PageLine> lines, int start, string fileName, List<Finding> findings, out RequestSample? sample)
    {
        var words = new List<(string Text, int Line, List<PageLine> Lines)>();
        var end = ShellWords.Read(lines, start, words, out var unterminatedQuoteLine);
        sample = null;
        if (unterminatedQuoteLine is not null)
        {
            findings.Add(new Finding(FindingCodes.MalformedSample, FindingSeverity.Warning,
                $"the curl sample opens a quote that is never closed; the sample is ignored", unterminatedQuoteLine));
            return end;
        }

        string? method = null;
        string? url = null;
        var headers = new List<SampleHeader>();
        BasicCredentials? basic = null;
        int? basicLine = null;
        (string Text, int Line, List<PageLine> Lines)? body = null;
        for (var w = 1; w < words.Count; w++)
        {
            var (word, line, _) = words[w];
            string? Value()
            {
                if (w + 1 >= words.Count)
                {
                    findings.Add(new Finding(FindingCodes.MalformedSample, FindingSeverity.Warning,
                        $"the curl option {word} has no value", line));
                    return null;
                }

                return words[++w].Text;
            }

            switch (word)
            {
                case "-X" or "--request":
                    method = Value();
                    break;
                case "-H" or "--header":
                    if (Value() is { } header)
                    {
                        AddHeader(headers, header, line, findings);
                    }

                    break;
                case "-u" or "--user":
                    if (Value() is { } user)
                    {
                        var colon = user.IndexOf(':', StringComparison.Ordinal);
                        basic = colon < 0 ? new BasicCredentials(user, "") : new BasicCredentials(user[..colon], user[(colon + 1)..]);
                        basicLine = line;
                    }

                    break;
                case "-d" or "--data" or "--data-raw" or "--data-binary" or "--data-ascii" or "--json":
                    if (w + 1 < words.Count)
                    {
                        body = words[++w];
                    }

                    if (word == "--json")
                    {
                        headers.Add(new SampleHeader("Content-Type", "application/json", line));
                    }

                    break;
                case "--url":
                    url = Value();
                    break;
                case "-L" or "--location" or "-s" or "--silent" or "-S" or "--show-error" or "-v" or "--verbose"
                    or "-i" or "--include" or "-k" or "--insecure" or "--compressed" or "-g" or "--globoff":
                    break;
                default:
                    if (word.StartsWith("-X", StringComparison.Ordinal) && word.Length > 2)
                    {
                        method = word[2..];
                    }
                    else if (word.StartsWith('-'))
                    {
                        findings.Add(new Finding(FindingCodes.IgnoredSampleOption, FindingSeverity.Info,
                            $"the curl option {word} is not used by the importer and was ignored", line));
                    }
                    else if (url is null)
                    {
                        url = word;
                    }

                    break;
            }
        }

        if (url is null)
        {
            findings.Add(new Finding(FindingCodes.MalformedSample, FindingSeverity.Warning,
                "the curl sample has no URL; the sample is ignored", lines[start].Number));
            return end;
        }

        sample = new RequestSample
        {
            Source = "curl",
            Line = lines[start].Number,
            Method = (method ?? (body is null ? "GET" : "POST")).ToUpperInvariant(),
            Url = url,
            BasicAuth = basic,
            BasicAuthLine = basicLine,
        };
        sample.Headers.AddRange(headers);
        if (body is { } b)
        {
            sample.RawBody = b.Text;
            AttachBody(sample, b.Lines, fileName, findings);
        }

        return end;
    }

    /// <summary>Reads a raw HTTP request: request line, headers up to a blank line, then an optional JSON body.</summary>
    public static int ReadHttp(IReadOnlyList<PageLine> lines, int start, string fileName, List<Finding> findings, out RequestSample sample)
    {
        var match = HttpRequestLine().Match(lines[start].Trimmed);
        var headers = new List<SampleHeader>();
        var i = start + 1;
        for (; i < lines.Count && !lines[i].IsBlank; i++)
        {
            var header = HeaderLine().Match(lines[i].Text);
            if (!header.Success)
            {
                break;
            }

            headers.Add(new SampleHeader(header.Groups[1].Value, header.Groups[2].Value.Trim(), lines[i].Number));
        }

        var host = headers.FirstOrDefault(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase))?.Value;
        sample = new RequestSample
        {
            Source = "http",
            Line = lines[start].Number,
            Method = match.Groups[1].Value,
            // A raw request does not say the scheme; APIs documented this way are served over TLS.
            Url = host is null ? match.Groups[2].Value : "https://" + host + match.Groups[2].Value,
        };
        sample.Headers.AddRange(headers.Where(h => !h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)));

        var bodyStart = i;
        while (bodyStart < lines.Count && lines[bodyStart].IsBlank)
        {
            bodyStart++;
        }

        if (bodyStart < lines.Count && JsonSamples.StartsSample(lines[bodyStart].Trimmed))
        {
            var end = JsonSamples.EndOfBlock(lines, bodyStart);
            var bodyLines = lines.Skip(bodyStart).Take((end < 0 ? lines.Count : end) - bodyStart).ToList();
            sample.RawBody = string.Join('\n', bodyLines.Select(l => l.Text));
            AttachBody(sample, bodyLines, fileName, findings);
            return end < 0 ? lines.Count : end;
        }

        return i;
    }

    private static void AttachBody(RequestSample sample, List<PageLine> bodyLines, string fileName, List<Finding> findings)
    {
        var parsed = JsonSamples.Parse(bodyLines, "request", out var error, out var errorLine);
        if (parsed is null)
        {
            findings.Add(new Finding(FindingCodes.MalformedSample, FindingSeverity.Warning,
                $"the request body of the {sample.Source} sample is not valid JSON ({error}); it is not used to check the tables", errorLine));
        }

        sample.Body = parsed;
    }

    private static void AddHeader(List<SampleHeader> headers, string header, int line, List<Finding> findings)
    {
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            findings.Add(new Finding(FindingCodes.MalformedSample, FindingSeverity.Warning,
                $"the curl header \"{header}\" has no name: value form and was ignored", line));
            return;
        }

        headers.Add(new SampleHeader(header[..colon].Trim(), header[(colon + 1)..].Trim(), line));
    }
}

/// <summary>Splits shell command lines into words the way a POSIX shell would, for the quoting curl samples use.</summary>
internal static class ShellWords
{
    /// <summary>
    /// Reads words from <paramref name="start"/> until the command ends (a line that does not end with a
    /// backslash, outside quotes). Each word keeps its first page line and, split into page lines, its text.
    /// </summary>
    public static int Read(IReadOnlyList<PageLine> lines, int start, List<(string Text, int Line, List<PageLine> Lines)> words, out int? unterminatedQuoteLine)
    {
        var current = new StringBuilder();
        var currentLines = new List<PageLine>();
        var lineText = new StringBuilder();
        var wordLine = 0;
        var inWord = false;
        char quote = '\0';
        var quoteLine = 0;
        unterminatedQuoteLine = null;

        void EndLineOfWord(int number)
        {
            currentLines.Add(new PageLine(number, lineText.ToString()));
            lineText.Clear();
        }

        void FinishWord(int number)
        {
            if (!inWord)
            {
                return;
            }

            EndLineOfWord(number);
            words.Add((current.ToString(), wordLine, currentLines));
            current.Clear();
            currentLines = [];
            inWord = false;
        }

        void Append(char c, int number)
        {
            if (!inWord)
            {
                inWord = true;
                wordLine = number;
            }

            current.Append(c);
            lineText.Append(c);
        }

        var i = start;
        for (; i < lines.Count; i++)
        {
            var text = lines[i].Text;
            var number = lines[i].Number;
            var continues = false;
            for (var k = 0; k < text.Length; k++)
            {
                var c = text[k];
                if (quote == '\'')
                {
                    if (c == '\'')
                    {
                        quote = '\0';
                    }
                    else
                    {
                        Append(c, number);
                    }
                }
                else if (quote == '"')
                {
                    if (c == '"')
                    {
                        quote = '\0';
                    }
                    else if (c == '\\' && k + 1 < text.Length && text[k + 1] is '"' or '\\' or '$' or '`')
                    {
                        Append(text[++k], number);
                    }
                    else
                    {
                        Append(c, number);
                    }
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                    quoteLine = number;
                    if (!inWord)
                    {
                        inWord = true;
                        wordLine = number;
                    }
                }
                else if (c == '\\' && k == text.TrimEnd().Length - 1)
                {
                    continues = true;
                }
                else if (c == '\\' && k + 1 < text.Length)
                {
                    Append(text[++k], number);
                }
                else if (char.IsWhiteSpace(c))
                {
                    FinishWord(number);
                }
                else
                {
                    Append(c, number);
                }
            }

            if (quote != '\0')
            {
                // A quoted argument that spans lines keeps its line breaks.
                EndLineOfWord(number);
                current.Append('\n');
                continue;
            }

            FinishWord(number);
            if (!continues)
            {
                return i + 1;
            }
        }

        if (quote != '\0')
        {
            unterminatedQuoteLine = quoteLine;
        }

        FinishWord(lines.Count > 0 ? lines[^1].Number : 0);
        return i;
    }
}
