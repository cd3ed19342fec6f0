namespace ContractKit.Testing;

/// <summary>Paths of the repository the tests run from, and of the shared folder beside it.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>A checked-in contract under schemas/: its path and its text.</summary>
    public static (string Path, string Text) Contract(string vendor, string operation)
    {
        var path = PathOf("schemas", vendor, operation + ".contract.json");
        return (path, File.ReadAllText(path));
    }

    /// <summary>The shared folder (<c>../shared</c> beside the checkout), or null where it is absent.</summary>
    public static string? Shared
    {
        get
        {
            var shared = Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(shared) ? shared : null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContractKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"ContractKit.sln not found above {AppContext.BaseDirectory}");
    }
}
