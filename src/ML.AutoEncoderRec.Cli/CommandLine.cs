using System.CommandLine;
using System.CommandLine.Help;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// Entry point of the aerec command line. Each verb lives in its own file under Commands/ and is
/// listed once in <see cref="Commands"/>.
/// </summary>
/// <remarks>
/// Exit codes: 0 success, 1 bad input (unreadable or invalid data, model or arguments that parse but
/// make no sense), 2 usage (unknown command or option, missing required option), 130 interrupted (Ctrl-C). Errors go to stderr.
/// </remarks>
internal static class CommandLine
{
    public const int Success = 0;
    public const int BadInput = 1;
    public const int Usage = 2;

    /// <summary>Stopped by Ctrl-C / SIGINT (128 + signal 2, the shell convention).</summary>
    public const int Interrupted = 130;

    private static IEnumerable<Command> Commands() =>
    [
        MainJobCommand.Create(),
        SplitCommand.Create(),
        TrainCommand.Create(),
        RecommendCommand.Create(),
        CompareCommand.Create(),
        TuneCommand.Create(),
        ServeCommand.Create(),
        SynthCommand.Create(),
        DocsCommand.Create(),
    ];

    /// <summary>Names of the commands shown in help, in order.</summary>
    public static IEnumerable<string> VisibleCommandNames() => Commands().Where(c => !c.Hidden).Select(c => c.Name);

    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        // A plain command named "aerec" rather than RootCommand, whose name is the host executable's
        // ("dotnet", "testhost"): help then reads the same however aerec is started.
        var root = new Command("aerec", "aerec: deep-autoencoder, truncated-SVD and matrix-factorization recommenders for ML.NET.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var command in Commands()) root.Subcommands.Add(command);
        MainJobCommand.AttachTo(root);

        ParseResult parsed = root.Parse(args);
        // Our handler below turns bad input into exit code 1 with a one-line message; System.CommandLine's default
        // handler would catch it first and print a stack trace.
        var config = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors) error.WriteLine($"aerec: {problem.Message}");
            error.WriteLine("Run 'aerec --help' (or 'aerec COMMAND --help') for usage.");
            return Usage;
        }
        try
        {
            return parsed.Invoke(config);
        }
        catch (Exception e) when (CliErrors.IsBadInput(e))
        {
            error.WriteLine($"aerec: {e.Message}");
            return BadInput;
        }
        catch (OperationCanceledException e)
        {
            error.WriteLine($"aerec: interrupted: {e.Message}");
            return Interrupted;
        }
    }
}
