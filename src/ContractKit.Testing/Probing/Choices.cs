namespace ContractKit.Probing;

/// <summary>What a choice decides, so that a policy can choose differently for each (present, size, pick...).</summary>
public enum ChoiceKind
{
    /// <summary>Whether an optional member is sent: 0 leaves it out, 1 sends it.</summary>
    Presence,

    /// <summary>How many items, keys or characters beyond the documented minimum.</summary>
    Size,

    /// <summary>Which enum value, type, alternative or format part.</summary>
    Pick,

    /// <summary>Which character of a word or a pattern class.</summary>
    Character,

    /// <summary>A fraction of a number's documented range, in 2^24 steps.</summary>
    Number,
}

public enum SpanKind
{
    /// <summary>An optional member or parameter: its presence choice (1) and everything its value chose. [0] leaves it out.</summary>
    OptionalMember,

    /// <summary>A word: its size choice (length beyond the minimum), then one choice per character.</summary>
    Text,
}

/// <summary>Choices <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive) of a sequence.</summary>
public readonly record struct ChoiceSpan(SpanKind Kind, int Start, int End);

/// <summary>
/// The source of every decision a generator makes, and the record of them. Generation is a function of the
/// sequence of choices: replaying it gives the same request, and a sequence with smaller numbers gives a
/// smaller request (0 is always the simplest choice: absent, fewest, first, 'a', the minimum). Shrinking is
/// therefore the search for a smaller sequence that still shows the same behaviour (docs/negative-testing.md).
/// </summary>
public abstract class Choices
{
    private readonly List<int> made = [];
    private readonly List<ChoiceSpan> spans = [];

    /// <summary>The choices made so far, in order; replaying them gives the same result.</summary>
    public IReadOnlyList<int> Made => made;

    /// <summary>A number from 0 to <paramref name="count"/> - 1; 0 when count is 1 or less.</summary>
    public int Next(int count, ChoiceKind kind)
    {
        // Choose is asked even when there is no choice, so that a replay stays aligned with its record.
        var chosen = Choose(Math.Max(1, count), kind);
        var value = count <= 1 ? 0 : Math.Clamp(chosen, 0, count - 1);
        made.Add(value);
        return value;
    }

    /// <summary>Where the next choice will be recorded.</summary>
    public int Position => made.Count;

    /// <summary>Stretches of the sequence that make one optional member or one word: what shrinking removes or shortens whole.</summary>
    public IReadOnlyList<ChoiceSpan> Spans => spans;

    /// <summary>Marks the choices from <paramref name="start"/> to here as one span.</summary>
    public void Span(SpanKind kind, int start) => spans.Add(new ChoiceSpan(kind, start, made.Count));

    /// <summary>A fraction in [0, 1), from one <see cref="ChoiceKind.Number"/> choice.</summary>
    public double NextFraction() => Next(1 << 24, ChoiceKind.Number) / (double)(1 << 24);

    protected abstract int Choose(int count, ChoiceKind kind);
}

/// <summary>Choices drawn from a seeded <see cref="Random"/>: the same seed, the same sequence.</summary>
public sealed class RandomChoices(Random random) : Choices
{
    protected override int Choose(int count, ChoiceKind kind) => random.Next(count);
}

/// <summary>A recorded sequence played back; a value too large for its choice is clamped, a missing one is 0.</summary>
public sealed class ReplayedChoices(IReadOnlyList<int> values) : Choices
{
    private int position;

    protected override int Choose(int count, ChoiceKind kind) => position < values.Count ? values[position++] : 0;
}

/// <summary>Choices made by a rule per kind, such as "every optional member, everything else minimal".</summary>
public sealed class PolicyChoices(Func<int, ChoiceKind, int> policy) : Choices
{
    /// <summary>Every optional member present, at least one item or key where allowed, every value the simplest.</summary>
    public static PolicyChoices Complete() => new((count, kind) => kind switch
    {
        ChoiceKind.Presence => 1,
        ChoiceKind.Size => 1,
        _ => 0,
    });

    /// <summary>Every optional member present and every value at its documented limit: longest, most, largest, last.</summary>
    public static PolicyChoices Extreme() => new((count, _) => count - 1);

    protected override int Choose(int count, ChoiceKind kind) => policy(count, kind);
}
