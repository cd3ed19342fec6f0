using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ContractKit.Validation;

/// <summary>One step of an instance location: a property (by its place in the document) or an array index.</summary>
public struct PathSegment
{
    internal int Start;
    internal int Length;
    internal int Index;
    internal bool IsIndex;
    internal bool Escaped;
    internal ObjectNames Names;
}

/// <summary>
/// The member names one object has shown so far, for finding a name given twice: a 64-bit Bloom filter
/// over the names, confirmed by re-reading the object's earlier names when a bit is already set. Past
/// <see cref="JsonValidation.MaxBloomNames"/> names the filter is full, and a set of the names takes over.
/// </summary>
public struct ObjectNames
{
    internal ulong Bloom;
    internal int Start;
    internal int Count;
}

/// <summary>
/// The state of one validation run, used by generated validators: a <see cref="Utf8JsonReader"/> over the
/// document, the instance location as positions into the document (turned into a pointer only when an
/// error is reported), and, when collecting, the errors found. On a valid document nothing is allocated.
/// </summary>
public ref partial struct JsonValidation
{
    /// <summary>Documents nested deeper than this are reported as invalid rather than read.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The most errors (and, separately, undocumented-field warnings) one validation collects. A body with
    /// millions of wrong values would otherwise take seconds and hundreds of megabytes to describe; after the
    /// limit the run stops with one more error saying so.
    /// </summary>
    public const int MaxErrors = 1000;

    private readonly ReadOnlySpan<byte> json;
    private readonly Span<PathSegment> path;
    private Utf8JsonReader reader;
    private int depth;
    private bool collect;
    private List<ValidationError>? errors;
    private List<ValidationError>? warnings;
    private int duplicates;
    private Dictionary<int, (HashSet<string> Names, long LastName)>? largeObjects;

    /// <summary>
    /// Undocumented names an object may show before its names are kept in a set (which allocates) rather
    /// than in a 64-bit filter (which does not).
    /// </summary>
    public const int MaxBloomNames = 32;

    /// <param name="pathBuffer">One segment per level of containers the schema describes (at most <see cref="MaxDepth"/>), stack-allocated by the caller.</param>
    /// <param name="collect">False for the fast path: the first failure ends the run and nothing is recorded.</param>
    public JsonValidation(ReadOnlySpan<byte> utf8Json, Span<PathSegment> pathBuffer, bool collect)
    {
        json = utf8Json;
        path = pathBuffer;
        reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        depth = 0;
        this.collect = collect;
        errors = null;
        warnings = null;
        duplicates = 0;
        largeObjects = null;
    }

    public readonly bool Collecting => collect;

    public readonly JsonTokenType TokenType => reader.TokenType;

    /// <summary>Reads the document's first token; false (with an error recorded) when the document is empty.</summary>
    public bool Begin()
    {
        // The reader does not check UTF-8 inside strings; JSON text must be UTF-8 throughout.
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            if (collect)
            {
                System.Text.Unicode.Utf8.ToUtf16(json, new char[json.Length], out var offset, out _, replaceInvalidSequences: false);
                Add(ref errors, new ValidationError(JsonPointers.At(json, offset), "", "json",
                    $"not valid JSON: invalid UTF-8 at byte {offset}", null));
            }

            return false;
        }

        if (reader.Read())
        {
            return true;
        }

        FailJson("the document is empty");
        return false;
    }

    /// <summary>
    /// Checks that nothing follows the root value (the reader throws on anything but white space); false
    /// when an object gave a member name twice.
    /// </summary>
    public bool End()
    {
        reader.Read();
        return duplicates == 0;
    }

    public void EnterObject()
    {
        depth++;
        ref var names = ref path[depth - 1].Names;
        names.Bloom = 0;
        names.Count = 0;
        names.Start = (int)reader.TokenStartIndex;
    }

    /// <summary>Moves to the next property name; false at the end of the object.</summary>
    public bool NextProperty()
    {
        // The path is only ever read to report an error, which the fast path never does.
        if (!collect)
        {
            reader.Read();
            return reader.TokenType == JsonTokenType.PropertyName;
        }

        // Between members the location is the object itself, should the next token be malformed.
        path[depth - 1].IsIndex = false;
        path[depth - 1].Start = -1;
        reader.Read();
        if (reader.TokenType != JsonTokenType.PropertyName)
        {
            return false;
        }

        ref var segment = ref path[depth - 1];
        segment.IsIndex = false;
        segment.Start = (int)reader.TokenStartIndex + 1;
        segment.Length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        segment.Escaped = reader.ValueIsEscaped;
        return true;
    }

    /// <summary>The current property name as it stands in the document; compare it only when <see cref="NameIsRaw"/>.</summary>
    public readonly ReadOnlySpan<byte> RawName => reader.ValueSpan;

    /// <summary>Whether the name has no escapes (so its bytes are its text) and lies in one segment.</summary>
    public readonly bool NameIsRaw => !reader.ValueIsEscaped && !reader.HasValueSequence;

    /// <summary>Whether the current property's name is <paramref name="utf8Name"/> (escapes in the document are decoded).</summary>
    public readonly bool PropertyIs(ReadOnlySpan<byte> utf8Name) => reader.ValueTextEquals(utf8Name);

    /// <summary>Moves from a property name to its value.</summary>
    public void ReadValue() => reader.Read();

    public void ExitObject() => depth--;

    public void EnterArray()
    {
        depth++;
        if (!collect)
        {
            return;
        }

        ref var segment = ref path[depth - 1];
        segment.IsIndex = true;
        segment.Index = -1;
    }

    /// <summary>Moves to the next item's first token; false at the end of the array.</summary>
    public bool NextItem()
    {
        // The index moves first, so that a malformed item is reported at its own index.
        if (collect)
        {
            path[depth - 1].Index++;
        }

        reader.Read();
        return reader.TokenType != JsonTokenType.EndArray;
    }

    public void ExitArray() => depth--;

    /// <summary>
    /// Moves past the current value (to its last token). Objects inside it are still checked for a member
    /// name given twice, which no schema allows.
    /// </summary>
    public void Skip()
    {
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
        }

        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        // One entry per level of nesting below the skipped value; most free-form values are shallow.
        var baseDepth = reader.CurrentDepth;
        Span<ObjectNames> shallow = stackalloc ObjectNames[8];
        var levels = shallow;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            levels[0] = new ObjectNames { Start = (int)reader.TokenStartIndex };
        }

        while (reader.Read())
        {
            var level = reader.CurrentDepth - baseDepth;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (level >= levels.Length)
                    {
                        var deeper = new ObjectNames[MaxDepth + 1];
                        levels.CopyTo(deeper);
                        levels = deeper;
                    }

                    levels[level] = new ObjectNames { Start = (int)reader.TokenStartIndex };
                    break;
                case JsonTokenType.PropertyName:
                    if (!IsNewName(ref levels[level - 1]))
                    {
                        Duplicate(atCurrentPath: false);
                    }

                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray when level == 0:
                    return;
            }
        }
    }

    /// <summary>
    /// Checks the current member name against the earlier names of its object, for names the validator
    /// did not match to a documented property (those are tracked in the generated code's bit masks).
    /// </summary>
    public void CheckName()
    {
        if (!IsNewName(ref path[depth - 1].Names))
        {
            Duplicate(atCurrentPath: true);
        }
    }

    /// <summary>A documented member given twice in one object (the generated code found it in its bit mask).</summary>
    public void DuplicateName() => Duplicate(atCurrentPath: true);

    /// <summary>Counts a repeated name (the run ends invalid) and, when collecting, reports it at its member.</summary>
    private void Duplicate(bool atCurrentPath)
    {
        duplicates++;
        if (collect)
        {
            var location = atCurrentPath ? InstanceLocation() : JsonPointers.At(json, (int)reader.TokenStartIndex);
            Add(ref errors, new ValidationError(location, "", "duplicateKey",
                "this member name appears more than once in its object; JSON readers disagree on which value counts, so a body must give each name once", null));
            StoppedAtErrorLimit();
        }
    }

    /// <summary>Whether the current property name is the first of its text in its object; records it.</summary>
    private bool IsNewName(ref ObjectNames names)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return IsNewName(ref names, reader.ValueSpan);
        }

        // Compared by text: "a" and "\u0061" are the same name.
        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= 128 ? stackalloc byte[128] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            return IsNewName(ref names, buffer[..reader.CopyString(buffer)]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private bool IsNewName(ref ObjectNames names, scoped ReadOnlySpan<byte> name)
    {
        names.Count++;
        if (names.Count > MaxBloomNames)
        {
            return LargeObjectNames(names.Start).Add(Encoding.UTF8.GetString(name));
        }

        var bit = 1UL << NameHash(name);
        if ((names.Bloom & bit) == 0)
        {
            names.Bloom |= bit;
            return true;
        }

        return !NamedEarlier(names.Start, name);
    }

    /// <summary>
    /// The names of an object with many members: read once from its start up to the current name, then
    /// kept. Each pass over an object meets its names in order, so a name at or before the last one the
    /// kept set saw means a second pass (an anyOf alternative, a $ref beside other keywords), which starts afresh.
    /// </summary>
    private HashSet<string> LargeObjectNames(int objectStart)
    {
        largeObjects ??= [];
        var current = reader.TokenStartIndex;
        if (largeObjects.TryGetValue(objectStart, out var kept) && kept.LastName < current)
        {
            largeObjects[objectStart] = (kept.Names, current);
            return kept.Names;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var earlier = new Utf8JsonReader(json[objectStart..], new JsonReaderOptions { MaxDepth = MaxDepth });
        earlier.Read();
        var end = current - objectStart;
        while (earlier.Read() && earlier.TokenType == JsonTokenType.PropertyName && earlier.TokenStartIndex < end)
        {
            names.Add(earlier.GetString()!);
            earlier.Read();
            earlier.Skip();
        }

        largeObjects[objectStart] = (names, current);
        return names;
    }

    /// <summary>Whether a name before the current one in the object starting at <paramref name="objectStart"/> reads <paramref name="name"/>.</summary>
    private readonly bool NamedEarlier(int objectStart, scoped ReadOnlySpan<byte> name)
    {
        var earlier = new Utf8JsonReader(json[objectStart..], new JsonReaderOptions { MaxDepth = MaxDepth });
        earlier.Read();
        var end = reader.TokenStartIndex - objectStart;
        while (earlier.Read() && earlier.TokenType == JsonTokenType.PropertyName && earlier.TokenStartIndex < end)
        {
            if (earlier.ValueTextEquals(name))
            {
                return true;
            }

            earlier.Read();
            earlier.Skip();
        }

        return false;
    }

    /// <summary>One of 64 bits for a name, from its length and its first and last bytes.</summary>
    private static int NameHash(ReadOnlySpan<byte> name)
    {
        var hash = (uint)name.Length * 0x9E3779B1u;
        if (name.Length > 0)
        {
            hash ^= name[0] * 0x85EBCA77u;
            hash ^= name[^1] * 0xC2B2AE3Du;
            hash ^= name[name.Length / 2] * 0x27D4EB2Fu;
        }

        return (int)((hash * 0x9E3779B1u) >> 26);
    }

    /// <summary>
    /// A copy for trying one alternative of anyOf/oneOf: it reads the same value from the same place,
    /// records nothing, and leaves this run where it is.
    /// </summary>
    public readonly JsonValidation Probe()
    {
        var probe = this;
        probe.collect = false;
        probe.errors = null;
        probe.warnings = null;
        return probe;
    }

    /// <summary>
    /// A copy for applying a second schema to the same value ($ref beside other keywords): it records
    /// on its own, and <see cref="Join"/> takes its findings back.
    /// </summary>
    public readonly JsonValidation Fork()
    {
        var fork = this;
        fork.errors = null;
        fork.warnings = null;
        return fork;
    }

    public void Join(ref JsonValidation fork)
    {
        if (fork.errors is not null)
        {
            (errors ??= []).AddRange(fork.errors);
        }

        if (fork.warnings is not null)
        {
            (warnings ??= []).AddRange(fork.warnings);
        }
    }

    // ---- values ----

    /// <summary>
    /// A JSON number with no fractional part, as JSON Schema counts integers (1.0 is one). Decided from the
    /// number's text, so that a number beyond the range of double (1e400, or the same written out in full)
    /// is an integer all the same.
    /// </summary>
    public readonly bool IsInteger()
    {
        // Most integers are written as such: no fraction and no exponent.
        if (!reader.HasValueSequence && reader.ValueSpan.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
        {
            return true;
        }

        return JsonNumber.IsIntegerText(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
    }

    /// <summary>
    /// Compares the current number with a bound: negative, zero or positive. Exact where decimal holds both;
    /// otherwise in double, where a number beyond its range counts as infinitely large (or small).
    /// </summary>
    public readonly int CompareNumber(JsonNumber bound)
    {
        if (bound.HasDecimal && reader.TryGetDecimal(out var value))
        {
            return value.CompareTo(bound.Decimal);
        }

        return JsonNumber.ToDouble(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan).CompareTo(bound.Double);
    }

    /// <summary>
    /// Whether the current string's length in code points is within [min, max] (-1: no bound). Counts only
    /// when the byte length cannot tell: a code point takes one to four bytes.
    /// </summary>
    public readonly bool StringLengthWithin(int min, int max, out int length)
    {
        length = -1;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var bytes = reader.ValueSpan.Length;
            if ((max < 0 || bytes <= max) && (min < 0 || (bytes + 3) / 4 >= min))
            {
                return true;
            }
        }

        length = StringLength();
        return (max < 0 || length <= max) && (min < 0 || length >= min);
    }

    /// <summary>The current string's length in Unicode code points, as JSON Schema counts it.</summary>
    public readonly int StringLength()
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return Utf8Text.CountCodePoints(reader.ValueSpan);
        }

        var result = 0;
        WithUnescaped(ref result, static (ReadOnlySpan<byte> text, ref int count) => count = Utf8Text.CountCodePoints(text));
        return result;
    }

    public readonly bool StringIs(ReadOnlySpan<byte> utf8) => reader.ValueTextEquals(utf8);

    public readonly bool HasFormat(JsonFormat format)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            return JsonFormats.IsValid(format, reader.ValueSpan);
        }

        var valid = false;
        var state = (format, valid);
        WithUnescaped(ref state, static (ReadOnlySpan<byte> text, ref (JsonFormat Format, bool Valid) s) => s.Valid = JsonFormats.IsValid(s.Format, text));
        return state.valid;
    }

    /// <summary>Whether the last <see cref="Matches"/> on this thread gave up after <see cref="EcmaPattern.MatchTimeout"/>.</summary>
    [ThreadStatic]
    private static bool lastMatchTimedOut;

    /// <summary>
    /// Whether the current string matches (anywhere, as JSON Schema's pattern is unanchored). A match that runs
    /// past <see cref="EcmaPattern.MatchTimeout"/> counts as no match; <see cref="PatternMessage"/> then says so.
    /// </summary>
    public readonly bool Matches(Regex regex)
    {
        var result = (regex, matched: false);
        lastMatchTimedOut = false;
        WithUnescaped(ref result, static (ReadOnlySpan<byte> text, ref (Regex Regex, bool Matched) s) =>
        {
            var maxChars = Encoding.UTF8.GetMaxCharCount(text.Length);
            char[]? rented = null;
            Span<char> chars = maxChars <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(maxChars));
            var count = Encoding.UTF8.GetChars(text, chars);
            try
            {
                s.Matched = s.Regex.IsMatch(chars[..count]);
            }
            catch (RegexMatchTimeoutException)
            {
                s.Matched = false;
                lastMatchTimedOut = true;
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<char>.Shared.Return(rented);
                }
            }
        });
        return result.matched;
    }

    /// <summary>The message format (value as {0}) for a failed pattern: no match, or a match that took too long.</summary>
    public static string PatternMessage(string pattern)
    {
        var safe = pattern.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
        return lastMatchTimedOut
            ? $"{{0}} could not be matched against the pattern {safe} within {EcmaPattern.MatchTimeout.TotalSeconds:0} s (the pattern backtracks too much); treated as not matching"
            : "{0} does not match the pattern " + safe;
    }

    /// <summary>Whether the current value (of any kind) equals a constant, as JSON Schema's enum and const compare.</summary>
    public readonly bool EqualsConstant(JsonConstant constant)
    {
        var copy = reader;
        return constant.Matches(ref copy);
    }

    private delegate void TextAction<TState>(ReadOnlySpan<byte> text, ref TState state);

    private readonly void WithUnescaped<TState>(ref TState state, TextAction<TState> action)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            action(reader.ValueSpan, ref state);
            return;
        }

        var length = reader.HasValueSequence ? (int)reader.ValueSequence.Length : reader.ValueSpan.Length;
        byte[]? rented = null;
        Span<byte> buffer = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = reader.CopyString(buffer);
        action(buffer[..written], ref state);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // ---- reporting ----

    /// <summary>Records a failure at the current instance location; returns whether the run goes on.</summary>
    public bool Fail(string keyword, string keywordLocation, int line, string message)
    {
        if (collect)
        {
            Add(ref errors, new ValidationError(InstanceLocation(), keywordLocation, keyword, message, line == 0 ? null : line));
        }

        return collect && !StoppedAtErrorLimit();
    }

    /// <summary>A failure whose message holds a number from the document (a length, a count).</summary>
    public bool Fail(string keyword, string keywordLocation, int line, string messageFormat, long actual)
    {
        if (collect)
        {
            var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, messageFormat, actual);
            Add(ref errors, new ValidationError(InstanceLocation(), keywordLocation, keyword, message, line == 0 ? null : line));
        }

        return collect && !StoppedAtErrorLimit();
    }

    /// <summary>A failure whose message shows the current value, read only when collecting.</summary>
    public bool FailWithValue(string keyword, string keywordLocation, int line, string messageFormat)
    {
        if (collect)
        {
            var message = string.Format(System.Globalization.CultureInfo.InvariantCulture, messageFormat, ShowValue());
            Add(ref errors, new ValidationError(InstanceLocation(), keywordLocation, keyword, message, line == 0 ? null : line));
        }

        return collect && !StoppedAtErrorLimit();
    }

    /// <summary>A field the contract does not document: a warning, never a failure.</summary>
    public void Undocumented(string keywordLocation)
    {
        if (collect && (warnings is null || warnings.Count < MaxErrors))
        {
            Add(ref warnings, new ValidationError(InstanceLocation(), keywordLocation, "undocumented",
                "the contract does not document this field", null, ValidationSeverity.Warning));
        }
    }

    /// <summary>The reader stopped on malformed JSON (or nesting beyond <see cref="MaxDepth"/>).</summary>
    public void FailJson(JsonException exception) => FailJson(Json.JsonErrors.Message(exception));

    /// <summary>The document is not valid JSON: a failure at the place the reader stopped.</summary>
    public void FailJson(string problem)
    {
        if (collect)
        {
            Add(ref errors, new ValidationError(InstanceLocation(), "", "json", "not valid JSON: " + problem, null));
        }
    }

    public readonly ValidationResult ToResult(bool valid)
    {
        if (errors is null && warnings is null)
        {
            return valid ? ValidationResult.Valid : new ValidationResult([new ValidationError("", "", "false", "the document is not valid", null)], []);
        }

        return new ValidationResult((IReadOnlyList<ValidationError>?)errors ?? [], (IReadOnlyList<ValidationError>?)warnings ?? []);
    }

    private static void Add(ref List<ValidationError>? list, ValidationError error) => (list ??= []).Add(error);

    /// <summary>At <see cref="MaxErrors"/> errors: records that the run stopped there, and stops collecting.</summary>
    private bool StoppedAtErrorLimit()
    {
        if (errors is null || errors.Count < MaxErrors)
        {
            return false;
        }

        errors.Add(new ValidationError(InstanceLocation(), "", "errors",
            $"stopped after {MaxErrors} errors; the document may hold more", null));
        collect = false;
        return true;
    }

    /// <summary>The RFC 6901 pointer of the current instance location.</summary>
    public readonly string InstanceLocation()
    {
        if (depth == 0)
        {
            return "";
        }

        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            var segment = path[i];
            if (!segment.IsIndex && segment.Start < 0)
            {
                break;
            }

            builder.Append('/');
            if (segment.IsIndex)
            {
                builder.Append(Math.Max(segment.Index, 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }

            var name = PropertyName(segment);
            builder.Append(name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    private readonly string PropertyName(PathSegment segment)
    {
        var raw = json.Slice(segment.Start, segment.Length);
        if (!segment.Escaped)
        {
            return Encoding.UTF8.GetString(raw);
        }

        // Decode the escapes the way the reader does, by reading the quoted name on its own.
        var quoted = json.Slice(segment.Start - 1, segment.Length + 2);
        var nameReader = new Utf8JsonReader(quoted);
        nameReader.Read();
        return nameReader.GetString() ?? "";
    }

    private readonly string ShowValue()
    {
        var text = reader.TokenType switch
        {
            JsonTokenType.String => "\"" + reader.GetString() + "\"",
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray()),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => "null",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.StartArray => "an array",
            _ => reader.TokenType.ToString(),
        };
        return text.Length <= 60 ? text : text[..57] + "...";
    }

    /// <summary>The JSON type name of the current value, for messages.</summary>
    public readonly string TypeName() => reader.TokenType switch
    {
        JsonTokenType.String => "string",
        JsonTokenType.Number => IsInteger() ? "integer" : "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        _ => "nothing",
    };

    /// <summary>A type failure: "expected string, found integer", with the found type read only when collecting.</summary>
    public bool FailType(string keywordLocation, int line, string expected)
    {
        if (collect)
        {
            Add(ref errors, new ValidationError(InstanceLocation(), keywordLocation, "type", $"expected {expected}, found {TypeName()}", line == 0 ? null : line));
        }

        return collect && !StoppedAtErrorLimit();
    }
}
