using System.Text;
using System.Text.Json;

namespace ContractKit.Validation;

internal static class JsonPointers
{
    /// <summary>
    /// The pointer of the value whose text holds byte <paramref name="offset"/> (for a property name, its
    /// member). Used only to report an error, so it may allocate.
    /// </summary>
    public static string At(ReadOnlySpan<byte> json, int offset)
    {
        var segments = new List<string>();
        var arrayIndex = new List<int>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonValidation.MaxDepth });
        var best = "";
        try
        {
            while (reader.Read())
            {
                if (reader.TokenStartIndex > offset)
                {
                    break;
                }

                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        segments[^1] = Name(ref reader).Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                        best = Pointer(segments);
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        segments.RemoveAt(segments.Count - 1);
                        arrayIndex.RemoveAt(arrayIndex.Count - 1);
                        continue;
                }

                // -1 before an array's first item, -2 for an object.
                if (segments.Count > 0 && arrayIndex[^1] >= -1)
                {
                    arrayIndex[^1]++;
                    segments[^1] = arrayIndex[^1].ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                best = Pointer(segments);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    segments.Add("");
                    arrayIndex.Add(reader.TokenType == JsonTokenType.StartArray ? -1 : -2);
                }
            }
        }
        catch (JsonException)
        {
            // The location found so far is the best there is.
        }

        return best;
    }

    /// <summary>A property name as text; a name with an escaped lone surrogate is shown as it is written.</summary>
    private static string Name(ref Utf8JsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
            }
        }

        return Encoding.UTF8.GetString(reader.ValueSpan);
    }

    private static string Pointer(List<string> segments)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                break;
            }

            builder.Append('/').Append(segment);
        }

        return builder.ToString();
    }
}
