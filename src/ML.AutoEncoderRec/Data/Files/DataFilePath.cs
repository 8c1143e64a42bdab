namespace ML.AutoEncoderRec.Data.Files;

/// <summary>The check every data file reader makes before opening its file.</summary>
internal static class DataFilePath
{
    /// <summary>
    /// Throws <see cref="FileNotFoundException"/> naming <paramref name="path"/> when it is not an existing file
    /// (also when its folder is missing or it is a folder, which .NET would report as other exception types).
    /// </summary>
    public static void RequireFile(string path, string what)
    {
        if (File.Exists(path)) return;
        string problem = Directory.Exists(path) ? "is a folder, not a file" : "does not exist";
        throw new FileNotFoundException($"{what} file '{path}' {problem}.", path);
    }
}
