using System.Text.Json;

namespace ContractKit.Serialization;

/// <summary>
/// Names the field in a generated converter's JsonException: System.Text.Json only knows the path up to the
/// object a custom converter reads, so the converter adds the member it was reading (<c>$.active</c>).
/// </summary>
public static class JsonFieldErrors
{
    /// <summary>The failure <paramref name="inner"/>, raised while reading the member <paramref name="field"/>, with its path and a message that names it.</summary>
    public static JsonException InField(JsonException inner, string field)
    {
        var below = inner.Path is { } path && path.StartsWith('$') ? path[1..] : "";
        var at = "$" + Segment(field) + below;

        // The innermost failure is the one without a path: its message says what was wrong.
        var cause = inner;
        while (cause.Path is not null && cause.InnerException is JsonException deeper)
        {
            cause = deeper;
        }

        return new JsonException($"{at}: {cause.Message}", at, null, null, cause);
    }

    private static string Segment(string field) =>
        field.Length > 0 && field.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? "." + field : "['" + field.Replace("'", "\\'", StringComparison.Ordinal) + "']";
}
