using ContractKit.IO;

namespace ContractKit.Tests;

public sealed class AtomicFilesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("ck-atomic-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Writes_every_file_and_leaves_no_temporary_files()
    {
        var a = Path.Combine(directory, "a.json");
        var b = Path.Combine(directory, "sub", "b.json");
        File.WriteAllText(a, "old");
        AtomicFiles.WriteAll([(a, "new a"u8.ToArray()), (b, "new b"u8.ToArray())]);
        Assert.Equal("new a", File.ReadAllText(a));
        Assert.Equal("new b", File.ReadAllText(b));
        Assert.Equal(["a.json", "b.json"], Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void When_one_file_cannot_be_written_none_is_changed()
    {
        var a = Path.Combine(directory, "a.json");
        File.WriteAllText(a, "old");
        // A path below a regular file cannot be created.
        var impossible = Path.Combine(a, "b.json");
        Assert.ThrowsAny<IOException>(() => AtomicFiles.WriteAll([(a, "new"u8.ToArray()), (impossible, "x"u8.ToArray())]));
        Assert.Equal("old", File.ReadAllText(a));
        Assert.Equal(["a.json"], Directory.EnumerateFiles(directory).Select(Path.GetFileName));
    }
}
