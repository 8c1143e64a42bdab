using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

/// <summary>The README's CLI reference is the CLI's own help: this fails when they drift (fix: ./build.sh docs).</summary>
public class ReadmeCliReferenceTests
{
    [Fact]
    public void TheReadmeReferenceEqualsTheCommandsHelp()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md")).Replace("\r\n", "\n");
        Assert.Equal(DocsCommand.WithReference(readme, DocsCommand.Reference()), readme);
    }

    [Fact]
    public void EveryVisibleCommandHasHelp()
    {
        foreach (var name in CommandLine.VisibleCommandNames())
        {
            var output = new StringWriter();
            Assert.Equal(0, CommandLine.Run([name, "--help"], output, TextWriter.Null));
            Assert.Contains($"aerec {name}", output.ToString());
        }
    }
}
