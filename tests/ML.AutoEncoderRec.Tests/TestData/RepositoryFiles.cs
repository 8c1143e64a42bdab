namespace ML.AutoEncoderRec.Tests.TestData;

/// <summary>Finds files of the repository (e.g. the shipped MovieLens data) from the test binaries.</summary>
internal static class RepositoryFiles
{
    /// <summary>The folder holding ML.AutoEncoderRec.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The shipped ml-latest-small ratings.</summary>
    public static string MovieLensSmallRatings => Path.Combine(Root, "data", "ml-latest-small", "ratings.csv");

    /// <summary>The shipped ml-latest-small titles.</summary>
    public static string MovieLensSmallMovies => Path.Combine(Root, "data", "ml-latest-small", "movies.csv");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ML.AutoEncoderRec.sln"))) return folder.FullName;
        throw new DirectoryNotFoundException($"No ML.AutoEncoderRec.sln above {AppContext.BaseDirectory}.");
    }
}
