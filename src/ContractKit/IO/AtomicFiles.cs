namespace ContractKit.IO;

/// <summary>
/// Writes a set of files so that a reader sees each one either as it was or as it is meant to be:
/// every file is first written to a temporary file beside it, and only when all of them are written are
/// they renamed into place. If any write fails, the temporary files are removed and nothing changes.
/// </summary>
public static class AtomicFiles
{
    public static void WriteAll(IReadOnlyList<(string Path, byte[] Content)> files)
    {
        var staged = new List<(string Temp, string Target)>();
        try
        {
            foreach (var (path, content) in files)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
                Directory.CreateDirectory(directory);
                var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    staged.Add((temp, path));
                    stream.Write(content);
                    stream.Flush(flushToDisk: true);
                }
            }
        }
        catch
        {
            foreach (var (temp, _) in staged)
            {
                TryDelete(temp);
            }

            throw;
        }

        // A rename within one directory replaces the target in one step.
        foreach (var (temp, target) in staged)
        {
            File.Move(temp, target, overwrite: true);
        }
    }

    public static void Write(string path, byte[] content) => WriteAll([(path, content)]);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
