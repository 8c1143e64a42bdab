namespace ML.AutoEncoderRec.Cli;

/// <summary>Entry point of the aerec command line: dispatches to one command class per verb.</summary>
internal static class CommandLine
{
    public static int Run(string[] args)
    {
        Console.WriteLine("aerec");
        return 0;
    }
}
