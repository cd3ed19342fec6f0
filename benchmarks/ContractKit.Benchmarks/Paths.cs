namespace ContractKit.Benchmarks;

internal static class Paths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContractKit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ContractKit.sln not found above " + AppContext.BaseDirectory);
    }
}
