using System.CommandLine;

namespace ML.AutoEncoderRec.Cli;

/// <summary><c>aerec split</c>: load ratings, split them and report sizes and everything dropped (optionally as JSON).</summary>
internal static class SplitCommand
{
    public static Command Create()
    {
        var command = new Command("split", "Split ratings into train and test and report users, items, rows and every dropped row.");
        SplitArguments.Add(command);
        var json = new Option<string>("--json") { Description = "Also write the report as one JSON object (snake_case keys) to this file." };
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var summary = SplitSummary.From(SplitArguments.Resolve(parse));
            summary.WriteText(parse.InvocationConfiguration.Output);
            if (parse.GetValue(json) is string path) summary.WriteJson(path);
            return CommandLine.Success;
        });
        return command;
    }
}
