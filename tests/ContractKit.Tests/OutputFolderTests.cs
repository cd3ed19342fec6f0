using ContractKit.IO;

namespace ContractKit.Tests;

/// <summary>The one check every command's writes go through: nothing leaves the output folder.</summary>
public sealed class OutputFolderTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "ck-out");

    [Theory]
    [InlineData("a.json")]
    [InlineData("razorpay/activate-contact.contract.json")]
    [InlineData("x/../y.json")]
    public void A_name_below_the_folder_is_kept(string relative) =>
        Assert.StartsWith(Folder + Path.DirectorySeparatorChar, OutputFolder.Combine(Folder, relative), StringComparison.Ordinal);

    [Theory]
    [InlineData("../PWNED.json")]
    [InlineData("/../../../../../elsewhere/PWNED")]
    [InlineData("x/../../ck-out-sibling/y.json")]
    [InlineData("")]
    public void A_name_that_leads_elsewhere_is_refused(string relative) =>
        Assert.Throws<PathOutsideFolderException>(() => OutputFolder.Combine(Folder, relative));

    [Fact]
    public void A_sibling_folder_that_shares_the_prefix_is_outside() =>
        Assert.Throws<PathOutsideFolderException>(() => OutputFolder.EnsureInside(Folder, Folder + "-sibling/a.json"));
}
