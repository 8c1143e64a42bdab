using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Packaging;

/// <summary>
/// The aerec .NET tool as a user gets it: packed from the built CLI, installed from a local feed into a temporary
/// tool path, then run (help, a tiny train, a recommendation). The benchmarks stay out of it: no bench command, no
/// benchmark types or assemblies in the package.
/// </summary>
public sealed class ToolPackageTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public void ThePackedToolInstallsAndTrainsAndRecommends()
    {
        var feed = new LocalPackageFeed(Path.Combine(temp.Path, "nuget"));
        string tools = Path.Combine(temp.Path, "tools");
        feed.Pack("ML.AutoEncoderRec.Cli");
        ChildProcess.RunToSuccess(temp.Path, Limit, "dotnet", "tool", "install", "--tool-path", tools, "--configfile", feed.ConfigFile,
            "--version", feed.Version, "ML.AutoEncoderRec.Cli");
        string aerec = Path.Combine(tools, OperatingSystem.IsWindows() ? "aerec.exe" : "aerec");

        string help = Run(aerec, "--help");
        Assert.Contains("aerec [command] [options]", help);
        Assert.DoesNotContain("bench", help);
        AssertNoBenchmarkCode(Directory.GetFiles(Path.Combine(feed.Folder, "feed"), "ML.AutoEncoderRec.Cli.*.nupkg").Single());

        string ratings = temp.Write("userId,movieId,rating,timestamp\n" + string.Concat(
            from u in Enumerable.Range(1, 12) from i in Enumerable.Range(1, 8) where (u + i) % 3 != 0
            select $"{u},{i},{1 + (u * i) % 5},{1000 + u * 10 + i}\n"));
        string model = Path.Combine(temp.Path, "bias.zip");
        string trained = Run(aerec, "train", "--engine", "bias", "--ratings", ratings, "--split", "random:0.2", "--model", model);
        Assert.Contains("rmse:", trained);
        string titles = temp.Write("movieId,title,genres\n3,Three (2001),Drama\n6,Six (2006),Comedy\n");
        string recommended = Run(aerec, "recommend", "--model", model, "--user", "1", "--top", "2", "--titles", titles);
        Assert.Contains("top 2 unrated items for user 1 (bias)", recommended);
    }

    /// <summary>No assembly of the package is a benchmark one, and aerec.dll defines no type in a benchmark namespace.</summary>
    private static void AssertNoBenchmarkCode(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        Assert.DoesNotContain(zip.Entries, e => e.Name.Contains("Benchmark", StringComparison.OrdinalIgnoreCase));
        var tool = zip.Entries.Single(e => e.Name == "aerec.dll");
        using var image = new MemoryStream();
        using (var stream = tool.Open()) stream.CopyTo(image);
        image.Position = 0;
        using var pe = new PEReader(image);
        var metadata = pe.GetMetadataReader();
        var namespaces = metadata.TypeDefinitions.Select(t => metadata.GetString(metadata.GetTypeDefinition(t).Namespace)).Distinct().ToArray();
        Assert.Contains("ML.AutoEncoderRec.Cli", namespaces);   // the reading works: the tool's own namespace is there
        Assert.DoesNotContain(namespaces, n => n.Contains("Bench", StringComparison.Ordinal));
    }

    private string Run(string program, params string[] args) => ChildProcess.RunToSuccess(temp.Path, Limit, program, args);
}
