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
        var created = new List<string>();
        try
        {
            foreach (var (path, content) in files)
            {
                var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
                CreateDirectory(directory, created);
                // Short and fixed in length, so that a target whose name is near the file system's 255-byte
                // limit still gets a temporary file.
                var temp = Path.Combine(directory, $".ck-{Guid.NewGuid():N}.tmp");
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

            // Nothing written means nothing left behind, not even the folders made for it (deepest first).
            foreach (var directory in Enumerable.Reverse(created))
            {
                TryDeleteEmptyDirectory(directory);
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

    /// <summary>Creates a folder and its missing parents, recording each one it made (outermost first).</summary>
    private static void CreateDirectory(string directory, List<string> created)
    {
        var missing = new Stack<string>();
        for (var current = directory; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Push(current);
        }

        while (missing.Count > 0)
        {
            var next = missing.Pop();
            Directory.CreateDirectory(next);
            created.Add(next);
        }
    }

    private static void TryDeleteEmptyDirectory(string directory)
    {
        try
        {
            if (!Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

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
