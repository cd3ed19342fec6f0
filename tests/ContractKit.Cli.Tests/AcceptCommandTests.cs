namespace ContractKit.Cli.Tests;

public sealed class AcceptCommandTests : IDisposable
{
    private readonly Workspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public void Received_snapshots_replace_the_verified_ones()
    {
        workspace.Write("schemas/razorpay/T.Success.verified.json", "{\"old\": true}\n");
        workspace.Write("schemas/razorpay/T.Success.received.json", "{\"new\": true}\n");
        workspace.Write("schemas/instantpay/U.Success.received.json", "{\"first\": true}\n");

        var result = workspace.Run("accept");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("accepted schemas/razorpay/T.Success.verified.json", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 snapshot(s) accepted", result.Output, StringComparison.Ordinal);
        Assert.Equal("{\"new\": true}\n", File.ReadAllText(workspace.PathOf("schemas", "razorpay", "T.Success.verified.json")));
        Assert.True(File.Exists(workspace.PathOf("schemas", "instantpay", "U.Success.verified.json")));
        Assert.DoesNotContain(workspace.AllFiles(), f => f.EndsWith(".received.json", StringComparison.Ordinal));
    }

    [Fact]
    public void Nothing_to_accept_is_said_and_a_missing_folder_is_bad_input()
    {
        Directory.CreateDirectory(workspace.PathOf("schemas"));
        Assert.Contains("no received snapshots to accept", workspace.Run("accept").Output, StringComparison.Ordinal);
        var missing = workspace.Run("accept", "--schemas", "nowhere");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such directory", missing.Error, StringComparison.Ordinal);
    }
}
