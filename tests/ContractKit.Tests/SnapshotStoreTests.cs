using System.Text.Json.Nodes;
using ContractKit.Contracts;
using ContractKit.Snapshots;
using ContractKit.Testing;

namespace ContractKit.Tests;

public sealed class SnapshotStoreTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ck-snap-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static JsonScrubber ScrubberFor(string vendor, string operation)
    {
        var contract = ContractReader.ReadFile(Repo.PathOf("schemas", vendor, operation + ".contract.json"));
        return JsonScrubber.ForResponses(contract);
    }

    private static JsonNode Example(string vendor, string operation) =>
        ContractReader.ReadFile(Repo.PathOf("schemas", vendor, operation + ".contract.json")).Examples.Responses[0].Body!.DeepClone();

    [Fact]
    public void Volatile_fields_uuids_and_dates_become_numbered_placeholders()
    {
        var document = Example("instantpay", "update-contact");
        var scrubbed = ScrubberFor("instantpay", "update-contact").Scrub(document)!;

        // Numbered in document order: data comes before timestamp and ipay_uuid.
        Assert.Equal("Id_1", scrubbed["data"]!["_id"]!.GetValue<string>());
        Assert.Equal("Date_1", scrubbed["data"]!["updated_at"]!.GetValue<string>());
        Assert.Equal("Date_2", scrubbed["data"]!["created_at"]!.GetValue<string>());
        Assert.Equal("Date_3", scrubbed["timestamp"]!.GetValue<string>());
        Assert.Equal("Id_2", scrubbed["ipay_uuid"]!.GetValue<string>());
        Assert.Equal("Karan", scrubbed["data"]!["name"]!.GetValue<string>());
        Assert.Equal("2023-05-10 14:29:19", document["timestamp"]!.GetValue<string>());
    }

    [Fact]
    public void The_same_value_gets_the_same_placeholder()
    {
        var scrubber = new JsonScrubber(["id", "items[].ref"]);
        var scrubbed = scrubber.Scrub(JsonNode.Parse("""{"id":"a","items":[{"ref":"a"},{"ref":"b"}],"u":"2eb8aa08-aa98-11ea-b4aa-73b441d16380","v":"2eb8aa08-aa98-11ea-b4aa-73b441d16380"}"""));
        Assert.Equal("""{"id":"Id_1","items":[{"ref":"Id_1"},{"ref":"Id_2"}],"u":"Guid_1","v":"Guid_1"}""", scrubbed!.ToJsonString());
    }

    [Fact]
    public void One_verified_snapshot_passes_for_responses_with_other_ids_and_times()
    {
        var scrubber = ScrubberFor("razorpay", "activate-contact");
        var store = new SnapshotStore(directory, autoAccept: true);
        var stub = Example("razorpay", "activate-contact");
        Assert.Equal(SnapshotOutcome.Accepted, store.Compare("Razorpay.Activate", scrubber.Scrub(stub)).Outcome);

        var live = stub.DeepClone();
        live["id"] = "cont_LIVE00000042";
        live["created_at"] = 1700000000;
        var strict = new SnapshotStore(directory, autoAccept: false);
        Assert.Equal(SnapshotOutcome.Matched, strict.Compare("Razorpay.Activate", scrubber.Scrub(live)).Outcome);

        live["active"] = true;
        var mismatch = strict.Compare("Razorpay.Activate", scrubber.Scrub(live));
        Assert.Equal(SnapshotOutcome.Mismatched, mismatch.Outcome);
        Assert.Contains("-  \"active\": false,", mismatch.Diff, StringComparison.Ordinal);
        Assert.Contains("+  \"active\": true,", mismatch.Diff, StringComparison.Ordinal);
        Assert.True(File.Exists(mismatch.ReceivedPath));
    }

    [Fact]
    public void A_missing_snapshot_fails_and_writes_the_received_file_unless_accepting()
    {
        var store = new SnapshotStore(directory, autoAccept: false);
        var result = store.Compare("T.M", JsonNode.Parse("""{"a":1}"""));
        Assert.Equal(SnapshotOutcome.Missing, result.Outcome);
        Assert.Equal("{\n  \"a\": 1\n}\n", File.ReadAllText(result.ReceivedPath!));
        Assert.False(File.Exists(result.VerifiedPath));
        var thrown = Assert.Throws<SnapshotMismatchException>(() => store.Verify("T.M", JsonNode.Parse("""{"a":1}""")));
        Assert.Contains("T.M.received.json", thrown.Message, StringComparison.Ordinal);

        Assert.Equal(["T.M.verified.json"], store.AcceptAll());
        Assert.Equal(SnapshotOutcome.Matched, store.Compare("T.M", JsonNode.Parse("""{"a":1}""")).Outcome);
        Assert.Empty(Directory.EnumerateFiles(directory, "*.received.json"));
    }

    [Fact]
    public void With_ci_true_nothing_is_accepted_automatically()
    {
        var (ci, accept) = (Environment.GetEnvironmentVariable("CI"), Environment.GetEnvironmentVariable("CONTRACTKIT_ACCEPT"));
        try
        {
            Environment.SetEnvironmentVariable("CI", "true");
            Environment.SetEnvironmentVariable("CONTRACTKIT_ACCEPT", "1");
            Assert.Equal(SnapshotOutcome.Missing, SnapshotStore.FromEnvironment(directory).Compare("T.Ci", JsonNode.Parse("1")).Outcome);
            Environment.SetEnvironmentVariable("CI", null);
            Assert.Equal(SnapshotOutcome.Accepted, SnapshotStore.FromEnvironment(directory).Compare("T.Ci", JsonNode.Parse("1")).Outcome);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CI", ci);
            Environment.SetEnvironmentVariable("CONTRACTKIT_ACCEPT", accept);
        }
    }

    [Fact]
    public async Task Parallel_writers_never_leave_a_half_written_snapshot()
    {
        var store = new SnapshotStore(directory, autoAccept: false);
        var contents = Enumerable.Range(0, 16).Select(i => SnapshotStore.Format(new JsonObject { ["n"] = i, ["pad"] = new string('x', 20000) })).ToList();
        await Task.WhenAll(contents.Select(c => Task.Run(() => store.Compare("T.Parallel", c), TestContext.Current.CancellationToken)));
        Assert.Contains(File.ReadAllText(Path.Combine(directory, "T.Parallel.received.json")), contents);
        Assert.Empty(Directory.EnumerateFiles(directory, "*.tmp"));
    }

    [Fact]
    public void Unified_diff_has_headers_hunks_and_context()
    {
        var diff = UnifiedDiff.Create("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nD\ne\nf\ng\nh\n", "x.verified.json", "x.received.json");
        Assert.Equal("--- x.verified.json\n+++ x.received.json\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n", diff);
    }
}
