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

    [Fact]
    public void When_a_write_fails_the_folders_made_for_it_are_removed()
    {
        var blocker = Path.Combine(directory, "blocker");
        File.WriteAllText(blocker, "a file, not a folder");
        var made = Path.Combine(directory, "out", "razorpay", "a.contract.json");
        var impossible = Path.Combine(blocker, "b.json");

        Assert.ThrowsAny<IOException>(() => AtomicFiles.WriteAll([(made, "a"u8.ToArray()), (impossible, "b"u8.ToArray())]));

        Assert.False(Directory.Exists(Path.Combine(directory, "out")));
        Assert.Equal(["blocker"], Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void A_name_near_the_255_byte_limit_is_written()
    {
        // A valid 220-character operation name makes a 234-byte file name; its temporary file must fit too.
        var path = Path.Combine(directory, new string('a', 220) + ".contract.json");

        AtomicFiles.Write(path, "x"u8.ToArray());

        Assert.Equal("x", File.ReadAllText(path));
    }
}
