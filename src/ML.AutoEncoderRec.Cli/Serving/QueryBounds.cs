using System.Globalization;

namespace ML.AutoEncoderRec.Cli.Serving;

/// <summary>Reads a bounded integer from the query string, with a message that says what is wrong.</summary>
internal static class QueryBounds
{
    /// <summary>
    /// <paramref name="text"/> as an integer in [<paramref name="min"/>, <paramref name="max"/>], or
    /// <paramref name="fallback"/> when absent; otherwise false with <paramref name="error"/> naming the parameter.
    /// </summary>
    public static bool TryRead(string? text, string name, int fallback, int min, int max, out int value, out string error)
    {
        error = "";
        value = fallback;
        if (text == null) return true;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            error = $"'{name}' must be an integer from {min} to {max}; got '{text}'.";
        else if (value < min || value > max)
            error = $"'{name}' must be from {min} to {max}; got {value}.";
        return error.Length == 0;
    }

    /// <summary>Checks a value given in a JSON body the same way.</summary>
    public static bool TryCheck(int? given, string name, int fallback, int min, int max, out int value, out string error)
    {
        value = given ?? fallback;
        error = value < min || value > max ? $"'{name}' must be from {min} to {max}; got {value}." : "";
        return error.Length == 0;
    }
}
