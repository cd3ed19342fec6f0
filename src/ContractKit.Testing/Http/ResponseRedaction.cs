using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContractKit.Contracts;

namespace ContractKit.Http;

/// <summary>
/// A failing response's body as people may see it, in messages and reports: the contract's secret fields
/// replaced, and any credential of the live settings masked wherever it appears.
/// </summary>
public static class ResponseRedaction
{
    public const string Mask = "***";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body, indented where it is JSON, with secrets masked; the raw text (masked) otherwise.</summary>
    public static string Show(byte[] body, Contract contract, LiveSettings? live)
    {
        string text;
        try
        {
            var node = JsonNode.Parse(body);
            var secret = ContractFields.List(contract).Where(f => f.Part == "response" && f.Secret).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            text = (MaskSecretFields(node, "", secret) ?? node)?.ToJsonString(Indented) ?? "null";
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            // Not JSON, or JSON that repeats a member name (no one tree holds it): shown as it came.
            text = System.Text.Encoding.UTF8.GetString(body);
        }

        return MaskCredentials(text, live);
    }

    /// <summary>Every credential the live settings hold, masked wherever it appears in the text.</summary>
    public static string MaskCredentials(string text, LiveSettings? live)
    {
        if (live is null)
        {
            return text;
        }

        var credentials = new List<string>();
        if (live.Basic is { } basic)
        {
            credentials.Add(basic.Username);
            credentials.Add(basic.Password);
            credentials.Add(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(basic.Username + ":" + basic.Password)));
        }

        credentials.AddRange(live.Headers.Values);
        // Longest first, so that a credential containing another is masked whole.
        foreach (var credential in credentials.Where(c => c.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(c => c.Length))
        {
            text = text.Replace(credential, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    private static JsonNode? MaskSecretFields(JsonNode? node, string path, HashSet<string> secret)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var child = path.Length == 0 ? name : path + "." + name;
                    if (secret.Contains(child) && obj[name] is not null)
                    {
                        obj[name] = Mask;
                    }
                    else
                    {
                        MaskSecretFields(obj[name], child, secret);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (secret.Contains(path + "[]") && array[i] is not null)
                    {
                        array[i] = Mask;
                    }
                    else
                    {
                        MaskSecretFields(array[i], path + "[]", secret);
                    }
                }

                break;
        }

        return node;
    }
}
