namespace ContractKit.IO;

/// <summary>A path that would leave the folder a command writes into (a name with "..", a separator or a rooted path).</summary>
public sealed class PathOutsideFolderException(string folder, string path)
    : IOException($"{path} is outside the output folder {folder}; refusing to write it")
{
    public string Folder { get; } = folder;
    public string PathOutside { get; } = path;
}

/// <summary>
/// Every file a command writes goes through here, so that names taken from contracts or pages can never
/// lead a write out of the folder the user chose. An <see cref="IOException"/>, so the commands' existing
/// "cannot write ...; nothing was written" handling reports it.
/// </summary>
public static class OutputFolder
{
    /// <summary>The full path of <paramref name="relative"/> under <paramref name="folder"/>; throws when it would leave it.</summary>
    /// <exception cref="PathOutsideFolderException">The path resolves outside the folder.</exception>
    public static string Combine(string folder, params string[] relative)
    {
        var root = Path.GetFullPath(folder);
        foreach (var part in relative)
        {
            if (part.Length == 0 || Path.IsPathRooted(part))
            {
                throw new PathOutsideFolderException(root, part);
            }
        }

        var full = Path.GetFullPath(Path.Combine([root, .. relative]));
        EnsureInside(root, full);
        return full;
    }

    /// <summary>Throws unless <paramref name="path"/> is <paramref name="folder"/> itself or below it.</summary>
    /// <exception cref="PathOutsideFolderException">The path resolves outside the folder.</exception>
    public static void EnsureInside(string folder, string path)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        var full = Path.GetFullPath(path);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var inside = string.Equals(full, root, comparison)
            || (full.StartsWith(root, comparison) && full.Length > root.Length && (full[root.Length] == Path.DirectorySeparatorChar || full[root.Length] == Path.AltDirectorySeparatorChar))
            || (root.EndsWith(Path.DirectorySeparatorChar) && full.StartsWith(root, comparison));
        if (!inside)
        {
            throw new PathOutsideFolderException(root, full);
        }
    }
}
