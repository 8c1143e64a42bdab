using System.Reflection;

namespace ML.AutoEncoderRec.Persistence;

/// <summary>
/// Turns whatever a failed model load raised (our loaders' <see cref="InvalidDataException"/>, the zip reader's
/// CRC or format errors, ML.NET's wrappers around them) into one <see cref="InvalidDataException"/> that names the
/// file and the real cause.
/// </summary>
internal static class ModelDamage
{
    /// <summary>Whether <paramref name="e"/> means the model content is bad (rather than a missing file, a denied read or a cancelled call).</summary>
    /// <param name="e">What the load raised.</param>
    /// <param name="path">The model file, or null when loading from a stream: a missing file is not damage, a missing assembly the file names is.</param>
    public static bool IsDamage(Exception e, string? path) =>
        e is FileNotFoundException or FileLoadException ? path == null || File.Exists(path) :
        e is (InvalidDataException or FormatException or InvalidOperationException or ArgumentException or EndOfStreamException
            or TargetInvocationException or NotSupportedException)
        and not (ArgumentNullException or ObjectDisposedException);

    /// <summary>"&lt;what&gt; is damaged or not an ML.AutoEncoderRec model: &lt;cause&gt;", wrapping the innermost cause.</summary>
    public static InvalidDataException Describe(string what, Exception e)
    {
        var cause = RootCause(e);
        string message = cause is EndOfStreamException
            ? "a stream ends before everything its counts announce was read (a count or vocabulary disagrees with the stored values)"
            : cause.Message;
        return new InvalidDataException($"{what} is damaged or not an ML.AutoEncoderRec model: {message}", cause);
    }

    /// <summary>The exception where the damage was found: the innermost of the chain, or the first one our loaders or the zip reader raised.</summary>
    private static Exception RootCause(Exception e)
    {
        for (var current = e; current != null; current = current.InnerException)
            if (current is InvalidDataException) return current;
        var innermost = e;
        while (innermost.InnerException != null) innermost = innermost.InnerException;
        return innermost;
    }
}
