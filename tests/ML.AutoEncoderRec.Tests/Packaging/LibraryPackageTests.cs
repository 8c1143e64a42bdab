using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Packaging;

/// <summary>
/// The library package as an ML.NET user gets it: a console app in a temporary folder outside the repository, with
/// nothing but package references (ML.AutoEncoderRec from a freshly packed local feed, one libtorch package,
/// Microsoft.ML), runs the README's quick start as written, then recommends with the model it loaded back.
/// </summary>
/// <remarks>
/// On Debian 12 / Ubuntu 22.04 TorchSharp only loads when the package's build targets have marked GLIBCXX_3.4.32 weak
/// in the app's copy of libLibTorchSharp.so; on any Linux the test also checks that the build and publish copies differ
/// from the NuGet cache's file in exactly that one flag byte and that the cache's file is unchanged.
/// </remarks>
public sealed class LibraryPackageTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    [Fact]
    public void TheReadmeQuickStartRunsInAnAppThatOnlyReferencesThePackages()
    {
        var feed = new LocalPackageFeed(Path.Combine(temp.Path, "nuget"));
        feed.Pack("ML.AutoEncoderRec");
        string app = Path.Combine(feed.Folder, "app");   // restores through the feed's nuget.config, found in the folder above
        WriteApp(app, feed.Version);
        string cachedLibTorchSharp = Path.Combine(feed.UserPackagesFolder, "torchsharp",
            LocalPackageFeed.RepositoryPackageVersion("TorchSharp"), "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        byte[]? cachedBefore = OperatingSystem.IsLinux() ? SHA256.HashData(File.ReadAllBytes(cachedLibTorchSharp)) : null;

        ChildProcess.RunToSuccess(app, Limit, "dotnet", "build", "-c", "Release", "-nologo");
        string output = ChildProcess.RunToSuccess(app, Limit, "dotnet", Path.Combine("bin", "Release", "net10.0", "App.dll"));

        // The quick start prints user 1's top 10 with titles; the appended lines compare the loaded model with the fitted one.
        Assert.All(output.Split('\n')[..10], line => Assert.Matches(@"^-?\d+\.\d\d \S", line));
        string fitted = Regex.Match(output, "^fitted: (.+)$", RegexOptions.Multiline).Groups[1].Value;
        Assert.Matches(@"^(\d+:-?\d+\.\d{6} ){4}\d+:-?\d+\.\d{6}$", fitted);
        Assert.Equal(fitted, Regex.Match(output, "^loaded: (.+)$", RegexOptions.Multiline).Groups[1].Value);
        Assert.True(File.Exists(Path.Combine(app, "autoencoder.zip")));

        if (OperatingSystem.IsLinux())
        {
            ChildProcess.RunToSuccess(app, Limit, "dotnet", "publish", "-c", "Release", "--no-build", "-nologo", "-o", "published");
            AssertMarkedCopy(cachedLibTorchSharp, Path.Combine(app, "bin", "Release", "net10.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
            AssertMarkedCopy(cachedLibTorchSharp, Path.Combine(app, "published", "runtimes", "linux-x64", "native", "libLibTorchSharp.so"));
            Assert.Equal(cachedBefore, SHA256.HashData(File.ReadAllBytes(cachedLibTorchSharp)));
        }
    }

    /// <summary>The app's copy is the cache's file with one byte changed: the version need's flags gaining VER_FLG_WEAK (2).</summary>
    private static void AssertMarkedCopy(string cached, string copy)
    {
        byte[] original = File.ReadAllBytes(cached), marked = File.ReadAllBytes(copy);
        Assert.Equal(original.Length, marked.Length);
        int[] changed = Enumerable.Range(0, original.Length).Where(i => original[i] != marked[i]).ToArray();
        Assert.True(changed.Length == 1, $"{copy} differs from {cached} in {changed.Length} bytes; expected the one weak flag.");
        Assert.Equal(original[changed[0]] | 2, marked[changed[0]]);
    }

    /// <summary>
    /// The app: a project file with only package references, the README's quick-start block as its Program.cs followed by
    /// lines recommending with the loaded model, and a prefix of the shipped ratings (users 1–20, so the fit is quick)
    /// where the quick start reads them.
    /// </summary>
    private static void WriteApp(string app, string libraryVersion)
    {
        string rid = RuntimeInformation.RuntimeIdentifier.StartsWith("win", StringComparison.Ordinal) ? "win-x64"
            : OperatingSystem.IsMacOS() ? "osx-arm64" : "linux-x64";
        Directory.CreateDirectory(Path.Combine(app, "data", "ml-latest-small"));
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="ML.AutoEncoderRec" Version="{libraryVersion}" />
                <PackageReference Include="libtorch-cpu-{rid}" Version="{LocalPackageFeed.RepositoryPackageVersion("libtorch-cpu-" + rid)}" />
                <PackageReference Include="Microsoft.ML" Version="{LocalPackageFeed.RepositoryPackageVersion("Microsoft.ML")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), ReadmeQuickStart() + """

            var reloaded = (RecommenderTransformer)((Microsoft.ML.Data.TransformerChain<ITransformer>)loaded).LastTransformer;
            Console.WriteLine("loaded: " + string.Join(" ", reloaded.Recommend(userId: 1, top: 5).Select(r => $"{r.ItemId}:{r.Score:0.000000}")));
            Console.WriteLine("fitted: " + string.Join(" ", model.LastTransformer.Recommend(userId: 1, top: 5).Select(r => $"{r.ItemId}:{r.Score:0.000000}")));
            """);
        File.WriteAllLines(Path.Combine(app, "data", "ml-latest-small", "ratings.csv"),
            File.ReadLines(RepositoryFiles.MovieLensSmallRatings).TakeWhile(line => !line.StartsWith("21,", StringComparison.Ordinal)));
        File.Copy(RepositoryFiles.MovieLensSmallMovies, Path.Combine(app, "data", "ml-latest-small", "movies.csv"));
    }

    /// <summary>The C# block under the README's "Quick start (C#)" heading, exactly as written there.</summary>
    private static string ReadmeQuickStart()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md")).ReplaceLineEndings("\n");
        var block = Regex.Match(readme, @"^## Quick start \(C#\)\n\n```csharp\n(.*?)^```$", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no ```csharp block right under '## Quick start (C#)'.");
        return block.Groups[1].Value;
    }
}
