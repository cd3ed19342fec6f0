using ContractKit.Testing;

namespace ContractKit.Generators.Tests;

/// <summary>The generated source for the vendor contracts, compared with reviewed snapshots.</summary>
public sealed class SnapshotTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Sources = new(() => GeneratorHarness.Run(
        Repo.Contract("razorpay", "activate-contact"),
        Repo.Contract("instantpay", "update-contact")).Sources);

    [Theory]
    [InlineData("Razorpay.ActivateContact.Contract.g.cs")]
    [InlineData("Instantpay.UpdateContact.Contract.g.cs")]
    [InlineData("Razorpay.JsonContext.g.cs")]
    [InlineData("Instantpay.JsonContext.g.cs")]
    public void Generated_source(string hintName)
    {
        Snapshot.Verify(Sources.Value[hintName], "cs", hintName.Replace(".g.cs", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var again = GeneratorHarness.Run(
            Repo.Contract("razorpay", "activate-contact"),
            Repo.Contract("instantpay", "update-contact")).Sources;
        Assert.Equal(Sources.Value.OrderBy(s => s.Key, StringComparer.Ordinal), again.OrderBy(s => s.Key, StringComparer.Ordinal));
    }
}
