using System.CommandLine;
using ML.AutoEncoderRec.Data;
using ML.AutoEncoderRec.Data.Splits;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// The main job: what <c>aerec</c> (and <c>./build.sh run</c>) does with no arguments, on the shipped
/// data set. Each engine adds its step here as it lands.
/// </summary>
internal static class MainJobCommand
{
    public const string DefaultRatings = "data/ml-latest-small/ratings.csv";

    public static Command Create()
    {
        var command = new Command("main", "Run the main job on data/ml-latest-small: split and report (the default with no command).");
        command.SetAction(parse => Run(parse.InvocationConfiguration.Output));
        return command;
    }

    /// <summary>Makes the root command (no verb) run the main job.</summary>
    public static void AttachTo(Command root) => root.SetAction(parse => Run(parse.InvocationConfiguration.Output));

    private static int Run(TextWriter output)
    {
        var file = RatingFileReader.Read(DefaultRatings);
        var split = SplitSpec.Default.Apply(file.Table);
        SplitSummary.From(new ResolvedSplit(split, [file])).WriteText(output);
        return CommandLine.Success;
    }
}
