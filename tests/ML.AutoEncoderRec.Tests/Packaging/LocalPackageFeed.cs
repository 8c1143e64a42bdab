using System.Xml.Linq;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Packaging;

/// <summary>
/// A NuGet feed in a temporary folder holding packages packed from this repository's built projects, and a
/// <c>nuget.config</c> beside it that installs from it as a user would, without leaving anything behind.
/// </summary>
/// <remarks>
/// Each feed packs under its own prerelease version, so a package restored earlier under the same version can never be
/// picked up instead. Restores extract into a private packages folder inside <see cref="Folder"/> and read every other
/// package (TorchSharp, libtorch, Microsoft.ML) from the user's NuGet cache as a read-only fallback folder: nothing is
/// downloaded that the solution's own restore already brought, and nothing is added to or changed in that cache.
/// </remarks>
internal sealed class LocalPackageFeed
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    public LocalPackageFeed(string folder)
    {
        Folder = folder;
        Directory.CreateDirectory(Path.Combine(folder, "feed"));
        UserPackagesFolder = UserGlobalPackagesFolder(folder);
        ConfigFile = Path.Combine(folder, "nuget.config");
        new XDocument(new XElement("configuration",
            new XElement("config", Add("globalPackagesFolder", Path.Combine(folder, "packages"))),
            new XElement("fallbackPackageFolders", new XElement("clear"), Add("user", UserPackagesFolder)),
            new XElement("packageSources", new XElement("clear"),
                Add("local", Path.Combine(folder, "feed")), Add("nuget.org", "https://api.nuget.org/v3/index.json")))).Save(ConfigFile);
    }

    /// <summary>The folder holding the feed, its configuration and its private packages folder.</summary>
    public string Folder { get; }

    /// <summary>The <c>nuget.config</c> to restore or install with.</summary>
    public string ConfigFile { get; }

    /// <summary>The version every package of this feed is packed under.</summary>
    public string Version { get; } = $"0.0.1-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Guid.NewGuid():N}";

    /// <summary>The user's NuGet cache (global packages folder), read here as a fallback folder only.</summary>
    public string UserPackagesFolder { get; }

    /// <summary>The configuration (Debug/Release) the tests were built in, which the packed projects were built in too.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>Packs the already built project <c>src/NAME</c> into the feed under <see cref="Version"/>.</summary>
    public void Pack(string project) => ChildProcess.RunToSuccess(Folder, Limit, "dotnet", "pack",
        Path.Combine(RepositoryFiles.Root, "src", project), "-c", Configuration, "--no-build", "-nologo",
        "-o", Path.Combine(Folder, "feed"), $"-p:PackageVersion={Version}");

    /// <summary>A package version this repository uses (from Directory.Packages.props), so the app gets what the tests ran on.</summary>
    public static string RepositoryPackageVersion(string package)
    {
        var props = XDocument.Load(Path.Combine(RepositoryFiles.Root, "Directory.Packages.props"));
        string version = props.Descendants("PackageVersion").Single(p => (string?)p.Attribute("Include") == package).Attribute("Version")!.Value;
        return version.StartsWith("$(", StringComparison.Ordinal)
            ? props.Descendants(version[2..^1]).Single().Value
            : version.Trim('[', ']');
    }

    private static XElement Add(string key, string value) => new("add", new XAttribute("key", key), new XAttribute("value", value));

    private static string UserGlobalPackagesFolder(string workingDirectory)
    {
        string listed = ChildProcess.RunToSuccess(workingDirectory, Limit, "dotnet", "nuget", "locals", "global-packages", "--list");
        return listed.Trim()["global-packages:".Length..].Trim();
    }
}
