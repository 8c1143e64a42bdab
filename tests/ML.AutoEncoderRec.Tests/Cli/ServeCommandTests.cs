using ML.AutoEncoderRec.Cli;
using ML.AutoEncoderRec.Tests.TestData;

namespace ML.AutoEncoderRec.Tests.Cli;

/// <summary>The arguments of <c>aerec serve</c> (the server itself is tested through ServeApp in Serving/).</summary>
public sealed class ServeCommandTests(TempDirectory temp) : IClassFixture<TempDirectory>
{
    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void TheModelIsRequired()
    {
        var (code, _, error) = Run("serve");
        Assert.Equal(CommandLine.Usage, code);
        Assert.Contains("--model", error);
    }

    [Fact]
    public void AMissingModelFileIsBadInput()
    {
        string missing = Path.Combine(temp.Path, "missing.zip");
        var (code, _, error) = Run("serve", "--model", missing);
        Assert.Equal(CommandLine.BadInput, code);
        Assert.Equal($"aerec: Model file '{missing}' does not exist.", error.Trim());
    }

    [Theory]
    [InlineData("https://127.0.0.1:5080", "--urls: 'https://127.0.0.1:5080' is not an http:// address")]
    [InlineData("localhost:5080", "--urls: 'localhost:5080' is not an http:// address")]
    [InlineData(" ; ", "--urls holds no address")]
    public void UrlsMustBeHttpAddresses(string urls, string message)
    {
        var (code, _, error) = Run("serve", "--model", "unused.zip", "--urls", urls);
        Assert.Equal(CommandLine.BadInput, code);
        Assert.Contains(message, error);
    }
}
