using CsCheck;

namespace ContractKit.Testing;

/// <summary>
/// Bounded property runs for CI: a fixed number of iterations from fixed seeds, then the same number from one
/// random seed, printed. A failure is shrunk by CsCheck and reported with the seed that reproduces it
/// (set CsCheck_Seed, or pass it to <see cref="Check{T}"/>).
/// </summary>
public static class PropertyRuns
{
    /// <summary>The fixed seeds, as CsCheck spells seeds.</summary>
    public static readonly string[] FixedSeeds = [new PCG(1, 20261202).ToString(), new PCG(2, 14).ToString()];

    /// <param name="iterations">Iterations per seed.</param>
    /// <param name="seed">One seed to run alone (a seed a failure printed), instead of the fixed ones and a random one.</param>
    public static void Check<T>(Gen<T> gen, Action<T> property, int iterations, Func<T, string>? print = null, string? seed = null)
    {
        var random = new PCG((uint)Random.Shared.Next(), (ulong)Random.Shared.NextInt64()).ToString();
        TestContext.Current.TestOutputHelper?.WriteLine($"property seeds: {string.Join(", ", FixedSeeds)} and the random seed {random}");
        foreach (var start in seed is null ? [.. FixedSeeds, random] : new[] { seed })
        {
            var pcg = PCG.Parse(start);
            for (var i = 0; i < iterations; i++)
            {
                var state = pcg.ToString();
                var value = gen.Generate(pcg, null, out _);
                try
                {
                    property(value);
                }
                catch (Exception e)
                {
                    // CsCheck shrinks from the failing iteration's seed and reports the smallest failing value.
                    string shrunk;
                    try
                    {
                        gen.Sample(property, seed: state, iter: 400, threads: 1, print: print);
                        shrunk = "(it did not fail again while shrinking)";
                    }
                    catch (Exception shrinking)
                    {
                        shrunk = shrinking.Message;
                    }

                    throw new Xunit.Sdk.XunitException(
                        $"the property failed at iteration {i} of the seed {start} (reproduce with CsCheck_Seed={state}): {e}\nshrunk: {shrunk}");
                }
            }
        }
    }
}
