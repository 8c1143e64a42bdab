using System.Text;

namespace ML.AutoEncoderRec.Cli;

/// <summary>
/// Training progress on the command line: a progress bar redrawn in place when the output is the console and
/// stdout is a terminal (green unless <c>NO_COLOR</c> is set), otherwise one plain line per step, so logs and
/// redirected output stay readable and free of control characters.
/// </summary>
internal sealed class ProgressDisplay(TextWriter output, string label, int total)
{
    private const int BarWidth = 24;

    private readonly bool _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    private readonly bool _color = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Shows step <paramref name="step"/> of the total with its figures.</summary>
    public void Report(int step, string figures)
    {
        if (!_interactive)
        {
            output.WriteLine($"{label} {step,3}/{total}  {figures}");
            return;
        }
        int filled = total <= 0 ? BarWidth : Math.Clamp(step * BarWidth / total, 0, BarWidth);
        var line = new StringBuilder("\r");
        if (_color) line.Append("\u001b[32m");
        line.Append('[').Append('#', filled).Append('.', BarWidth - filled).Append(']');
        if (_color) line.Append("\u001b[0m");
        line.Append($" {label} {step}/{total}  {figures}\u001b[K");
        output.Write(line.ToString());
        if (step >= total) output.WriteLine();
        output.Flush();
    }
}
