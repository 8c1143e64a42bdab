using System.Text;

namespace ML.AutoEncoderRec.Tests.TestData;

/// <summary>A temporary folder for one test class (use as <c>IClassFixture</c>), deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    private int _next;

    /// <summary>The folder.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("aerec-tests-").FullName;

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM, exactly as given) to a new file with the given extension.</summary>
    public string Write(string text, string extension = ".csv") => WriteBytes(new UTF8Encoding(false).GetBytes(text), extension);

    /// <summary>Writes <paramref name="bytes"/> to a new file with the given extension.</summary>
    public string WriteBytes(byte[] bytes, string extension)
    {
        string file = System.IO.Path.Combine(Path, $"file{Interlocked.Increment(ref _next)}{extension}");
        File.WriteAllBytes(file, bytes);
        return file;
    }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(Path, recursive: true);
}
