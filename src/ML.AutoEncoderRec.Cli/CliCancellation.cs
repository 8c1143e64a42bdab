namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// The process-wide cancellation of long-running work by Ctrl-C (SIGINT): the first press cancels
/// <see cref="Token"/> and keeps the process alive so training can stop after the current batch and save a
/// checkpoint; a second press ends the process at once.
/// </summary>
internal static class CliCancellation
{
    private static readonly Lazy<CancellationTokenSource> Source = new(() =>
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (source.IsCancellationRequested) return;
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    });

    /// <summary>Cancelled when the user presses Ctrl-C (the handler is installed on first use).</summary>
    public static CancellationToken Token => Source.Value.Token;
}
