namespace ML.AutoEncoderRec.Cli;

/// <summary>Which exceptions mean "bad input" (exit code 1, message on stderr) rather than a defect.</summary>
internal static class CliErrors
{
    public static bool IsBadInput(Exception e) => e is InvalidDataException or DataFileException or FileNotFoundException
        or DirectoryNotFoundException or ArgumentException or UsageException or FormatException
        or InvalidOperationException;
}

/// <summary>Arguments that parse but do not make sense together (reported as bad input).</summary>
internal sealed class UsageException(string message) : Exception(message);
