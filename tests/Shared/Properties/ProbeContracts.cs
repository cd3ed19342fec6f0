using CsCheck;
using ContractKit.Contracts;
using ContractKit.Probing;

namespace ContractKit.Testing;

/// <summary>The contracts the property tests run over, and choice sequences as CsCheck generates and shrinks them.</summary>
public static class ProbeContracts
{
    /// <summary>Every checked-in contract and every page fixture's contract, repository-relative.</summary>
    public static IReadOnlyList<string> Files { get; } =
        Directory.GetFiles(Repo.PathOf("schemas"), "*.contract.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Repo.PathOf("tests", "ContractKit.Import.Tests", "Fixtures"), "*.contract.json", SearchOption.AllDirectories))
            .Select(f => Path.GetRelativePath(Repo.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal).ToList();

    public static TheoryData<string> All() => new(Files);

    public static TheoryData<string> WithRequestBodies() => new(Files.Where(f => Read(f).Request is not null));

    public static Contract Read(string file)
    {
        var path = Repo.PathOf(file.Split('/'));
        return ContractReader.Read(File.ReadAllBytes(path), path);
    }

    /// <summary>
    /// Sequences of choices: CsCheck shrinks them shorter and smaller, and a smaller choice is a simpler value,
    /// so a failing request shrinks towards the smallest one that still fails.
    /// </summary>
    public static Gen<int[]> Choices { get; } = Gen.Int[0, 1 << 24].Array[0, 600];

    public static string Print(int[] choices) => "choices [" + string.Join(",", choices) + "]";

    /// <summary>The generated credentials the stub accepts (it checks their form, not their value).</summary>
    public static ProbeCredentials StubCredentials(Contract contract) => new(
        new BasicCredentials("rzp_probe_key", "probe-secret-value"),
        "probe-bearer-token",
        contract.Http.Auth.Headers.ToDictionary(h => h, h => "probe-" + h.ToLowerInvariant(), StringComparer.OrdinalIgnoreCase),
        contract.Http.Parameters.Where(p => p.Secret).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase));
}

/// <summary>A recorded sequence of any numbers, each taken modulo its choice's count: CsCheck's values as choices.</summary>
public sealed class ModuloChoices(IReadOnlyList<int> values) : Choices
{
    private int position;

    protected override int Choose(int count, ChoiceKind kind) => position < values.Count ? values[position++] % count : 0;
}
