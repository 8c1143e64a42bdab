namespace ML.AutoEncoderRec.Cli.Engines;

/// <summary>Every engine the command line offers, in the order help and comparisons list them.</summary>
internal static class CliEngines
{
    public static IReadOnlyList<CliEngine> All { get; } =
    [
        new AutoEncoderCliEngine(),
        AutoEncoderPresetCliEngine.ItemResidual,
        AutoEncoderPresetCliEngine.Multinomial,
        new SvdCliEngine(),
        new SvdCliEngine(centeredVariant: true),
        new MatrixFactorizationCliEngine(),
        new BiasCliEngine(),
        new GlobalMeanCliEngine(),
    ];

    /// <summary>The engine called <paramref name="name"/>.</summary>
    /// <exception cref="UsageException">No engine has that name.</exception>
    public static CliEngine Find(string name) => All.FirstOrDefault(e => e.Name == name)
        ?? throw new UsageException($"Unknown engine '{name}'; choose one of: {string.Join(", ", All.Select(e => e.Name))}.");
}
